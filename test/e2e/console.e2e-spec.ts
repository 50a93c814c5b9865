import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';

import { Algorithm, hash } from '@node-rs/argon2';
import Redis from 'ioredis';
import { Secret, TOTP } from 'otpauth';
import { Pool } from 'pg';
import type { Browser as ChromiumBrowser, Page } from 'playwright-core';

import {
  HubApiClient,
  OidcTestProvider,
  TestDatabase,
  WebhookSink,
  buildReception,
  buildReleaseEvent,
  expectEventually,
  recordConsentAndWait,
  startService,
  stopService,
  uniquePrisonNumber,
  WORKSPACE_ROOT,
  type RunningService,
} from '@throughcare/testing';

import {
  axeViolations,
  describeViolations,
  launchChromium,
  screenshot,
} from '../support/console-browser';

/*
 * The console (issue 15) over HTTP on the real stack: the api and the console each as its own
 * process (Kafka, PostgreSQL, Redis underneath), the console's accounts in PostgreSQL and its
 * sessions in Redis. Pages are read as HTML, forms posted as a browser without JavaScript would.
 */

const PRISON_A = 'CSA';
const PRISON_B = 'CSB';
const AREA = 'E08000036'; // Wakefield: only this suite registers a CJIT for it
const PASSWORD = 'a long enough password';
const offset = Number(process.env['TEST_PORT_OFFSET'] ?? 0);
const API_PORT = 4610 + offset;
const CONSOLE_PORT = 4615 + offset;
const PLANNER_PORT = 4613 + offset;
const NOTIFIER_PORT = 4614 + offset;
const PROVIDER_PORT = 4617 + offset;
/** The console as a client of the OpenID Connect provider the browser tests start. */
const OIDC_CLIENT = {
  client_id: 'throughcare-console',
  client_secret: 'a client secret for the test provider',
  redirect_uri: `http://127.0.0.1:${CONSOLE_PORT}/sign-in/oidc/callback`,
};

const LONDON_YMD = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' });

/** The London calendar date `days` from today, YYYY-MM-DD. */
function londonDate(days: number): string {
  const today = new Date(`${LONDON_YMD.format(new Date())}T12:00:00Z`);
  return new Date(today.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

function totp(secret: string, username: string): TOTP {
  return new TOTP({ label: username, secret: Secret.fromBase32(secret), digits: 6, period: 30 });
}

/** Runs a console script as a process of its own (TypeScript compiled on the fly). */
function consoleScript(script: string): string[] {
  return [
    '-r',
    join(WORKSPACE_ROOT, 'tools', 'register-ts.js'),
    join(WORKSPACE_ROOT, 'apps', 'console', 'src', script),
  ];
}

/** A browser without JavaScript: keeps its cookie, reads the CSRF token off each form. */
class Browser {
  private cookie = '';
  csrf = '';

  constructor(private readonly base: string) {}

  async get(path: string): Promise<{ status: number; html: string; location: string | null }> {
    return this.send('GET', path);
  }

  async post(
    path: string,
    form: Record<string, string>,
    withCsrf = true,
  ): Promise<{ status: number; html: string; location: string | null }> {
    const body = new URLSearchParams({ ...(withCsrf ? { _csrf: this.csrf } : {}), ...form });
    return this.send('POST', path, body.toString());
  }

  async signIn(username: string, password = PASSWORD) {
    await this.get('/sign-in');
    return this.post('/sign-in', { username, password });
  }

  private async send(method: string, path: string, body?: string) {
    const response = await fetch(`${this.base}${path}`, {
      method,
      redirect: 'manual',
      headers: {
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      body,
    });
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0] as string;
    const html = await response.text();
    const token = /name="_csrf" value="([^"]+)"/.exec(html);
    if (token) this.csrf = token[1] as string;
    return { status: response.status, html, location: response.headers.get('location') };
  }
}

/** The caseload row of one person, as text. */
function rowOf(html: string, prisonNumber: string): string | undefined {
  return new RegExp(
    `<tr class="govuk-table__row" id="release-${prisonNumber}">([\\s\\S]*?)</tr>`,
  ).exec(html)?.[1];
}

describe('the console, over HTTP on the real stack', () => {
  let api: RunningService;
  let continuity: RunningService;
  let admin: HubApiClient;
  let consoleProcess: ChildProcess;
  let pool: Pool;
  let redis: Redis;
  const config = {
    databaseUrl: process.env['DATABASE_URL'] as string,
    redisUrl: process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379',
    sessionPrefix: `${process.env['BULL_PREFIX']}-console`,
    apiUrl: `http://127.0.0.1:${API_PORT}`,
    apiKey: process.env['HUB_ADMIN_KEY'] as string,
    idleTimeoutSeconds: 600,
    lockout: { attempts: 3 },
  };
  const consoleEnv: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'test',
    CONSOLE_PORT: String(CONSOLE_PORT),
    CONSOLE_DATABASE_URL: config.databaseUrl,
    CONSOLE_REDIS_URL: config.redisUrl,
    CONSOLE_SESSION_PREFIX: config.sessionPrefix,
    CONSOLE_API_URL: config.apiUrl,
    CONSOLE_API_KEY: config.apiKey,
    CONSOLE_IDLE_TIMEOUT_MINUTES: String(config.idleTimeoutSeconds / 60),
    CONSOLE_LOCKOUT_ATTEMPTS: String(config.lockout.attempts),
    CONSOLE_SECURE_COOKIES: 'false',
    // Fixed at the console's start; the provider itself is asked only at the first sign-in
    // through it, so the browser tests start it (OidcSignIn discovers it on first use).
    CONSOLE_OIDC_ISSUER_URL: `http://127.0.0.1:${PROVIDER_PORT}`,
    CONSOLE_OIDC_CLIENT_ID: OIDC_CLIENT.client_id,
    CONSOLE_OIDC_CLIENT_SECRET: OIDC_CLIENT.client_secret,
    CONSOLE_OIDC_REDIRECT_URL: OIDC_CLIENT.redirect_uri,
    CONSOLE_OIDC_SCOPES: 'openid profile hub',
    CONSOLE_OIDC_DISPLAY_NAME: 'Test SSO',
    CONSOLE_OIDC_ROLE_MAP: 'ROLE_THROUGHCARE_RELEASE=release-team',
  };
  const base = `http://127.0.0.1:${CONSOLE_PORT}`;
  const atRisk = uniquePrisonNumber();
  const elsewhere = uniquePrisonNumber();
  const fromCourt = uniquePrisonNumber();
  const totpSecret = new Secret({ size: 20 }).base32;

  async function account(username: string, role: string, establishments: string[], totp?: string) {
    await pool.query(
      `INSERT INTO console.staff_account (username, display_name, role, establishments, password_hash, totp_secret)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [
        username,
        `Name of ${username}`,
        role,
        establishments,
        await hash(PASSWORD, { algorithm: Algorithm.Argon2id }),
        totp ?? null,
      ],
    );
  }

  async function admitAndPlan(prisonNumber: string, establishment: string, releaseDate: string) {
    await admit(prisonNumber, establishment);
    await planRelease(prisonNumber, establishment, releaseDate);
  }

  async function admit(prisonNumber: string, establishment: string) {
    const received = await admin.post(
      '/v1/events/reception',
      buildReception({
        prisonNumber,
        establishment,
        receivedAt: new Date(Date.now() - 86_400_000).toISOString(),
        substanceMisuse: { opiateUse: true, onOst: false, alcohol: false },
        cjitCaseload: undefined,
      }),
    );
    expect(received.status).toBe(202);
    await expectEventually(async () =>
      expect(
        (await pool.query('SELECT 1 FROM api.person WHERE prison_number = $1', [prisonNumber]))
          .rowCount,
      ).toBe(1),
    );
  }

  async function planRelease(prisonNumber: string, establishment: string, releaseDate: string) {
    const planned = await admin.post(
      '/v1/events/release',
      buildReleaseEvent({
        prisonNumber,
        establishment,
        releaseDate,
        releaseArea: { localAuthorityCode: AREA },
        clinical: { onOst: false, opiateHistory: true },
      }),
    );
    expect(planned.status).toBe(202);
    await expectEventually(async () =>
      expect(
        (
          await pool.query(
            "SELECT 1 FROM api.person WHERE prison_number = $1 AND status = 'RELEASE_PLANNED'",
            [prisonNumber],
          )
        ).rowCount,
      ).toBe(1),
    );
  }

  beforeAll(async () => {
    pool = new Pool({ connectionString: config.databaseUrl, max: 2 });
    redis = new Redis(config.redisUrl);
    const logDir = join(process.env['TEST_LOG_DIR'] as string, 'console');
    execFileSync(process.execPath, consoleScript('migrate.ts'), {
      env: consoleEnv,
      cwd: WORKSPACE_ROOT,
    });
    [api, continuity] = await Promise.all([
      startService('api', API_PORT, process.env, logDir),
      startService('continuity', API_PORT + 2, process.env, logDir),
    ]);
    admin = new HubApiClient(config.apiUrl, config.apiKey);
    await admin.registerOrganisation({
      organisationId: 'wakefield-cjit-console',
      type: 'CJIT',
      name: 'Wakefield CJIT',
      localAuthorityCodes: [AREA],
      spoc: { name: 'Duty worker', email: 'spoc@wakefield-cjit.example', phone: '01924 000 000' },
    });
    const tomorrow = londonDate(1);
    await admitAndPlan(atRisk, PRISON_A, tomorrow);
    await admitAndPlan(elsewhere, PRISON_B, tomorrow);
    await account('rt.a', 'release-team', [PRISON_A]);
    await account('locked.a', 'release-team', [PRISON_A]);
    await account('totp.a', 'healthcare', [PRISON_A], totpSecret);
    await account('admin.console', 'admin', []);
    await account('rx.a', 'prescriber', [PRISON_A]);
    await pool.query(
      `INSERT INTO console.staff_account (username, display_name, role, organisation_id, password_hash)
       VALUES ('cjit.w', 'Name of cjit.w', 'community-service', 'wakefield-cjit-console', $1)`,
      [await hash(PASSWORD, { algorithm: Algorithm.Argon2id })],
    );
    consoleProcess = spawn(process.execPath, consoleScript('main.ts'), {
      env: consoleEnv,
      cwd: WORKSPACE_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const log = createWriteStream(join(logDir, 'console.log'));
    consoleProcess.stdout?.pipe(log);
    consoleProcess.stderr?.pipe(log);
    await expectEventually(
      async () => expect((await fetch(`${base}/health/ready`)).status).toBe(200),
      { timeoutMs: 60_000, intervalMs: 250 },
    );
  }, 240_000);

  afterAll(async () => {
    if (consoleProcess && consoleProcess.exitCode === null) {
      const exited = new Promise((resolve) => consoleProcess.on('exit', resolve));
      consoleProcess.kill('SIGTERM');
      await exited;
    }
    await Promise.all([api, continuity].filter(Boolean).map((service) => stopService(service)));
    await pool?.end();
    redis?.disconnect();
  });

  it('asks for sign-in, and signs a person in with an Argon2id password into a Redis session that expires when idle', async () => {
    const browser = new Browser(base);
    expect((await browser.get('/caseload')).location).toBe('/sign-in');
    const signedIn = await browser.signIn('rt.a');
    expect(signedIn).toMatchObject({ status: 303, location: '/caseload' });
    const stored = await pool.query<{ password_hash: string }>(
      "SELECT password_hash FROM console.staff_account WHERE username = 'rt.a'",
    );
    expect(stored.rows[0]?.password_hash).toMatch(/^\$argon2id\$/);
    const keys = await redis.keys(`${config.sessionPrefix}:session:*`);
    const ttls = await Promise.all(keys.map((key) => redis.ttl(key)));
    expect(ttls.every((ttl) => ttl > 0 && ttl <= config.idleTimeoutSeconds)).toBe(true);
  });

  it('refuses a wrong password with a GOV.UK error summary and locks the account after repeated failures', async () => {
    const browser = new Browser(base);
    for (let attempt = 0; attempt < config.lockout.attempts; attempt++) {
      const refused = await browser.signIn('locked.a', 'not the password');
      expect(refused.status).toBe(400);
      expect(refused.html).toContain('govuk-error-summary');
      expect(refused.html).toContain('Enter a correct username and password');
    }
    const locked = await browser.signIn('locked.a');
    expect(locked.status).toBe(400);
    const row = await pool.query<{ locked_until: Date | null }>(
      "SELECT locked_until FROM console.staff_account WHERE username = 'locked.a'",
    );
    expect(row.rows[0]?.locked_until?.getTime()).toBeGreaterThan(Date.now());
  });

  it('asks for the TOTP code of an account that has one, and refuses a wrong code', async () => {
    const browser = new Browser(base);
    const password = await browser.signIn('totp.a');
    expect(password).toMatchObject({ status: 303, location: '/sign-in/code' });
    expect((await browser.get('/caseload')).location).toBe('/sign-in');
    await browser.get('/sign-in/code');
    const code = totp(totpSecret, 'totp.a');
    const wrongCode = code.generate({ timestamp: Date.now() + 10 * 60_000 });
    expect((await browser.post('/sign-in/code', { code: wrongCode })).status).toBe(400);
    const right = await browser.post('/sign-in/code', { code: code.generate() });
    expect(right).toMatchObject({ status: 303, location: '/caseload' });
    expect((await browser.get('/caseload')).status).toBe(200);
  });

  it('refuses a form posted without the CSRF token', async () => {
    const browser = new Browser(base);
    await browser.signIn('rt.a');
    const forged = await browser.post(`/people/${atRisk}/naloxone`, { outcome: 'DECLINED' }, false);
    expect(forged.status).toBe(403);
    expect(forged.html).toContain('This form has expired');
  });

  it('shows the release team its caseload with the release at risk for a missing naloxone outcome; recording naloxone clears it', async () => {
    const browser = new Browser(base);
    await browser.signIn('rt.a');
    const caseload = await browser.get('/caseload');
    expect(caseload.status).toBe(200);
    expect(rowOf(caseload.html, elsewhere)).toBeUndefined(); // prison B's release is not theirs
    expect(rowOf(caseload.html, atRisk)).toContain('At risk');
    expect(rowOf(caseload.html, atRisk)).toContain('no naloxone outcome');

    const person = await browser.get(`/people/${atRisk}`);
    expect(person.status).toBe(200);
    expect(person.html).toContain('Record naloxone outcome');

    // Issued without training: the API's own validation, shown beside the field.
    const invalid = await browser.post(`/people/${atRisk}/naloxone`, { outcome: 'ISSUED' });
    expect(invalid.status).toBe(400);
    expect(invalid.html).toContain('govuk-error-summary');
    expect(invalid.html).toContain('href="#naloxone-trainingGiven"');
    expect(invalid.html).toContain('trainingGiven must be true when outcome is ISSUED');
    expect(invalid.html).toContain('govuk-error-message');

    const recorded = await browser.post(`/people/${atRisk}/naloxone`, {
      outcome: 'ISSUED',
      trainingGiven: 'yes',
    });
    expect(recorded).toMatchObject({
      status: 303,
      location: `/people/${atRisk}?recorded=naloxone`,
    });
    const after = await browser.get('/caseload');
    expect(rowOf(after.html, atRisk)).not.toContain('At risk');
    const kept = await pool.query<{ recorded_by: string }>(
      "SELECT outcome->>'recordedBy' AS recorded_by FROM api.naloxone_record WHERE prison_number = $1",
      [atRisk],
    );
    expect(kept.rows.map((r) => r.recorded_by)).toEqual(['Name of rt.a (rt.a, console)']);
  });

  it('records consent and an OST plan from their forms, the API naming a missing field beside it', async () => {
    const browser = new Browser(base);
    await browser.signIn('rt.a');
    await browser.get(`/people/${atRisk}`);
    const noReason = await browser.post(`/people/${atRisk}/ost`, { arrangement: 'NONE' });
    expect(noReason.status).toBe(400);
    expect(noReason.html).toContain('href="#ost-reason"');
    expect(noReason.html).toContain('href="#ost-reassessmentPlannedFor"');
    const plan = await browser.post(`/people/${atRisk}/ost`, {
      arrangement: 'NONE',
      reason: 'Detoxed in custody; declines OST on release',
      reassessmentPlannedFor: `${londonDate(2)} 10:30`,
    });
    expect(plan).toMatchObject({ status: 303, location: `/people/${atRisk}?recorded=ost` });
    const consent = await browser.post(`/people/${atRisk}/consent`, {
      consent: 'cjit',
    } as Record<string, string>);
    expect(consent.status).toBe(303);
    const page = await browser.get(`/people/${atRisk}?recorded=consent`);
    expect(page.html).toContain('Consent recorded');
    const versions = await pool.query<{ cjit: boolean; probation: boolean; recorded_by: string }>(
      'SELECT cjit, probation, recorded_by FROM api.consent_record WHERE prison_number = $1',
      [atRisk],
    );
    expect(versions.rows).toEqual([
      { cjit: true, probation: false, recorded_by: 'Name of rt.a (rt.a, console)' },
    ]);
  });

  it('refuses a person of prison B to a user of prison A with a 403 page', async () => {
    const browser = new Browser(base);
    await browser.signIn('rt.a');
    const refused = await browser.get(`/people/${elsewhere}`);
    expect(refused.status).toBe(403);
    expect(refused.html).toContain('You do not have access');
    expect(refused.html).not.toContain(PRISON_B);
  });

  it("records a court release on the person's page, whose urgent bridging request a prescriber sees and issues", async () => {
    const received = await admin.post(
      '/v1/events/reception',
      buildReception({
        prisonNumber: fromCourt,
        establishment: PRISON_A,
        receivedAt: new Date(Date.now() - 86_400_000).toISOString(),
        cjitCaseload: undefined, // on methadone, from the factory
      }),
    );
    expect(received.status).toBe(202);
    await expectEventually(async () =>
      expect(
        (await pool.query('SELECT 1 FROM api.person WHERE prison_number = $1', [fromCourt]))
          .rowCount,
      ).toBe(1),
    );
    // The release team records the release from court on the person's page.
    const releaseTeam = new Browser(base);
    await releaseTeam.signIn('rt.a');
    await releaseTeam.get(`/people/${fromCourt}`);
    const incomplete = await releaseTeam.post(`/people/${fromCourt}/court-release`, {
      court: 'Wakefield Crown Court',
    });
    expect(incomplete.status).toBe(400);
    expect(incomplete.html).toContain('href="#court-release-reason"');
    const now = new Intl.DateTimeFormat('sv-SE', {
      timeZone: 'Europe/London',
      dateStyle: 'short',
      timeStyle: 'short',
    }).format(new Date(Date.now() - 60_000));
    const recorded = await releaseTeam.post(`/people/${fromCourt}/court-release`, {
      court: 'Wakefield Crown Court',
      releasedAt: now,
      reason: 'BAIL',
      localAuthorityCode: AREA,
    });
    expect(recorded).toMatchObject({
      status: 303,
      location: `/people/${fromCourt}?recorded=court-release`,
    });

    const prescriber = new Browser(base);
    expect((await prescriber.signIn('rx.a')).location).toBe('/prescribing');
    const queue = await expectEventually(
      async () => {
        const page = await prescriber.get('/prescribing');
        expect(page.html).toContain(fromCourt);
        return page;
      },
      { timeoutMs: 60_000, intervalMs: 500 },
    );
    const id = new RegExp(`id="request-([0-9a-f-]{36})"[\\s\\S]*?${fromCourt}`).exec(
      queue.html,
    )?.[1];
    expect(id).toBeDefined();
    expect(queue.html.split(`>\n      ${fromCourt}`).length).toBe(2); // one request, one heading
    expect(queue.html).toContain('Urgent');
    expect(queue.html).toContain('Court release');

    const noForm = await prescriber.post(`/prescribing/${id}/issued`, {});
    expect(noForm.status).toBe(400);
    expect(noForm.html).toContain(`href="#issue-${id}-form"`);
    // As a browser posts it: the cover the page filled in, and the form the prescriber chose.
    const coverUntil = /name="coverUntil"[^>]*value="([^"]+)"/.exec(noForm.html)?.[1] as string;
    const issued = await prescriber.post(`/prescribing/${id}/issued`, {
      form: 'FP10MDA',
      coverUntil,
    });
    expect(issued).toMatchObject({ status: 303, location: '/prescribing?issued=1' });
    // The API takes the script (202) and the request leaves the open queue once it is ISSUED.
    await expectEventually(async () => {
      const row = await pool.query<{ status: string; prescriber: string }>(
        "SELECT status, issued->'prescriber'->>'name' AS prescriber FROM api.bridging_request WHERE id = $1",
        [id],
      );
      expect(row.rows).toEqual([{ status: 'ISSUED', prescriber: 'Name of rx.a' }]);
    });
    await expectEventually(async () =>
      expect((await prescriber.get('/prescribing')).html).not.toContain(`request-${id}`),
    );
  });

  it("shows a community service only its own organisation's notices, and no one else that page", async () => {
    const cjit = new Browser(base);
    expect((await cjit.signIn('cjit.w')).location).toBe('/deliveries');
    const page = await cjit.get('/deliveries');
    expect(page.status).toBe(200);
    expect(page.html).toContain('Notices sent to wakefield-cjit-console');
    expect((await cjit.post('/deliveries/not-a-delivery/replay', {})).status).toBe(404);
    expect((await cjit.get(`/people/${atRisk}`)).status).toBe(403);
    const releaseTeam = new Browser(base);
    await releaseTeam.signIn('rt.a');
    expect((await releaseTeam.get('/deliveries')).status).toBe(403);
  });

  it('records the custody events the prison system has not sent: a transfer and a discharge are refused with the fields named, a cancellation is recorded', async () => {
    const browser = new Browser(base);
    await browser.signIn('rt.a');
    await browser.get(`/people/${atRisk}`);
    const transfer = await browser.post(`/people/${atRisk}/transfer`, { transferredAt: 'soon' });
    expect(transfer.status).toBe(400);
    expect(transfer.html).toContain('href="#transfer-toEstablishment"');
    expect(transfer.html).toContain('href="#transfer-transferredAt"');
    expect(transfer.html).toMatch(/id="transfer-transferredAt"[^>]*value="soon"/);
    const discharge = await browser.post(`/people/${atRisk}/discharge`, {});
    expect(discharge.status).toBe(400);
    expect(discharge.html).toContain('href="#discharge-dischargedAt"');
    const cancelled = await browser.post(`/people/${atRisk}/release-cancelled`, {
      reason: 'RECALL',
    });
    expect(cancelled).toMatchObject({
      status: 303,
      location: `/people/${atRisk}?recorded=release-cancelled`,
    });
    await expectEventually(async () =>
      expect(
        (
          await pool.query(
            "SELECT establishment FROM api.intake_event WHERE prison_number = $1 AND type = 'throughcare.release.cancelled'",
            [atRisk],
          )
        ).rows,
      ).toEqual([{ establishment: PRISON_A }]),
    );
  });

  describe('in a real browser (headless Chromium), every page checked by axe-core', () => {
    let chromium: ChromiumBrowser;
    const journey = uniquePrisonNumber();
    const courtJourney = uniquePrisonNumber();
    /** Released to the CJIT's area with consent: the notice its webhook fails to take. */
    const noticed = uniquePrisonNumber();
    const CJIT_WEBHOOK = '/wakefield-cjit';
    /** The release team member of the OpenID Connect provider, and their claims there. */
    const oidcSub = `olu-${Date.now().toString(36)}`;
    let provider: OidcTestProvider;
    let sink: WebhookSink;
    let db: TestDatabase;
    let cjitSubscription: string;
    /** Planner and notifier, for the notices (started here: only the browser tests need them). */
    let notices: RunningService[] = [];
    /** Every page visited, and what axe-core found there. */
    const visited = new Map<string, string[]>();

    async function signedIn(username: string): Promise<Page> {
      const context = await chromium.newContext({ viewport: { width: 1100, height: 900 } });
      const page = await context.newPage();
      await page.goto(`${base}/sign-in`);
      if (!visited.has('sign in')) await accessible(page, 'sign in'); // the same page each time
      await page.getByLabel('Username').fill(username);
      await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
      // Exactly: "Sign in with Test SSO" is a button too.
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await page.waitForLoadState();
      return page;
    }

    /** No serious or critical axe-core violation on the page as it is now (issue 15). */
    async function accessible(page: Page, label: string): Promise<void> {
      const started = Date.now();
      const violations = await axeViolations(page);
      visited.set(label, [`${Date.now() - started} ms`, ...describeViolations(violations)]);
      expect(
        describeViolations(
          violations.filter((v) => v.impact === 'serious' || v.impact === 'critical'),
        ),
      ).toEqual([]);
    }

    /** Whether the element the selector names has the keyboard focus. */
    const isFocused = (page: Page, selector: string) =>
      page.evaluate(`document.activeElement?.matches(${JSON.stringify(selector)}) ?? false`);

    beforeAll(async () => {
      const logDir = join(process.env['TEST_LOG_DIR'] as string, 'console');
      sink = await new WebhookSink().start();
      sink.failNext(CJIT_WEBHOOK, 1_000_000, 500); // down until the CJIT test brings it back
      db = new TestDatabase();
      provider = new OidcTestProvider(PROVIDER_PORT, OIDC_CLIENT, {
        [oidcSub]: {
          preferred_username: `OLU_${oidcSub}`,
          name: 'Olu Adeyemi',
          roles: ['ROLE_THROUGHCARE_RELEASE'],
          establishments: [PRISON_A],
        },
      });
      let planner: RunningService;
      let notifier: RunningService;
      [chromium, , planner, notifier] = await Promise.all([
        launchChromium(),
        provider.start(),
        startService('planner', PLANNER_PORT, process.env, logDir),
        startService('notifier', NOTIFIER_PORT, process.env, logDir),
      ]);
      notices = [planner, notifier];
      const { id } = await admin.subscribe('wakefield-cjit-console', sink.url(CJIT_WEBHOOK), [
        'throughcare.notice.release.*',
      ]);
      cjitSubscription = id;
      await expectEventually(async () =>
        expect(
          await db.count('SELECT count(*) FROM notifier.webhook_subscription WHERE id = $1', [id]),
        ).toBe(1),
      );
      // Consent to the CJIT and a signed plan before the release is planned, so its notices are
      // sent to the CJIT, not withheld (a community service needs both).
      await admit(noticed, PRISON_A);
      await recordConsentAndWait(
        admin,
        db,
        noticed,
        { cjit: true, releasePlanSigned: true },
        new Date(),
      );
      await planRelease(noticed, PRISON_A, londonDate(1));
      await account('hc.a', 'healthcare', [PRISON_A]);
      await admitAndPlan(journey, PRISON_A, londonDate(1));
      const received = await admin.post(
        '/v1/events/reception',
        buildReception({
          prisonNumber: courtJourney,
          establishment: PRISON_A,
          receivedAt: new Date(Date.now() - 86_400_000).toISOString(),
          cjitCaseload: undefined, // on methadone, from the factory
        }),
      );
      expect(received.status).toBe(202);
      await expectEventually(async () =>
        expect(
          (await pool.query('SELECT 1 FROM api.person WHERE prison_number = $1', [courtJourney]))
            .rowCount,
        ).toBe(1),
      );
    }, 120_000);

    afterAll(async () => {
      await chromium?.close();
      await Promise.all(notices.map((service) => stopService(service)));
      await provider?.stop();
      await sink?.stop();
      await db?.close();
    });

    it('a release team member signs in, finds the release at risk, is shown a focused error summary linked to the field, then records naloxone and the risk clears', async () => {
      const page = await signedIn('rt.a');
      expect(new URL(page.url()).pathname).toBe('/caseload');
      await accessible(page, 'caseload');
      const row = page.locator(`#release-${journey}`);
      await expect(row.textContent()).resolves.toContain('no naloxone outcome');
      await screenshot(page, 'caseload');

      await row.getByRole('link', { name: journey }).click();
      await page.waitForLoadState();
      expect(await page.locator('h1').textContent()).toContain(journey);
      await accessible(page, 'person');
      await screenshot(page, 'person');

      // Issued, without the training box: the API's validation comes back beside the field.
      const naloxone = page.locator(`form[action="/people/${journey}/naloxone"]`);
      await naloxone.getByLabel('Issued').check();
      await naloxone.getByRole('button', { name: 'Record naloxone outcome' }).click();
      await page.waitForLoadState();
      expect(await page.title()).toMatch(/^Error: /);
      const summary = page.locator('.govuk-error-summary');
      await summary.waitFor();
      await expect(isFocused(page, '.govuk-error-summary')).resolves.toBe(true);
      await expect(page.locator('#naloxone-trainingGiven-error').textContent()).resolves.toContain(
        'trainingGiven must be true when outcome is ISSUED',
      );
      await accessible(page, 'person, with an error');
      await screenshot(page, 'person-error');
      await summary.getByRole('link').first().click();
      await expect(isFocused(page, '#naloxone-trainingGiven')).resolves.toBe(true);

      await page.locator('#naloxone-trainingGiven').check();
      await naloxone.getByRole('button', { name: 'Record naloxone outcome' }).click();
      await page.waitForLoadState();
      expect(page.url()).toBe(`${base}/people/${journey}?recorded=naloxone`);
      await expect(
        page.locator('.govuk-notification-banner--success').textContent(),
      ).resolves.toContain('Naloxone outcome recorded');
      await accessible(page, 'person, recorded');

      await page.getByRole('link', { name: 'Caseload' }).click();
      await page.waitForLoadState();
      await expect(page.locator(`#release-${journey}`).textContent()).resolves.not.toContain(
        'no naloxone outcome',
      );
      await page.context().close();
    });

    it('healthcare records a DIR and a new release date, each first refused with the API errors beside the fields', async () => {
      const page = await signedIn('hc.a');
      await page.goto(`${base}/people/${journey}`);
      const dir = page.locator(`form[action="/people/${journey}/dir"]`);
      await dir.getByLabel('Main substance', { exact: true }).selectOption('OPIATES');
      await dir.getByLabel('How the main substance is used (optional)').selectOption('INJECTED');
      await dir.getByRole('button', { name: 'Record DIR' }).click();
      await page.waitForLoadState();
      const summary = page.locator('.govuk-error-summary');
      await summary.waitFor();
      await expect(isFocused(page, '.govuk-error-summary')).resolves.toBe(true);
      await expect(summary.locator('a[href="#dir-treatment-status"]').count()).resolves.toBe(1);
      await accessible(page, 'person, DIR with an error');
      await summary.locator('a[href="#dir-treatment-status"]').click();
      await expect(isFocused(page, '#dir-treatment-status')).resolves.toBe(true);
      await screenshot(page, 'person-dir-error'); // the field the summary's link moved the focus to

      await dir.getByLabel('Accessing treatment').check();
      await dir.getByLabel('OST maintenance').check();
      await dir.getByLabel('In the community').check();
      await dir.getByLabel('Hepatitis C').selectOption('NEGATIVE');
      await dir.getByLabel('Risk issues (optional, one a line)').fill('Overdose risk on release');
      await dir.getByLabel('Healthcare section').check();
      await dir.getByRole('button', { name: 'Record DIR' }).click();
      await page.waitForLoadState();
      expect(page.url()).toBe(`${base}/people/${journey}?recorded=dir`);
      const kept = await pool.query<{ version: number; record: Record<string, unknown> }>(
        'SELECT version, record FROM api.dir_version WHERE prison_number = $1',
        [journey],
      );
      expect(kept.rows).toHaveLength(1);
      expect(kept.rows[0]?.record).toMatchObject({
        establishment: PRISON_A,
        substances: [{ substance: 'OPIATES', primary: true, route: 'INJECTED' }],
        treatment: { status: 'ACCESSING', modalities: ['OST_MAINTENANCE'] },
        bbvStatus: { hepatitisC: 'NEGATIVE' },
        riskIssues: ['Overdose risk on release'],
        recordedBy: 'Name of hc.a (hc.a, console)',
      });

      const release = page.locator(`form[action="/people/${journey}/release"]`);
      const newDate = londonDate(20);
      await release.getByLabel('Release date').fill(newDate);
      await release.getByRole('button', { name: 'Record release date' }).click();
      await page.waitForLoadState();
      await expect(
        page.locator('.govuk-error-summary a[href="#release-releaseType"]').count(),
      ).resolves.toBe(1);
      await expect(page.locator('#release-releaseDate').inputValue()).resolves.toBe(newDate);
      await accessible(page, 'person, release with an error');
      await release.getByLabel('Release type').selectOption('CONDITIONAL_RELEASE');
      await release.getByRole('group', { name: 'On licence' }).getByLabel('No').check();
      await release.getByLabel('Release area').fill(AREA);
      await release.getByRole('group', { name: 'History of opiate use' }).getByLabel('Yes').check();
      await release.getByRole('group', { name: 'On OST' }).getByLabel('No').check();
      await release.getByRole('button', { name: 'Record release date' }).click();
      await page.waitForLoadState();
      expect(page.url()).toBe(`${base}/people/${journey}?recorded=release`);
      await expectEventually(async () =>
        expect(
          (
            await pool.query<{ release_date: string }>(
              "SELECT to_char(release_date, 'YYYY-MM-DD') AS release_date FROM api.person WHERE prison_number = $1",
              [journey],
            )
          ).rows,
        ).toEqual([{ release_date: newDate }]),
      );
      await page.context().close();
    });

    it('a court release recorded in the browser puts an urgent bridging request in the prescriber queue, and the prescriber issues the script', async () => {
      const releaseTeam = await signedIn('rt.a');
      await releaseTeam.goto(`${base}/people/${courtJourney}`);
      const court = releaseTeam.locator(`form[action="/people/${courtJourney}/court-release"]`);
      await court.getByLabel('Court').fill('Wakefield Crown Court');
      await court.getByLabel('Released at').fill(
        new Intl.DateTimeFormat('sv-SE', {
          timeZone: 'Europe/London',
          dateStyle: 'short',
          timeStyle: 'short',
        }).format(new Date(Date.now() - 60_000)),
      );
      await court.getByLabel('Bail').check();
      await court.getByLabel('Release area (optional)').fill(AREA);
      await court.getByRole('button', { name: 'Record release from court' }).click();
      await releaseTeam.waitForLoadState();
      expect(releaseTeam.url()).toBe(`${base}/people/${courtJourney}?recorded=court-release`);
      await releaseTeam.context().close();

      const prescriber = await signedIn('rx.a');
      expect(new URL(prescriber.url()).pathname).toBe('/prescribing');
      const request = prescriber.locator('section', { hasText: courtJourney });
      await expectEventually(
        async () => {
          await prescriber.reload();
          expect(await request.count()).toBe(1);
        },
        { timeoutMs: 60_000, intervalMs: 500 },
      );
      await expect(request.textContent()).resolves.toContain('Urgent');
      await accessible(prescriber, 'prescriber queue');
      await screenshot(prescriber, 'prescribing');
      await request.getByLabel('FP10MDA (instalments)').check();
      await request.getByRole('button', { name: /Record script issued by/ }).click();
      await prescriber.waitForLoadState();
      await expect(
        prescriber.locator('.govuk-notification-banner--success').textContent(),
      ).resolves.toContain('Script recorded as issued');
      await accessible(prescriber, 'prescriber queue, issued');
      await prescriber.context().close();
    });

    it('a community service sees its notices page, and an admin the audit, each passing axe-core', async () => {
      const cjit = await signedIn('cjit.w');
      expect(new URL(cjit.url()).pathname).toBe('/deliveries');
      await accessible(cjit, 'deliveries');
      await screenshot(cjit, 'deliveries');
      await cjit.goto(`${base}/people/${journey}`);
      expect(await cjit.locator('h1').textContent()).toContain('You do not have access');
      await accessible(cjit, '403 page');
      await cjit.context().close();

      const adminPage = await signedIn('admin.console');
      await adminPage.goto(`${base}/admin/audit?prisonNumber=${journey}`);
      await expect(adminPage.locator('main').textContent()).resolves.toContain('viewed-person');
      await accessible(adminPage, 'audit');
      await adminPage.context().close();
    });

    it('a CJIT worker signed in sees the notice their webhook failed to take, sends it again and sees the new attempt delivered', async () => {
      // The webhook delivery of the notice about `noticed`, failed after the whole (test) retry
      // schedule, every attempt answered 500. The page names no person (GET /v1/deliveries
      // carries no notice body, docs/console.md), so the notifier's ledger says which row it is.
      const deliveryId = await expectEventually(
        async () => {
          const { rows } = await pool.query<{ id: string }>(
            `SELECT d.id FROM notifier.delivery d JOIN notifier.notice n ON n.id = d.notice_id
              WHERE n.prison_number = $1 AND d.subscription_id = $2 AND d.status = 'FAILED'
              ORDER BY d.created_at LIMIT 1`,
            [noticed, cjitSubscription],
          );
          expect(rows).toHaveLength(1);
          return rows[0]?.id as string;
        },
        { timeoutMs: 60_000, intervalMs: 500 },
      );
      const cjit = await signedIn('cjit.w');
      expect(new URL(cjit.url()).pathname).toBe('/deliveries');
      const row = cjit.locator(`#delivery-${deliveryId}`);
      await expectEventually(
        async () => {
          await cjit.reload();
          await expect(row.locator('.govuk-tag').textContent()).resolves.toContain('Failed');
        },
        { timeoutMs: 30_000, intervalMs: 500 },
      );
      await expect(row.textContent()).resolves.toMatch(/webhook, id msg_/);
      await expect(row.textContent()).resolves.toMatch(/4: 500 \(\d+ ms\)/);
      await accessible(cjit, 'deliveries, a failed notice');
      await screenshot(cjit, 'deliveries-failed');

      sink.failNext(CJIT_WEBHOOK, 0); // their endpoint is back
      await row.getByRole('button', { name: /^Send again/ }).click();
      await cjit.waitForLoadState();
      expect(cjit.url()).toBe(`${base}/deliveries?replayed=1`);
      await expect(
        cjit.locator('.govuk-notification-banner--success').textContent(),
      ).resolves.toContain('The notice will be sent again');
      await expectEventually(
        async () => {
          await cjit.reload();
          await expect(row.locator('.govuk-tag').textContent()).resolves.toContain('Delivered');
        },
        { timeoutMs: 30_000, intervalMs: 500 },
      );
      await expect(row.textContent()).resolves.toMatch(/replayed 1[\s\S]*5: 204 \(\d+ ms\)/);
      await accessible(cjit, 'deliveries, replayed');
      const redelivered = sink.acceptedAt(CJIT_WEBHOOK);
      expect(redelivered.map((r) => r.headers['webhook-id'])).toContain(deliveryId);
      await cjit.context().close();
    });

    it('a release team member signs in through the OpenID Connect provider the test started and lands on their caseload', async () => {
      const context = await chromium.newContext({ viewport: { width: 1100, height: 900 } });
      const page = await context.newPage();
      await page.goto(`${base}/sign-in`);
      await page.getByRole('button', { name: 'Sign in with Test SSO' }).click();
      // The provider's own sign-in page (not the console's: axe-core is not run on it).
      await page.waitForURL(`${provider.issuer}/interaction/**`);
      const login = page.locator('input[name="login"]');
      await login.fill(oidcSub);
      await login.press('Enter'); // its one-field form has no button
      await page.waitForURL(`${base}/caseload`);
      const row = page.locator(`#release-${journey}`);
      await expect(row.count()).resolves.toBe(1);
      await expect(page.locator('body').textContent()).resolves.toContain('Olu Adeyemi');
      await accessible(page, 'caseload, signed in through OpenID Connect');
      await row.getByRole('link', { name: journey }).click();
      await page.waitForLoadState();
      expect(await page.locator('h1').textContent()).toContain(journey);
      const viewed = await pool.query<{ username: string }>(
        "SELECT username FROM console.audit_event WHERE action = 'viewed-person' AND prison_number = $1 AND username = $2",
        [journey, `olu_${oidcSub}`],
      );
      expect(viewed.rowCount).toBeGreaterThanOrEqual(1);
      await context.close();
      // Every page the browser tests visit, and any minor or moderate finding, for the log.
      console.info('axe-core on the console', Object.fromEntries(visited));
    });
  });

  it('audits every view of a person and every write, visible to admins and to no one else', async () => {
    const releaseTeam = new Browser(base);
    await releaseTeam.signIn('rt.a');
    expect((await releaseTeam.get('/admin/audit')).status).toBe(403);

    const adminBrowser = new Browser(base);
    expect((await adminBrowser.signIn('admin.console')).location).toBe('/admin/audit');
    const audit = await adminBrowser.get(`/admin/audit?prisonNumber=${atRisk}`);
    expect(audit.status).toBe(200);
    expect(audit.html).toMatch(/rt\.a<\/td>\s*<td[^>]*>viewed-person/);
    expect(audit.html).toMatch(/rt\.a<\/td>\s*<td[^>]*>recorded-person-form/);
    const refused = await adminBrowser.get(`/admin/audit?prisonNumber=${elsewhere}`);
    expect(refused.html).toMatch(/rt\.a<\/td>\s*<td[^>]*>refused-person/);
  });

  it('shows admins the directory and its webhooks, changes contacts, and issues and revokes an API key through the API, audited', async () => {
    const releaseTeam = new Browser(base);
    await releaseTeam.signIn('rt.a');
    expect((await releaseTeam.get('/admin/organisations')).status).toBe(403);

    const adminBrowser = new Browser(base);
    await adminBrowser.signIn('admin.console');
    const organisations = await adminBrowser.get('/admin/organisations');
    expect(organisations.status).toBe(200);
    expect(organisations.html).toMatch(
      /id="organisation-wakefield-cjit-console"[\s\S]*?Wakefield CJIT[\s\S]*?E08000036[\s\S]*?spoc@wakefield-cjit\.example/,
    );
    const organisation = await adminBrowser.get('/admin/organisations/wakefield-cjit-console');
    expect(organisation.html).toContain('Duty worker, spoc@wakefield-cjit.example, 01924 000 000');
    expect((await adminBrowser.get('/admin/organisations/no-such-organisation')).status).toBe(404);
    expect((await adminBrowser.get('/admin/subscriptions')).status).toBe(200);

    const refused = await adminBrowser.post('/admin/api-keys', {
      organisationId: 'wakefield-cjit-console',
      role: 'prison',
      establishments: '',
    });
    expect(refused.status).toBe(400);
    expect(refused.html).toContain('govuk-error-summary');
    const issued = await adminBrowser.post('/admin/api-keys', {
      organisationId: 'wakefield-cjit-console',
      role: 'subscriber',
      establishments: '',
    });
    expect(issued.status).toBe(200);
    const keyId = /id="issued-key-id">([^<]+)</.exec(issued.html)?.[1] as string;
    const key = /id="issued-key"[^>]*>([^<]+)</.exec(issued.html)?.[1] as string;
    const asSubscriber = () =>
      fetch(`${config.apiUrl}/v1/subscriptions`, { headers: { authorization: `Bearer ${key}` } });
    expect((await asSubscriber()).status).toBe(200);
    const revoked = await adminBrowser.post('/admin/api-keys/revoke', { keyId });
    expect(revoked.status).toBe(200);
    expect(revoked.html).toContain(`Key ${keyId} is revoked`);
    expect((await asSubscriber()).status).toBe(401);
    expect((await adminBrowser.post('/admin/api-keys/revoke', { keyId })).status).toBe(400);

    // Contacts changed through the API: a bad e-mail is named beside its field, then saved.
    const contactsPath = '/admin/organisations/wakefield-cjit-console/contacts';
    expect((await adminBrowser.get(contactsPath)).html).toContain('value="Duty worker"');
    const contacts = {
      spocName: 'Night duty worker',
      spocEmail: 'night@wakefield-cjit.example',
      spocPhone: '',
      secondName: 'Duty manager',
      secondEmail: 'not an e-mail address',
      secondPhone: '',
    };
    const badContacts = await adminBrowser.post(contactsPath, contacts);
    expect(badContacts.status).toBe(400);
    expect(badContacts.html).toMatch(/govuk-error-summary[\s\S]*href="#contact-secondEmail"/);
    const saved = await adminBrowser.post(contactsPath, {
      ...contacts,
      secondEmail: 'manager@wakefield-cjit.example',
    });
    expect(saved.location).toBe('/admin/organisations/wakefield-cjit-console');
    expect((await adminBrowser.get('/admin/organisations/wakefield-cjit-console')).html).toContain(
      'Duty manager, manager@wakefield-cjit.example',
    );

    const audit = await adminBrowser.get('/admin/audit');
    expect(audit.html).toMatch(/admin\.console<\/td>\s*<td[^>]*>issued-api-key/);
    expect(audit.html).toMatch(/admin\.console<\/td>\s*<td[^>]*>revoked-api-key/);
    expect(audit.html).toMatch(
      /admin\.console<\/td>\s*<td[^>]*>changed-organisation-contacts<\/td>\s*<td[^>]*><\/td>\s*<td[^>]*>wakefield-cjit-console/,
    );
  });
});
