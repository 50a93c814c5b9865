import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { ReceivedNotice } from './notice-accounting';

/**
 * A webhook receiver for load and chaos runs on 127.0.0.1: it keeps only what the accounting
 * needs from each notice (webhook-id, type, subject, path, when), not bodies and headers as
 * WebhookSink does, so tens of thousands of notices cost little; other paths (the plain-POST
 * baseline) are only counted. It can fail a fraction of requests at random (a flaky subscriber).
 */
export class NoticeSink {
  readonly notices: ReceivedNotice[] = [];
  /** Requests answered with an error on purpose. */
  refused = 0;
  /** Requests to paths outside /load/ (the baseline), answered 204. */
  baselineRequests = 0;
  private failureRate = 0;
  private server: Server | undefined;

  async start(port = 0): Promise<this> {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const path = req.url ?? '/';
        if (!path.startsWith('/load/')) {
          this.baselineRequests += 1;
          res.statusCode = 204;
          res.end();
          return;
        }
        if (this.failureRate > 0 && Math.random() < this.failureRate) {
          this.refused += 1;
          res.statusCode = 503;
          res.end();
          return;
        }
        this.notices.push(parseNotice(path, String(req.headers['webhook-id']), chunks));
        res.statusCode = 204;
        res.end();
      });
    });
    server.keepAliveTimeout = 5_000;
    this.server = server;
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    return this;
  }

  url(path: string): string {
    const { port } = this.server?.address() as AddressInfo;
    return `http://127.0.0.1:${port}${path}`;
  }

  /** From now on, answer this fraction of notices (0..1) with 503, at random. */
  failAtRandom(fraction: number): void {
    this.failureRate = fraction;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

function parseNotice(path: string, webhookId: string, chunks: Buffer[]): ReceivedNotice {
  const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
    type: string;
    subject?: string;
    data?: { disclosure?: { rule?: string } };
  };
  return {
    webhookId,
    type: body.type,
    subject: body.subject,
    path,
    receivedAt: Date.now(),
    rule: body.data?.disclosure?.rule,
  };
}
