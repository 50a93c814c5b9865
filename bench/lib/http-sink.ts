/**
 * A counting HTTP sink on 127.0.0.1 for the delivery benchmark: drains each request body and
 * answers 204, keeping only counters and the time of the first and last 2xx (performance.now(),
 * the same clock as the sender in this process). libs/testing's WebhookSink keeps every request
 * (headers and body), which would add its own memory and work to the figures, and its index pulls
 * in the Kafka and Postgres test infrastructure; this one keeps nothing per request.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';

export interface SinkCounters {
  /** Requests answered 204. */
  accepted: number;
  /** Of those, requests carrying Standard Webhooks headers (webhook-id and webhook-signature). */
  signed: number;
  /** TCP connections accepted (one per request for agent: false; few for keep-alive). */
  connections: number;
  minBodyBytes: number;
  maxBodyBytes: number;
  /** performance.now() when the first and the last 204 were written. */
  firstAcceptedAt: number;
  lastAcceptedAt: number;
}

function emptyCounters(): SinkCounters {
  return {
    accepted: 0,
    signed: 0,
    connections: 0,
    minBodyBytes: Number.POSITIVE_INFINITY,
    maxBodyBytes: 0,
    firstAcceptedAt: Number.NaN,
    lastAcceptedAt: Number.NaN,
  };
}

export class CountingSink {
  private server: Server | undefined;
  private counters: SinkCounters = emptyCounters();

  async start(): Promise<this> {
    const server = createServer((req, res) => {
      let bytes = 0;
      req.on('data', (chunk: Buffer) => (bytes += chunk.length));
      req.on('end', () => {
        const c = this.counters;
        c.accepted += 1;
        if (req.headers['webhook-id'] && req.headers['webhook-signature']) c.signed += 1;
        c.minBodyBytes = Math.min(c.minBodyBytes, bytes);
        c.maxBodyBytes = Math.max(c.maxBodyBytes, bytes);
        res.statusCode = 204;
        res.end();
        const now = performance.now();
        if (Number.isNaN(c.firstAcceptedAt)) c.firstAcceptedAt = now;
        c.lastAcceptedAt = now;
      });
    });
    server.on('connection', () => (this.counters.connections += 1));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    this.server = server;
    return this;
  }

  url(path: string): string {
    const address = this.server?.address() as AddressInfo | null;
    if (!address) throw new Error('sink not started');
    return `http://127.0.0.1:${address.port}${path}`;
  }

  /** The counters since the last reset, and a fresh set from now on. */
  reset(): SinkCounters {
    const previous = this.counters;
    this.counters = emptyCounters();
    return previous;
  }

  get current(): Readonly<SinkCounters> {
    return this.counters;
  }

  /** Drops every open connection (keep-alive ones too), then stops listening. */
  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
