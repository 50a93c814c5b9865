// A minimal Throughcare Hub notice receiver on node:http (no framework): reads the raw body,
// verifies it (Standard Webhooks), dedupes by webhook-id, answers 204 at once and processes
// afterwards. Logs ids only, never a notice's content.
//
//   WEBHOOK_SECRET=whsec_... node -r ./tools/register-ts.js examples/webhook-receiver/receiver.ts
//
// WEBHOOK_SECRET: one secret, or several comma-separated while you rotate (old,new).
// PORT: default 8080. Listens on 127.0.0.1 only: put your TLS-terminating proxy in front.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

import {
  NoticeVerificationError,
  assertValidSecrets,
  createDeduplicator,
  headerValue,
  verifyNotice,
  type Deduplicator,
} from '@throughcare/webhook-receiver';

export interface ReceiverOptions {
  /** The subscription's signing secret(s): `whsec_...`, several while rotating. */
  secrets: string | readonly string[];
  /**
   * Does the work, after the hub has had its 204. A failure is logged (id only) and the id is
   * forgotten, so that a replay (POST /v1/deliveries/{id}/replay) is processed again.
   */
  handle?: (notice: unknown, webhookId: string) => Promise<void> | void;
  dedupe?: Deduplicator;
  /** Where log lines go (default console.log); they hold ids and reason codes only. */
  log?: (line: string) => void;
  /** Larger bodies get 413 (default 1 MiB; notices are a few kilobytes). */
  maxBodyBytes?: number;
  toleranceSeconds?: number;
}

class BodyTooLarge extends Error {}

/** A server not yet listening: call `listen(port, '127.0.0.1')` on it. */
export function createReceiver(options: ReceiverOptions): Server {
  assertValidSecrets(options.secrets);
  const dedupe = options.dedupe ?? createDeduplicator();
  const log = options.log ?? ((line: string) => console.log(line));
  const handle = options.handle ?? (() => undefined);
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;
  const verifyOptions =
    options.toleranceSeconds === undefined ? {} : { toleranceSeconds: options.toleranceSeconds };

  const processLater = (notice: unknown, webhookId: string) => {
    // Off the request's path: the hub's timeout only covers the acknowledgement.
    setImmediate(() => {
      Promise.resolve()
        .then(() => handle(notice, webhookId))
        .then(
          () => log(`notice ${webhookId} processed`),
          (error: unknown) => {
            dedupe.forget(webhookId);
            // The error's name only: its message might quote the notice.
            log(`notice ${webhookId} failed in processing (${errorName(error)})`);
          },
        );
    });
  };

  const onRequest = async (request: IncomingMessage, response: ServerResponse) => {
    if (request.method !== 'POST') return answer(response, 405, { allow: 'POST' });
    let rawBody: Buffer;
    try {
      rawBody = await readBody(request, maxBodyBytes);
    } catch (error) {
      if (error instanceof BodyTooLarge) {
        log(`request refused: body over ${maxBodyBytes} bytes`);
        return answer(response, 413, { connection: 'close' });
      }
      return answer(response, 400);
    }
    let notice: unknown;
    try {
      notice = verifyNotice(rawBody, request.headers, options.secrets, verifyOptions);
    } catch (error) {
      if (!(error instanceof NoticeVerificationError)) throw error;
      const id = printableId(headerValue(request.headers, 'webhook-id'));
      log(`request ${id} refused: ${error.reason}`);
      return answer(response, statusFor(error.reason));
    }
    // Verified, so the id is the hub's: a forged request cannot poison the dedupe memory.
    const webhookId = headerValue(request.headers, 'webhook-id') as string;
    if (dedupe.isDuplicate(webhookId)) {
      log(`notice ${printableId(webhookId)} duplicate, acknowledged`);
      return answer(response, 204);
    }
    log(`notice ${printableId(webhookId)} accepted`);
    answer(response, 204);
    processLater(notice, webhookId);
  };

  return createServer((request, response) => {
    onRequest(request, response).catch((error: unknown) => {
      log(`request failed (${errorName(error)})`);
      if (!response.headersSent) answer(response, 500);
    });
  });
}

function statusFor(reason: NoticeVerificationError['reason']): number {
  switch (reason) {
    case 'bad-json':
      return 400;
    case 'bad-secret':
      // Our configuration, not the sender: the hub retries, which is what we want.
      return 500;
    case 'missing-headers':
    case 'stale-timestamp':
    case 'bad-signature':
      return 401;
  }
}

function answer(response: ServerResponse, status: number, headers: Record<string, string> = {}) {
  response.writeHead(status, headers).end();
}

function readBody(request: IncomingMessage, maxBytes: number): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        request.pause();
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

/** An unverified id is the sender's text: printed only if it looks like an id, and short. */
function printableId(id: string | undefined): string {
  if (id === undefined) return '(no webhook-id)';
  return /^[A-Za-z0-9_.:-]{1,128}$/.test(id) ? id : '(malformed webhook-id)';
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}

function main(): void {
  const secrets = (process.env['WEBHOOK_SECRET'] ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const port = Number(process.env['PORT'] ?? 8080);
  if (secrets.length === 0) {
    console.error('WEBHOOK_SECRET is required: whsec_... (comma-separated while rotating)');
    process.exit(1);
  }
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error('PORT must be a port number');
    process.exit(1);
  }
  let server: Server;
  try {
    server = createReceiver({
      secrets,
      handle: async (_notice, _webhookId) => {
        // Your work goes here: store the notice, then act on it. Log ids, never its content.
      },
    });
  } catch (error) {
    // The message names the secret's position, never the secret.
    console.error(`WEBHOOK_SECRET: ${(error as Error).message}`);
    process.exit(1);
  }
  server.listen(port, '127.0.0.1', () => {
    const address = server.address();
    const bound = typeof address === 'object' && address ? address.port : port;
    console.log(`receiving notices on http://127.0.0.1:${bound}`);
  });
  const stop = () => server.close(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

if (require.main === module) main();
