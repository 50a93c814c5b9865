import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { SearchPrisoner } from '../../src/release-dates/planned-release';

/**
 * A loopback Prisoner Search with its HMPPS Auth token endpoint: OAuth2 client credentials
 * (Basic client id and secret, `grant_type=client_credentials`), then `GET /prisoner/{n}` with
 * the bearer token, answering the published `Prisoner` shape (docs/hmpps-adapter.md).
 */
export class PrisonerSearchStandIn {
  readonly clientId = 'throughcare-hmpps-adapter';
  readonly clientSecret = randomBytes(18).toString('base64url');
  readonly prisoners = new Map<string, SearchPrisoner & Record<string, unknown>>();
  readonly lookups: string[] = [];
  tokensIssued = 0;
  private readonly token = randomBytes(24).toString('base64url');
  private server?: Server;
  private port = 0;

  async start(): Promise<this> {
    this.server = createServer((request, response) => {
      void this.answer(request).then(([status, body]) => {
        response
          .writeHead(status, { 'content-type': 'application/json' })
          .end(JSON.stringify(body));
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get tokenUrl(): string {
    return `http://127.0.0.1:${this.port}/auth/oauth/token`;
  }

  private async answer(request: IncomingMessage): Promise<[number, unknown]> {
    let body = '';
    for await (const chunk of request) body += String(chunk);
    const url = new URL(request.url ?? '/', this.baseUrl);
    if (request.method === 'POST' && url.pathname === '/auth/oauth/token') {
      const basic = `Basic ${Buffer.from(`${this.clientId}:${this.clientSecret}`).toString('base64')}`;
      if (request.headers.authorization !== basic) return [401, { error: 'invalid_client' }];
      if (new URLSearchParams(body).get('grant_type') !== 'client_credentials')
        return [400, { error: 'unsupported_grant_type' }];
      this.tokensIssued += 1;
      return [200, { access_token: this.token, token_type: 'bearer', expires_in: 1200 }];
    }
    const match = /^\/prisoner\/([A-Z0-9]+)$/.exec(url.pathname);
    if (request.method === 'GET' && match) {
      if (request.headers.authorization !== `Bearer ${this.token}`) return [401, { status: 401 }];
      this.lookups.push(match[1] ?? '');
      const prisoner = this.prisoners.get(match[1] ?? '');
      return prisoner ? [200, prisoner] : [404, { status: 404, userMessage: 'Not found' }];
    }
    return [404, { status: 404 }];
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) =>
      this.server ? this.server.close(() => resolve()) : resolve(),
    );
  }
}
