import {
  BadRequestException,
  Controller,
  ForbiddenException,
  HttpCode,
  Inject,
  Logger,
  Post,
  Req,
  ServiceUnavailableException,
} from '@nestjs/common';
import type { Request } from 'express';

import { HMPPS_ADAPTER_CONFIG, type HmppsAdapterConfig } from '../config/hmpps-adapter.config';
import { HandleDomainEventHandler } from '../domain-events/handle-domain-event.handler';
import {
  InvalidHmppsMessageError,
  UpstreamUnavailableError,
} from '../domain-events/upstream-unavailable.error';
import {
  isAllowedSnsUrl,
  parseSnsMessage,
  verifySnsSignature,
  type SnsMessage,
} from './sns-message';
import { SigningCertificates } from './signing-certificates';

/**
 * The SNS HTTPS subscription endpoint (HMPPS-4). SNS posts `text/plain` JSON; 2xx ends its
 * retries, anything else makes it deliver again, so only a transient failure answers 5xx.
 */
@Controller('hmpps')
export class SnsController {
  private readonly logger = new Logger(SnsController.name);

  constructor(
    private readonly certificates: SigningCertificates,
    private readonly handler: HandleDomainEventHandler,
    @Inject(HMPPS_ADAPTER_CONFIG) private readonly config: HmppsAdapterConfig,
  ) {}

  @Post('sns')
  @HttpCode(200)
  async receive(@Req() request: Request): Promise<{ outcome: string }> {
    const message = await this.verified(parseBody(request.body));
    try {
      return await this.dispatch(message);
    } catch (error) {
      if (error instanceof InvalidHmppsMessageError) throw new BadRequestException(error.reason);
      if (error instanceof UpstreamUnavailableError)
        throw new ServiceUnavailableException(error.message);
      throw error;
    }
  }

  private async verified(body: unknown): Promise<SnsMessage> {
    const parsed = parseSnsMessage(body);
    if (!parsed.ok) throw new ForbiddenException(parsed.reason);
    const message = parsed.message;
    // Refused before any certificate is fetched: a topic we do not subscribe to costs nothing.
    if (!this.config.sns.topicArns.has(message.TopicArn))
      throw new ForbiddenException('TopicArn is not a configured topic');
    if (!isAllowedSnsUrl(message.SigningCertURL, this.config.sns.certHostPattern))
      throw new ForbiddenException('SigningCertURL is not an allowed SNS certificate URL');
    const pem = await this.certificates.pem(message.SigningCertURL).catch((error: Error) => {
      throw new ServiceUnavailableException(error.message);
    });
    if (!verifySnsSignature(message, pem))
      throw new ForbiddenException('the SNS signature does not verify');
    return message;
  }

  private async dispatch(message: SnsMessage): Promise<{ outcome: string }> {
    switch (message.Type) {
      case 'SubscriptionConfirmation':
        return this.confirm(message);
      case 'UnsubscribeConfirmation':
        this.logger.warn(`SNS unsubscribed this endpoint from ${message.TopicArn}`);
        return { outcome: 'unsubscribe noted' };
      case 'Notification': {
        const handled = await this.handler.execute({
          messageId: message.MessageId,
          source: 'sns',
          body: parseMessage(message.Message),
        });
        return { outcome: handled.duplicate ? 'already handled' : handled.outcome };
      }
    }
  }

  private async confirm(message: SnsMessage): Promise<{ outcome: string }> {
    const url = message.SubscribeURL ?? '';
    if (!isAllowedSnsUrl(url, this.config.sns.certHostPattern))
      throw new ForbiddenException('SubscribeURL is not an allowed SNS URL');
    await this.certificates.get(url).catch((error: Error) => {
      throw new ServiceUnavailableException(error.message);
    });
    this.logger.log(`SNS subscription to ${message.TopicArn} confirmed`);
    return { outcome: 'subscription confirmed' };
  }
}

function parseBody(body: unknown): unknown {
  if (typeof body !== 'string') throw new BadRequestException('the body must be SNS JSON');
  try {
    return JSON.parse(body) as unknown;
  } catch {
    throw new BadRequestException('the body is not JSON');
  }
}

function parseMessage(message: string): unknown {
  try {
    return JSON.parse(message) as unknown;
  } catch {
    throw new InvalidHmppsMessageError('the SNS Message is not JSON');
  }
}
