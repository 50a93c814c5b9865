import { type DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';

import {
  CORRELATION_HEADER,
  acceptCorrelationId,
  currentCorrelationId,
  runWithCorrelationId,
} from '../correlation-id';
import { redactUrl, redactingDestination } from './credential-redaction';
import { REDACTED_PATHS } from './personal-data-redaction';

export interface HubLoggerOptions {
  service: string;
  level: string;
}

/**
 * JSON logs (pino) with the service name, the correlation id and a redaction list; request URLs
 * without their query string, and every line scrubbed of credential-shaped values on its way
 * out (docs/security/access-rules.md LOG-1, LOG-2).
 */
@Module({})
export class HubLoggerModule {
  static forRoot(options: HubLoggerOptions): DynamicModule {
    return {
      module: HubLoggerModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: [
            {
              level: options.level,
              base: { service: options.service },
              redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
              mixin: () => {
                const correlationId = currentCorrelationId();
                return correlationId ? { correlationId } : {};
              },
              genReqId: (req, res) => {
                const id = acceptCorrelationId(req.headers[CORRELATION_HEADER]);
                res.setHeader(CORRELATION_HEADER, id);
                return id;
              },
              customProps: (req) => ({ correlationId: req.id }),
              autoLogging: {
                ignore: (req) => (req.url ?? '').startsWith('/health') || req.url === '/metrics',
              },
              serializers: {
                req: (req: { id: unknown; method: string; url: string }) => ({
                  id: req.id,
                  method: req.method,
                  url: redactUrl(req.url),
                }),
              },
            },
            redactingDestination(),
          ],
        }),
      ],
    };
  }
}

/** Express middleware: HTTP handlers run inside the request's correlation id. */
export function correlationMiddleware(
  req: { id?: unknown; headers: Record<string, unknown> },
  _res: unknown,
  next: () => void,
): void {
  const id =
    typeof req.id === 'string' ? req.id : acceptCorrelationId(req.headers[CORRELATION_HEADER]);
  runWithCorrelationId(id, next);
}
