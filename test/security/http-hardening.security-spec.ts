import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

import {
  HubApiClient,
  TestDatabase,
  buildReleaseEvent,
  expectEventually,
  startHub,
  startService,
  stopService,
  type RunningHub,
  type RunningService,
} from '@throughcare/testing';

/*
 * Issue 12 findings 4, 6 and 7 on the real stack: credentials never reach a log line, every
 * answer carries the perimeter headers and a plain 404, failed authentications and busy keys
 * are answered 429 with Retry-After (held in Redis, so a second api instance agrees), counted on
 * /metrics, and an organisation's subscriptions are capped (docs/security/access-rules.md).
 */

const BASE_PORT = 3720;
const SECOND_API_PORT = 3730;
const KEY_LIMIT = 200;
const FAILED_AUTH_LIMIT = 20;
const SUBSCRIPTION_CAP = 3;

type Fetched = { status: number; headers: Headers; text: string };

async function call(url: string, init: RequestInit = {}): Promise<Fetched> {
  const response = await fetch(url, init);
  return { status: response.status, headers: response.headers, text: await response.text() };
}

describe('HTTP hardening (issue 12, findings 4, 6 and 7)', () => {
  const logDir = `${process.env['TEST_LOG_DIR']}/http-hardening`;
  const adminKey = process.env['HUB_ADMIN_KEY'] as string;
  const offset = Number(process.env['TEST_PORT_OFFSET'] ?? 0);
  // Its own Redis prefix: the lockout this suite provokes must not reach another suite's hub.
  const env = {
    ...process.env,
    BULL_PREFIX: `${process.env['BULL_PREFIX'] ?? 'thub'}-hardening`,
    RATE_LIMIT_KEY_PER_MINUTE: String(KEY_LIMIT),
    RATE_LIMIT_FAILED_AUTH_PER_MINUTE: String(FAILED_AUTH_LIMIT),
    RATE_LIMIT_FAILED_AUTH_BLOCK: '10m',
    SUBSCRIPTIONS_PER_ORGANISATION: String(SUBSCRIPTION_CAP),
  };
  let hub: RunningHub;
  let admin: HubApiClient;
  let db: TestDatabase;
  const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

  beforeAll(async () => {
    db = new TestDatabase();
    hub = await startHub(env, BASE_PORT, logDir);
    admin = new HubApiClient(hub.apiUrl, adminKey);
  }, 180_000);

  afterAll(async () => {
    await hub?.stop();
    await db?.close();
  });

  function serviceLogs(): string {
    return readdirSync(logDir, { recursive: true })
      .map(String)
      .filter((file) => file.endsWith('.log'))
      .map((file) => readFileSync(join(logDir, file), 'utf8'))
      .join('\n');
  }

  it('writes no credential from a query string, a header or an answer into any service log', async () => {
    const inQuery = `thk_${randomBytes(24).toString('base64url')}`;
    const token = randomBytes(20).toString('hex');
    const password = `pw-${randomUUID()}`;
    const wrongKey = `thk_${randomBytes(24).toString('base64url')}`;
    const organisationId = `hardening-logs-${randomUUID().slice(0, 8)}`;
    await admin.registerOrganisation({
      organisationId,
      type: 'CJIT',
      name: organisationId,
      localAuthorityCodes: ['E08000033'],
      spoc: { name: 'Duty worker', email: `spoc@${organisationId}.example` },
    });
    const { secret } = await admin.subscribe(organisationId, 'http://127.0.0.1:9/hook', [
      'throughcare.notice.*',
    ]);
    const api = hub.apiUrl;
    await call(`${api}/v1/deliveries?api_key=${inQuery}&status=FAILED`, {
      headers: bearer(adminKey),
    });
    await call(`${api}/v1/people/A1234BC/timeline?token=${token}`, { headers: bearer(adminKey) });
    await call(`${api}/v1/events/release?password=${password}`, {
      method: 'POST',
      headers: { ...bearer(adminKey), 'content-type': 'application/json' },
      body: JSON.stringify({ ...buildReleaseEvent(), password }),
    });
    await call(`${api}/v1/deliveries`, { headers: { ...bearer(wrongKey), 'x-api-key': inQuery } });
    await call(`${api}/v1/nope?access_token=${token}`);

    // The request lines are there (so the search below searches something), without queries.
    const logs = await expectEventually(() => {
      const text = serviceLogs();
      expect(text).toContain('"url":"/v1/deliveries?[redacted]"');
      expect(text).toContain('"url":"/v1/people/A1234BC/timeline?[redacted]"');
      return text;
    });
    for (const value of [inQuery, token, password, wrongKey, adminKey, secret])
      expect({ leaked: logs.includes(value) }).toEqual({ leaked: false });
    expect(logs).not.toMatch(/api_key=|access_token=|whsec_[A-Za-z0-9+/]{8}/);
  });

  it('answers with nosniff, no X-Powered-By, no-store under /v1 and a plain Not Found', async () => {
    const api = hub.apiUrl;
    const answers = [
      await call(`${api}/v1/openapi.json`),
      await call(`${api}/v1/people/A1234BC/timeline`, { headers: bearer(adminKey) }),
      await call(`${api}/v1/deliveries`),
      await call(`${api}/v1/nope`),
    ];
    for (const answer of answers) {
      expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
      expect(answer.headers.get('x-powered-by')).toBeNull();
      // The public OpenAPI document carries no personal data and keeps its own caching.
      if (answer !== answers[0]) expect(answer.headers.get('cache-control')).toBe('no-store');
      expect(answer.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    }
    const notFound = answers[3] as Fetched;
    expect(notFound.status).toBe(404);
    expect(notFound.headers.get('content-type')).toContain('application/problem+json');
    expect(JSON.parse(notFound.text)).toEqual({
      type: 'https://throughcare-hub.example/problems/not-found',
      title: 'Not Found',
      status: 404,
    });
    expect(notFound.text).not.toMatch(/Cannot|GET|express|nest/i);

    // The Swagger UI page still loads its local scripts under its own policy.
    const page = await call(`${api}/v1/docs`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    const bundle = await call(`${api}/v1/docs/swagger-ui-bundle.js`);
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get('content-type')).toContain('javascript');
  });

  it('caps the subscriptions of one organisation: the next is a 409 problem and is not stored', async () => {
    const organisationId = `hardening-cap-${randomUUID().slice(0, 8)}`;
    await admin.registerOrganisation({
      organisationId,
      type: 'COMMUNITY_PROVIDER',
      name: organisationId,
      localAuthorityCodes: ['E08000033'],
      spoc: { name: 'Duty worker', email: `spoc@${organisationId}.example` },
    });
    const subscribe = (n: number) =>
      admin.post('/v1/subscriptions', {
        organisationId,
        url: `http://127.0.0.1:9/hook-${n}`,
        types: ['throughcare.notice.*'],
      });
    for (let n = 0; n < SUBSCRIPTION_CAP; n++) expect((await subscribe(n)).status).toBe(201);
    const over = await subscribe(SUBSCRIPTION_CAP);
    expect(over.status).toBe(409);
    expect(over.contentType).toContain('application/problem+json');
    expect(JSON.stringify(over.body)).toContain(`already has ${SUBSCRIPTION_CAP}`);
    expect(
      await db.count('SELECT count(*) FROM api.subscription WHERE organisation_id = $1', [
        organisationId,
      ]),
    ).toBe(SUBSCRIPTION_CAP);
  });

  it('answers 429 with Retry-After once a key has made its requests for the minute', async () => {
    const organisationId = `hardening-busy-${randomUUID().slice(0, 8)}`;
    await admin.registerOrganisation({
      organisationId,
      type: 'CJIT',
      name: organisationId,
      localAuthorityCodes: ['E08000033'],
      spoc: { name: 'Duty worker', email: `spoc@${organisationId}.example` },
    });
    const issued = await admin.post('/v1/api-keys', { organisationId, role: 'subscriber' });
    const key = (issued.body as { key: string }).key;
    const answers: Fetched[] = [];
    for (let batch = 0; batch < 5; batch++)
      answers.push(
        ...(await Promise.all(
          Array.from({ length: 50 }, () =>
            call(`${hub.apiUrl}/v1/deliveries`, { headers: bearer(key) }),
          ),
        )),
      );
    const ok = answers.filter((a) => a.status === 200).length;
    const limited = answers.filter((a) => a.status === 429);
    expect(ok).toBe(KEY_LIMIT);
    expect(limited).toHaveLength(250 - KEY_LIMIT);
    expect(Number(limited[0]?.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(JSON.parse(limited[0]?.text ?? '{}')).toMatchObject({ status: 429 });
    // Another key is counted on its own.
    expect((await admin.get('/v1/subscriptions')).status).toBe(200);
    const metrics = await call(`${hub.apiUrl}/metrics`);
    expect(metricValue(metrics.text, 'throughcare_api_rate_limited_total', 'key')).toBe(50);
  });

  // Last: it locks this suite's client address out of every api instance for the block time.
  it('answers 2,000 wrong-key requests 429 with Retry-After within seconds, counts them, and a second api instance shares the lockout', async () => {
    const started = Date.now();
    const answers: Fetched[] = [];
    for (let batch = 0; batch < 40; batch++)
      answers.push(
        ...(await Promise.all(
          Array.from({ length: 50 }, () =>
            call(`${hub.apiUrl}/v1/deliveries`, {
              headers: bearer(`thk_${randomBytes(24).toString('base64url')}`),
            }),
          ),
        )),
      );
    const seconds = (Date.now() - started) / 1000;
    const unauthenticated = answers.filter((a) => a.status === 401).length;
    const limited = answers.filter((a) => a.status === 429);
    // The earlier tests spent up to two failed authentications of this minute's allowance.
    expect(unauthenticated).toBeGreaterThanOrEqual(FAILED_AUTH_LIMIT - 2);
    expect(unauthenticated).toBeLessThanOrEqual(FAILED_AUTH_LIMIT);
    expect(limited).toHaveLength(2000 - unauthenticated);
    expect(seconds).toBeLessThan(60);
    for (const answer of limited.slice(0, 5)) {
      expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(500);
      expect(answer.headers.get('content-type')).toContain('application/problem+json');
    }
    process.stdout.write(`2,000 wrong-key requests answered in ${seconds.toFixed(1)} s\n`);

    // Locked out, the address cannot tell a right key from a wrong one.
    const right = await call(`${hub.apiUrl}/v1/subscriptions`, { headers: bearer(adminKey) });
    expect(right.status).toBe(429);

    const metrics = await call(`${hub.apiUrl}/metrics`);
    expect(metricValue(metrics.text, 'throughcare_api_rate_limited_total', 'failed_auth')).toBe(
      limited.length + 1,
    );
    // Every wrong key checked against the database is counted: the allowance, and those of the
    // batch already past the lockout check when the limit was crossed.
    const failed = metricValue(metrics.text, 'throughcare_api_failed_authentications_total');
    expect(failed).toBeGreaterThan(unauthenticated);
    expect(failed).toBeLessThanOrEqual(unauthenticated + 50);

    // A second api instance on the same Redis refuses the address too: the limit is shared.
    let second: RunningService | undefined;
    try {
      second = await startService('api', SECOND_API_PORT + offset, env, `${logDir}/second-api`);
      const there = await call(`http://127.0.0.1:${second.port}/v1/subscriptions`, {
        headers: bearer(adminKey),
      });
      expect(there.status).toBe(429);
      expect(Number(there.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      if (second) await stopService(second);
    }
  }, 120_000);
});

/** The value of a Prometheus counter, for one `limit` label or unlabelled (0 when absent). */
function metricValue(text: string, name: string, limit?: string): number {
  const line = text
    .split('\n')
    .find((l) => l.startsWith(name) && (limit === undefined || l.includes(`limit="${limit}"`)));
  return line ? Number(line.split(' ').at(-1)) : 0;
}
