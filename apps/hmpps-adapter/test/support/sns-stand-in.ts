import { execFileSync } from 'node:child_process';
import { createSign, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { snsStringToSign, type SnsMessage } from '../../src/sns/sns-message';

/**
 * A loopback stand-in for the SNS side: a self-signed certificate made for this test run (its
 * key never leaves the temporary directory), served over HTTPS as the signing certificate, a
 * SubscribeURL that records confirmations, and SNS-shaped messages signed with that key.
 */
export class SnsStandIn {
  readonly confirmations: string[] = [];
  readonly certificateFile: string;
  private readonly directory = mkdtempSync(join(tmpdir(), 'sns-stand-in-'));
  private readonly key: string;
  private readonly certificate: string;
  private server?: Server;
  private port = 0;

  constructor(readonly topicArn: string) {
    this.certificateFile = join(this.directory, 'cert.pem');
    // node:crypto makes keys but not certificates; openssl makes a throwaway one.
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-keyout',
        join(this.directory, 'key.pem'),
        '-out',
        this.certificateFile,
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
      ],
      { stdio: 'ignore' },
    );
    this.key = readFileSync(join(this.directory, 'key.pem'), 'utf8');
    this.certificate = readFileSync(this.certificateFile, 'utf8');
  }

  async start(): Promise<this> {
    this.server = createServer({ key: this.key, cert: this.certificate }, (request, response) => {
      const url = new URL(request.url ?? '/', 'https://127.0.0.1');
      if (url.pathname === '/SimpleNotificationService-test.pem') {
        response.writeHead(200, { 'content-type': 'text/plain' }).end(this.certificate);
        return;
      }
      if (url.pathname === '/' && url.searchParams.get('Action') === 'ConfirmSubscription') {
        this.confirmations.push(url.searchParams.get('Token') ?? '');
        response
          .writeHead(200, { 'content-type': 'text/xml' })
          .end('<ConfirmSubscriptionResponse/>');
        return;
      }
      response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  get certificateUrl(): string {
    return `https://127.0.0.1:${this.port}/SimpleNotificationService-test.pem`;
  }

  /** A Notification carrying `message` (an HMPPS event, sent as its text unchanged). */
  notification(
    message: string,
    fields: Partial<SnsMessage> = {},
    version: '1' | '2' = '1',
  ): SnsMessage {
    return this.sign({
      Type: 'Notification',
      MessageId: randomUUID(),
      TopicArn: this.topicArn,
      Message: message,
      Timestamp: new Date().toISOString(),
      SignatureVersion: version,
      Signature: '',
      SigningCertURL: this.certificateUrl,
      ...fields,
    });
  }

  subscriptionConfirmation(token: string): SnsMessage {
    return this.sign({
      Type: 'SubscriptionConfirmation',
      MessageId: randomUUID(),
      TopicArn: this.topicArn,
      Message: `You have chosen to subscribe to the topic ${this.topicArn}.`,
      SubscribeURL: `https://127.0.0.1:${this.port}/?Action=ConfirmSubscription&TopicArn=${encodeURIComponent(this.topicArn)}&Token=${token}`,
      Token: token,
      Timestamp: new Date().toISOString(),
      SignatureVersion: '2',
      Signature: '',
      SigningCertURL: this.certificateUrl,
    });
  }

  /** Signs as SNS does: over the message's own fields, so a field changed afterwards fails. */
  sign(message: SnsMessage): SnsMessage {
    const algorithm = message.SignatureVersion === '1' ? 'RSA-SHA1' : 'RSA-SHA256';
    const signature = createSign(algorithm)
      .update(snsStringToSign(message))
      .sign(this.key, 'base64');
    return { ...message, Signature: signature };
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) =>
      this.server ? this.server.close(() => resolve()) : resolve(),
    );
    rmSync(this.directory, { recursive: true, force: true });
  }
}
