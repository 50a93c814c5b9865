import { createServer, type Server } from 'node:http';
import { Socket, type AddressInfo } from 'node:net';

import { Webhook } from 'standardwebhooks';

import { WebhookSink, expectEventually } from '@throughcare/testing';
import { generateWebhookSecret, type HostLookup } from '@throughcare/webhooks';

import { closeWebhookConnections, sendWebhookTo, type SendWebhookOptions } from './webhook-sender';

// Every connection in this file goes to 127.0.0.1. Names are answered by injected lookups, so
// no DNS query leaves the machine, and refused addresses are never connected to.
const policy = { requireHttps: false, allowedHosts: ['127.0.0.1'] };
const body = JSON.stringify({ specversion: '1.0', id: 'msg_1', subject: 'A1234BC' });

function answers(table: Record<string, string>): HostLookup & { calls: string[] } {
  const calls: string[] = [];
  const lookup = async (hostname: string) => {
    calls.push(hostname);
    const address = table[hostname];
    if (!address) throw Object.assign(new Error('not found'), { code: 'ENOTFOUND' });
    return [{ address, family: address.includes(':') ? (6 as const) : (4 as const) }];
  };
  return Object.assign(lookup, { calls });
}

describe('sendWebhookTo', () => {
  let sink: WebhookSink;
  let port: number;
  let secret: string;
  const options = (overrides: Partial<SendWebhookOptions>): SendWebhookOptions => ({
    url: `http://hooks.subscriber.test:${port}/in`,
    webhookId: 'msg_0123456789abcdef0123456789abcdef',
    secrets: [secret],
    body,
    timeoutMs: 2000,
    policy,
    lookup: answers({ 'hooks.subscriber.test': '127.0.0.1' }),
    ...overrides,
  });

  beforeAll(async () => {
    sink = await new WebhookSink().start();
    port = Number(new URL(sink.url('/')).port);
  });
  afterAll(() => sink.stop());
  beforeEach(() => {
    secret = generateWebhookSecret();
    sink.received.length = 0;
    closeWebhookConnections();
  });
  afterEach(() => jest.restoreAllMocks());

  it('posts to the vetted address under the URL name, signed so the reference library verifies it', async () => {
    const result = await sendWebhookTo(options({}));
    expect(result).toMatchObject({ statusCode: 204, error: null });
    const [received] = sink.received;
    expect(received!.headers.host).toBe(`hooks.subscriber.test:${port}`);
    const headers = {
      'webhook-id': received!.headers['webhook-id'] as string,
      'webhook-timestamp': received!.headers['webhook-timestamp'] as string,
      'webhook-signature': received!.headers['webhook-signature'] as string,
    };
    expect(headers['webhook-id']).toBe('msg_0123456789abcdef0123456789abcdef');
    expect(new Webhook(secret).verify(received!.body, headers)).toEqual(JSON.parse(body));
    // One byte of the body changed: the signature no longer verifies.
    const tampered = received!.body.replace('A1234BC', 'A1234BD');
    expect(() => new Webhook(secret).verify(tampered, headers)).toThrow();
  });

  it('asks DNS once and connects to that answer, whatever a second answer would say (rebinding)', async () => {
    let asked = 0;
    const rebinding: HostLookup = async () => {
      asked += 1;
      return [{ address: asked === 1 ? '127.0.0.1' : '10.0.0.1', family: 4 }];
    };
    const connect = jest.spyOn(Socket.prototype, 'connect');
    expect(await sendWebhookTo(options({ lookup: rebinding }))).toMatchObject({ statusCode: 204 });
    expect(asked).toBe(1);
    expect(connect).toHaveBeenCalledTimes(1);
    expect(sink.received).toHaveLength(1);
  });

  it('keeps the connection for the next attempt to the same vetted address, and only for that', async () => {
    const connect = jest.spyOn(Socket.prototype, 'connect');
    expect(await sendWebhookTo(options({}))).toMatchObject({ statusCode: 204 });
    expect(await sendWebhookTo(options({ webhookId: 'msg_2' }))).toMatchObject({ statusCode: 204 });
    expect(connect).toHaveBeenCalledTimes(1);
    // The same name vetted to another address (where nothing listens) never rides the kept
    // connection: it connects afresh, to that address, and fails.
    const other = options({
      lookup: answers({ 'hooks.subscriber.test': '127.0.0.2' }),
      policy: { ...policy, allowedHosts: ['127.0.0.1', '127.0.0.2'] },
    });
    expect(await sendWebhookTo(other)).toMatchObject({ statusCode: null });
    expect(connect).toHaveBeenCalledTimes(2);
    expect(sink.received).toHaveLength(2);
  });

  it.each([
    ['a link-local literal', 'http://169.254.169.254/latest/meta-data', {}, 'link-local address'],
    ['a private literal', 'http://10.0.0.1/hook', {}, 'private address'],
    [
      'a name resolving to link-local',
      'http://metadata.internal.test/hook',
      { 'metadata.internal.test': '169.254.169.254' },
      'resolves to a link-local address',
    ],
    [
      'a name resolving to private',
      'http://intranet.test/hook',
      { 'intranet.test': '10.0.0.1' },
      'resolves to a private address',
    ],
    ['a loopback name not allowed', 'http://localhost:1/hook', {}, 'loopback host'],
  ])('refuses %s before any connection is made, for good', async (_case, url, table, reason) => {
    const connect = jest.spyOn(Socket.prototype, 'connect');
    const result = await sendWebhookTo(options({ url, lookup: answers(table) }));
    expect(result.statusCode).toBeNull();
    expect(result.error).toMatch(/^refused before connecting: /);
    expect(result.error).toContain(reason);
    expect(result.error).not.toMatch(/169\.254|10\.0\.0/); // the address is not echoed back
    expect(result.permanent).toBe(true);
    expect(connect).not.toHaveBeenCalled();
  });

  it('keeps retrying a name that does not resolve (DNS may answer later)', async () => {
    const result = await sendWebhookTo(options({ lookup: answers({}) }));
    expect(result).toMatchObject({ statusCode: null, permanent: false });
    expect(result.error).toContain('could not be resolved (ENOTFOUND)');
  });

  it('does not follow a redirect (it could point anywhere)', async () => {
    let requests = 0;
    const redirecting: Server = createServer((_req, res) => {
      requests += 1;
      res.writeHead(307, { location: 'http://10.0.0.1/elsewhere' }).end();
    });
    await new Promise<void>((resolve) => redirecting.listen(0, '127.0.0.1', resolve));
    const redirectPort = (redirecting.address() as AddressInfo).port;
    try {
      const result = await sendWebhookTo(options({ url: `http://127.0.0.1:${redirectPort}/in` }));
      expect(result).toMatchObject({ statusCode: 307, error: 'HTTP 307' });
      expect(requests).toBe(1);
    } finally {
      await new Promise((resolve) => redirecting.close(resolve));
    }
  });

  it('gives up an attempt at its deadline', async () => {
    sink.respondAfter('/slow', 1500);
    const result = await sendWebhookTo(
      options({ url: `http://127.0.0.1:${port}/slow`, timeoutMs: 300 }),
    );
    sink.respondAfter('/slow', 0);
    expect(result).toMatchObject({ statusCode: null, error: 'timed out after 300 ms' });
    expect(result.latencyMs).toBeGreaterThanOrEqual(290);
    expect(result.latencyMs).toBeLessThan(1400);
    // The sink still finishes its slow answer; let it, so nothing outlives the test.
    await expectEventually(() => expect(sink.received.map((r) => r.path)).toContain('/slow'));
  });
});
