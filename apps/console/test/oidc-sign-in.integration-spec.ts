import { join } from 'node:path';

import type { NestExpressApplication } from '@nestjs/platform-express';
import { Pool } from 'pg';

import {
  buildReception,
  buildReleaseEvent,
  expectEventually,
  HubApiClient,
  OidcTestProvider,
  type RunningService,
  startService,
  stopService,
  uniquePrisonNumber,
} from '@throughcare/testing';

import { parseRoleMap, type ConsoleConfig } from '../src/config/console.config';
import { createConsoleApp } from '../src/console-app';
import { migrateConsoleSchema } from '../src/database/console-schema';

/*
 * Sign-in through a real OpenID Connect provider (oidc-provider, a process of its own on
 * 127.0.0.1), the api as a process and the console in this process, on the run's PostgreSQL, Redis and Kafka.
 * A browser is played by fetch with a cookie jar, following every redirect of the authorization
 * code flow by hand so each step can be checked.
 */

const offset = Number(process.env['TEST_PORT_OFFSET'] ?? 0);
const API_PORT = 3340 + offset;
const CONSOLE_PORT = 3341 + offset;
const PROVIDER_PORT = 3342 + offset;
const PRISON = 'OIA';
const CONSOLE = `http://127.0.0.1:${CONSOLE_PORT}`;
const ISSUER = `http://127.0.0.1:${PROVIDER_PORT}`;
const REDIRECT = `${CONSOLE}/sign-in/oidc/callback`;

/** A browser without JavaScript: one cookie jar for 127.0.0.1 (cookies ignore ports). */
class Browser {
  private readonly cookies = new Map<string, string>();

  async get(url: string) {
    return this.send('GET', url);
  }

  async post(url: string, form: Record<string, string>) {
    return this.send('POST', url, new URLSearchParams(form).toString());
  }

  /** Follows redirects until one leaves for `stopAt` (or a page answers), returning each hop. */
  async follow(url: string, stopAt?: string) {
    const hops: string[] = [];
    let answer = await this.get(url);
    while (answer.location && !(stopAt && answer.location.startsWith(stopAt))) {
      const next = new URL(answer.location, answer.url).toString();
      hops.push(next);
      answer = await this.get(next);
    }
    return { ...answer, hops };
  }

  private async send(method: string, url: string, body?: string) {
    const response = await fetch(url, {
      method,
      redirect: 'manual',
      headers: {
        cookie: [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; '),
        ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      body,
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = cookie.split(';');
      const [name = '', value = ''] = pair.trim().split('=');
      const expired = attributes.some((a) => /^\s*expires=Thu, 01 Jan 1970/i.test(a));
      if (expired || !value) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return {
      url,
      status: response.status,
      html: await response.text(),
      location: response.headers.get('location'),
    };
  }
}

describe('console sign-in through an OpenID Connect provider', () => {
  let api: RunningService;
  let app: NestExpressApplication;
  let provider: OidcTestProvider;
  let pool: Pool;
  const person = uniquePrisonNumber();
  const sub = `rita-${Date.now().toString(36)}`;
  const people: Record<string, Record<string, unknown>> = {
    [sub]: {
      preferred_username: `RITA_R_${sub}`,
      name: 'Rita Rider',
      roles: ['ROLE_UNRELATED', 'ROLE_THROUGHCARE_RELEASE'],
      establishments: [PRISON],
    },
    [`${sub}-none`]: {
      preferred_username: `nobody-${sub}`,
      name: 'No Role',
      roles: ['ROLE_UNRELATED'],
      establishments: [PRISON],
    },
  };

  /** From the console's sign-in button to the provider's sign-in page of this attempt. */
  async function toProvider(browser: Browser) {
    const signInPage = await browser.get(`${CONSOLE}/sign-in`);
    expect(signInPage.html).toContain('Sign in with Test SSO');
    const started = await browser.get(`${CONSOLE}/sign-in/oidc`);
    expect(started.status).toBe(303);
    const authorize = new URL(started.location as string);
    const atProvider = await browser.follow(authorize.toString());
    const interaction = /action="(\/interaction\/[^"]+)"/.exec(atProvider.html)?.[1];
    expect(interaction).toBeDefined();
    return { authorize, interaction: `${ISSUER}${interaction}` };
  }

  /** Signs in at the provider as `accountId`; the console's callback URL the provider sends back to. */
  async function signInAtProvider(browser: Browser, accountId: string): Promise<string> {
    const { interaction } = await toProvider(browser);
    const finished = await browser.post(interaction, { login: accountId });
    expect(finished.status).toBe(303);
    const back = await browser.follow(
      new URL(finished.location as string, ISSUER).toString(),
      REDIRECT,
    );
    expect(back.location?.startsWith(`${REDIRECT}?`)).toBe(true);
    return back.location as string;
  }

  async function audited(username: string) {
    const { rows } = await pool.query<{ action: string; detail: string }>(
      'SELECT action, detail FROM console.audit_event WHERE username = $1 ORDER BY id',
      [username],
    );
    return rows;
  }

  beforeAll(async () => {
    pool = new Pool({ connectionString: process.env['DATABASE_URL'], max: 2 });
    await migrateConsoleSchema(pool);
    const logDir = join(process.env['TEST_LOG_DIR'] ?? '.cache', 'console-oidc');
    provider = new OidcTestProvider(
      PROVIDER_PORT,
      {
        client_id: 'throughcare-console',
        client_secret: 'a client secret for the test provider',
        redirect_uri: REDIRECT,
      },
      people,
    );
    [, api] = await Promise.all([
      provider.start(),
      startService('api', API_PORT, process.env, logDir),
    ]);
    const apiUrl = `http://127.0.0.1:${API_PORT}`;
    const admin = new HubApiClient(apiUrl, process.env['HUB_ADMIN_KEY'] as string);

    const config: ConsoleConfig = {
      host: '127.0.0.1',
      port: CONSOLE_PORT,
      databaseUrl: process.env['DATABASE_URL'] as string,
      redisUrl: process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379',
      sessionPrefix: `${process.env['BULL_PREFIX']}-console-oidc`,
      apiUrl,
      apiKey: process.env['HUB_ADMIN_KEY'] as string,
      idleTimeoutSeconds: 600,
      lockout: { attempts: 5, minutes: 15 },
      secureCookies: false,
      oidc: {
        issuerUrl: ISSUER,
        clientId: 'throughcare-console',
        clientSecret: 'a client secret for the test provider',
        redirectUrl: REDIRECT,
        scopes: 'openid profile hub',
        displayName: 'Test SSO',
        claims: {
          username: 'preferred_username',
          role: 'roles',
          roleMap: parseRoleMap(
            'ROLE_THROUGHCARE_ADMIN=admin, ROLE_THROUGHCARE_RELEASE=release-team',
          ),
          establishments: 'establishments',
          organisation: 'organisation',
        },
      },
    };
    app = await createConsoleApp(config);
    await app.listen(CONSOLE_PORT, '127.0.0.1');

    // Someone at the person's prison, released tomorrow, for the caseload to show.
    const londonToday = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format();
    const tomorrow = new Date(Date.parse(`${londonToday}T12:00:00Z`) + 86_400_000)
      .toISOString()
      .slice(0, 10);
    expect(
      (
        await admin.post(
          '/v1/events/reception',
          buildReception({
            prisonNumber: person,
            establishment: PRISON,
            receivedAt: new Date(Date.now() - 86_400_000).toISOString(),
            cjitCaseload: undefined,
          }),
        )
      ).status,
    ).toBe(202);
    await expectEventually(async () =>
      expect(
        (await pool.query('SELECT 1 FROM api.person WHERE prison_number = $1', [person])).rowCount,
      ).toBe(1),
    );
    expect(
      (
        await admin.post(
          '/v1/events/release',
          buildReleaseEvent({ prisonNumber: person, establishment: PRISON, releaseDate: tomorrow }),
        )
      ).status,
    ).toBe(202);
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    if (api) await stopService(api);
    await provider?.stop();
    await pool?.end();
  });

  it('signs in a person whose role claim maps to release team, creating their account, and shows their caseload', async () => {
    const browser = new Browser();
    const { authorize } = await toProvider(browser);
    // The authorization code flow with PKCE, a state and a nonce.
    expect(authorize.origin).toBe(ISSUER);
    expect(authorize.searchParams.get('response_type')).toBe('code');
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(authorize.searchParams.get('state')).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(authorize.searchParams.get('nonce')).toMatch(/^[A-Za-z0-9_-]{20,}$/);

    const callback = await signInAtProvider(browser, sub);
    const signedIn = await browser.get(callback);
    expect(signedIn).toMatchObject({ status: 303, location: '/caseload' });
    const username = `rita_r_${sub}`;
    await expectEventually(async () => {
      const caseload = await browser.get(`${CONSOLE}/caseload`);
      expect(caseload.status).toBe(200);
      expect(caseload.html).toContain('Rita Rider');
      expect(caseload.html).toContain(`id="release-${person}"`);
    });

    // The provider asks for the second factor: no console code to turn on.
    expect((await browser.get(`${CONSOLE}/account`)).html).toContain('Through Test SSO');
    expect((await browser.get(`${CONSOLE}/account/totp`)).location).toBe('/account');

    const { rows } = await pool.query(
      'SELECT * FROM console.staff_account WHERE oidc_subject = $1',
      [`${ISSUER} ${sub}`],
    );
    expect(rows).toEqual([
      expect.objectContaining({
        username,
        display_name: 'Rita Rider',
        role: 'release-team',
        establishments: [PRISON],
        password_hash: null,
      }),
    ]);
    expect(await audited(username)).toEqual(
      expect.arrayContaining([{ action: 'signed-in', detail: 'openid connect' }]),
    );

    // A later sign-in brings the account up to date with the provider's claims, same account.
    people[sub] = { ...people[sub], name: 'Rita Rider-Smith', roles: ['ROLE_THROUGHCARE_ADMIN'] };
    provider.setAccounts(people);
    const again = new Browser();
    expect(await again.get(await signInAtProvider(again, sub))).toMatchObject({
      status: 303,
      location: '/admin/audit',
    });
    const after = await pool.query('SELECT * FROM console.staff_account WHERE username = $1', [
      username,
    ]);
    expect(after.rows).toEqual([
      expect.objectContaining({
        id: rows[0].id,
        display_name: 'Rita Rider-Smith',
        role: 'admin',
        establishments: [],
      }),
    ]);
    // No password: the password form refuses the account like an unknown username.
    const password = new Browser();
    const form = await password.get(`${CONSOLE}/sign-in`);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(form.html)?.[1] as string;
    expect(
      (
        await password.post(`${CONSOLE}/sign-in`, {
          _csrf: csrf,
          username,
          password: 'x'.repeat(12),
        })
      ).status,
    ).toBe(400);
  });

  it('refuses a person whose claims map to no role with a page saying so, creating no account', async () => {
    const browser = new Browser();
    const refused = await browser.get(await signInAtProvider(browser, `${sub}-none`));
    expect(refused.status).toBe(403);
    expect(refused.html).toContain('You cannot sign in');
    expect(refused.html).toContain('does not give you a role in this service');
    expect((await browser.get(`${CONSOLE}/caseload`)).location).toBe('/sign-in');
    const { rowCount } = await pool.query(
      'SELECT 1 FROM console.staff_account WHERE oidc_subject = $1',
      [`${ISSUER} ${sub}-none`],
    );
    expect(rowCount).toBe(0);
    expect(await audited(`nobody-${sub}`)).toEqual([
      { action: 'sign-in-refused', detail: 'openid connect: no mapped role' },
    ]);
  });

  it('refuses an answer whose state is not the one this session sent, and one no session asked for', async () => {
    const browser = new Browser();
    const callback = new URL(await signInAtProvider(browser, sub));
    callback.searchParams.set('state', 'a-state-this-session-never-sent');
    const refused = await browser.get(callback.toString());
    expect(refused.status).toBe(400);
    expect(refused.html).toContain('Your sign-in could not be completed');
    expect((await browser.get(`${CONSOLE}/caseload`)).location).toBe('/sign-in');

    // The same answer again, or in a browser that never started a sign-in: nothing pending.
    const stranger = new Browser();
    const unasked = await stranger.get(callback.toString());
    expect(unasked.status).toBe(400);
    expect((await stranger.get(`${CONSOLE}/caseload`)).location).toBe('/sign-in');
    const refusals = async (detail: string) =>
      (
        await pool.query(
          `SELECT 1 FROM console.audit_event WHERE action = 'sign-in-refused' AND detail LIKE $1`,
          [detail],
        )
      ).rowCount;
    expect(await refusals('openid connect: state mismatch%')).toBeGreaterThanOrEqual(1);
    expect(await refusals('openid connect: no sign-in pending%')).toBeGreaterThanOrEqual(1);
  });
});
