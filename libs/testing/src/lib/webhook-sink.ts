import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedWebhook {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  status: number;
  receivedAt: number;
}

/**
 * A local webhook receiver on 127.0.0.1 for tests and the demo. It records every request and
 * can be told to answer the next N requests to a path with an error status.
 */
export class WebhookSink {
  readonly received: ReceivedWebhook[] = [];
  private readonly failures = new Map<string, { remaining: number; status: number }>();
  private readonly delays = new Map<string, number>();
  private readonly open = new Map<string, number>();
  private server: Server | undefined;

  async start(port = 0): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => void answer());
      const answer = async () => {
        const path = req.url ?? '/';
        const delay = this.delays.get(path) ?? 0;
        this.open.set(path, (this.open.get(path) ?? 0) + 1);
        // Unref'd: a request held past the end of a test does not keep the test process alive.
        if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay).unref());
        this.open.set(path, (this.open.get(path) ?? 1) - 1);
        const failure = this.failures.get(path);
        const status = failure && failure.remaining > 0 ? failure.status : 204;
        if (failure && failure.remaining > 0) failure.remaining -= 1;
        this.received.push({
          path,
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
          status,
          receivedAt: Date.now(),
        });
        res.statusCode = status;
        res.end();
      };
    });
    await new Promise<void>((resolve) => this.server?.listen(port, '127.0.0.1', resolve));
    return this;
  }

  url(path: string): string {
    const { port } = this.server?.address() as AddressInfo;
    return `http://127.0.0.1:${port}${path}`;
  }

  /** The next `count` requests to `path` get `status`. */
  failNext(path: string, count: number, status = 503): void {
    this.failures.set(path, { remaining: count, status });
  }

  /** Every request to `path` is answered only after `ms` (a slow subscriber); 0 restores. */
  respondAfter(path: string, ms: number): void {
    this.delays.set(path, ms);
  }

  /** Requests to `path` received and not answered yet (held by `respondAfter`). */
  inFlight(path: string): number {
    return this.open.get(path) ?? 0;
  }

  requestsTo(path: string): ReceivedWebhook[] {
    return this.received.filter((r) => r.path === path);
  }

  /** Requests to `path` that were answered 2xx. */
  acceptedAt(path: string): ReceivedWebhook[] {
    return this.requestsTo(path).filter((r) => r.status >= 200 && r.status < 300);
  }

  async stop(): Promise<void> {
    // Requests still held (respondAfter) are cut: close() alone would wait for them.
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) =>
      this.server ? this.server.close(() => resolve()) : resolve(),
    );
  }
}
