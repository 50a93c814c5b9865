import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';

import { NOTIFIER_CONFIG, type NotifierConfig } from '../config/notifier.config';
import type { WebhookResult } from '../delivery/webhook-sender';

export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  /** Attached as a file, e.g. the notice as JSON. */
  attachment?: { filename: string; content: string };
}

/**
 * Secure e-mail through the configured relay (nodemailer over SMTP). In production the
 * connection must be TLS (smtps://, or STARTTLS required for smtp://).
 */
@Injectable()
export class EmailSender implements OnModuleDestroy {
  private readonly transport: Transporter | null;

  constructor(@Inject(NOTIFIER_CONFIG) private readonly config: NotifierConfig) {
    const { smtpUrl, requireTls } = config.email;
    this.transport = smtpUrl
      ? createTransport({
          url: smtpUrl,
          requireTLS: requireTls,
          connectionTimeout: config.delivery.timeoutMs,
          greetingTimeout: config.delivery.timeoutMs,
          socketTimeout: config.delivery.timeoutMs,
        })
      : null;
  }

  onModuleDestroy(): void {
    this.transport?.close();
  }

  /** Sends one message; the result reads like a webhook attempt (the SMTP reply code as status). */
  async send(email: OutgoingEmail): Promise<WebhookResult> {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    if (!this.transport)
      return { statusCode: null, latencyMs: 0, error: 'no e-mail relay: SMTP_URL is not set' };
    try {
      const info = (await this.transport.sendMail({
        from: this.config.email.from,
        to: email.to,
        subject: email.subject,
        text: email.text,
        attachments: email.attachment
          ? [{ ...email.attachment, contentType: 'application/json' }]
          : [],
      })) as { response?: string; rejected?: unknown[] };
      const code = Number(/^(\d{3})/.exec(info.response ?? '')?.[1] ?? 250);
      const rejected = (info.rejected ?? []).length > 0;
      return {
        statusCode: code,
        latencyMs: elapsed(),
        error: rejected ? `the relay rejected the recipient (${code})` : null,
      };
    } catch (error) {
      return {
        statusCode: null,
        latencyMs: elapsed(),
        error: `e-mail failed: ${(error as Error).message}`,
      };
    }
  }
}
