import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { generateWebhookSecret, signWebhook } from '@throughcare/webhooks';

import { createReceiver } from './receiver';

// Hub -> receiver: requests signed by the hub's own signer (libs/webhooks), checked by the
// subscriber-side lib inside the example receiver. Everything stays on 127.0.0.1.

const secret = generateWebhookSecret();

function noticeBody(id: string): string {
  return JSON.stringify({
    specversion: '1.0',
    id,
    source: 'urn:throughcare-hub',
    type: 'throughcare.notice.release.six-weeks',
    subject: 'A1234BC',
    time: new Date().toISOString(),
    datacontenttype: 'application/json',
    data: { releaseOn: '2025-07-14' },
  });
}

describe('example webhook receiver', () => {
  let server: Server;
  let url: string;
  let lines: string[];
  let handled: Array<{ webhookId: string; notice: unknown }>;
  let waiters: Array<() => void>;

  beforeEach(async () => {
    lines = [];
    handled = [];
    waiters = [];
    server = createReceiver({
      secrets: secret,
      log: (line) => lines.push(line),
      handle: (notice, webhookId) => {
        handled.push({ webhookId, notice });
        waiters.splice(0).forEach((wake) => wake());
      },
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/notices`;
  });

  afterEach(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const nextHandled = () => new Promise<void>((resolve) => waiters.push(resolve));

  function post(body: string, headers: Record<string, string>) {
    return fetch(url, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body,
    });
  }

  function signed(id: string, body = noticeBody(id), secrets = [secret]) {
    return signWebhook(secrets, id, Math.floor(Date.now() / 1000), body);
  }

  it('acknowledges a notice signed by the hub with 204, then processes it', async () => {
    const id = 'msg_00000000000000000000000000000001';
    const body = noticeBody(id);
    const processed = nextHandled();
    const response = await post(body, { ...signed(id, body) });
    expect(response.status).toBe(204);
    await processed;
    expect(handled).toEqual([{ webhookId: id, notice: JSON.parse(body) }]);
  });

  it('acknowledges the same webhook-id again with 204 but handles it once', async () => {
    const id = 'msg_00000000000000000000000000000002';
    const body = noticeBody(id);
    const processed = nextHandled();
    expect((await post(body, { ...signed(id, body) })).status).toBe(204);
    await processed;
    // A retry or replay: same webhook-id, signed afresh.
    expect((await post(body, { ...signed(id, body) })).status).toBe(204);
    await new Promise((resolve) => setImmediate(resolve));
    expect(handled.map(({ webhookId }) => webhookId)).toEqual([id]);
    expect(lines).toContain(`notice ${id} duplicate, acknowledged`);
  });

  it('refuses a tampered body with 401 and handles nothing', async () => {
    const id = 'msg_00000000000000000000000000000003';
    const body = noticeBody(id);
    const tampered = body.replace('A1234BC', 'A1234BD');
    const response = await post(tampered, { ...signed(id, body) });
    expect(response.status).toBe(401);
    expect(lines).toContain(`request ${id} refused: bad-signature`);
    // A forged request does not burn the id: the genuine notice still gets through.
    const processed = nextHandled();
    expect((await post(body, { ...signed(id, body) })).status).toBe(204);
    await processed;
    expect(handled).toHaveLength(1);
  });

  it('accepts a notice signed with two secrets during the hub rotation overlap', async () => {
    const id = 'msg_00000000000000000000000000000004';
    const body = noticeBody(id);
    const processed = nextHandled();
    const headers = signed(id, body, [generateWebhookSecret(), secret]);
    expect((await post(body, { ...headers })).status).toBe(204);
    await processed;
  });

  it('answers 401 without the headers or with a stale timestamp', async () => {
    const id = 'msg_00000000000000000000000000000005';
    const body = noticeBody(id);
    expect((await post(body, {})).status).toBe(401);
    const stale = signWebhook([secret], id, Math.floor(Date.now() / 1000) - 3600, body);
    expect((await post(body, { ...stale })).status).toBe(401);
    expect(lines).toEqual([
      'request (no webhook-id) refused: missing-headers',
      `request ${id} refused: stale-timestamp`,
    ]);
  });

  it('answers 400 to a correctly signed body that is not JSON', async () => {
    const id = 'msg_00000000000000000000000000000006';
    const body = '{"specversion":';
    expect((await post(body, { ...signed(id, body) })).status).toBe(400);
    expect(handled).toEqual([]);
  });

  it('answers 405 to anything but POST', async () => {
    expect((await fetch(url)).status).toBe(405);
  });

  it('logs ids and reason codes, never the notice content', async () => {
    const id = 'msg_00000000000000000000000000000007';
    const body = noticeBody(id);
    const processed = nextHandled();
    await post(body, { ...signed(id, body) });
    await post(body.replace('A1234BC', 'A9999ZZ'), { ...signed(id, body) });
    await processed;
    const logged = lines.join('\n');
    expect(logged).toContain(id);
    expect(logged).not.toMatch(/A1234BC|A9999ZZ|releaseOn|2025-07-14/);
  });

  it('refuses to start with a malformed secret', () => {
    expect(() => createReceiver({ secrets: 'whsec_not base64!' })).toThrow(/secret #1/);
  });
});
