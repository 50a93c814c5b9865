import { randomUUID } from 'node:crypto';

import {
  HubApiClient,
  TestDatabase,
  buildReception,
  expectEventually,
  startHub,
  uniquePrisonNumber,
  type RunningHub,
} from '@throughcare/testing';

/*
 * Issue 12 findings 2, 3 and 5 over HTTP, on the real stack (docs/security/input-bounds.md):
 * hostile bodies on every write route (nesting 10,000 deep, prototype keys, impossible dates,
 * wrong types, huge strings and arrays, non-JSON, wrong content types, too big). Each is answered
 * 4xx application/problem+json, never 500, and afterwards no table of the API holds a row more.
 */

const PRISON = 'HBX';

/**
 * Tables only Kafka consumers, migrations or the outbox relay write: a request reaches them only
 * through an accepted event or record, which the other tables would show. The set-up reception's
 * own consequences (alerts, deliveries, the continuity record) keep arriving there meanwhile.
 */
const WRITTEN_BY_CONSUMERS = [
  'api_migrations',
  'outbox',
  'inbox',
  'delivery',
  'disclosure_record',
  'continuity_record_revision',
  'issued_notice',
];
const AREA = 'E08000033'; // Calderdale: only this suite uses it

type Route = { method: 'POST' | 'PUT'; path: string; as: 'admin' | 'prison' };
interface Probe {
  name: string;
  route: Route;
  body: string;
  contentType?: string;
  headers?: Record<string, string>;
}
interface Answer {
  status: number;
  contentType: string | null;
  problem: { status?: number; type?: string; errors?: Array<{ field: string }> } | null;
}

const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000).toISOString();
const hoursAhead = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();
const daysAhead = (days: number) => hoursAhead(days * 24).slice(0, 10);

const deepObject = (levels: number) => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;
const deepArray = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;

describe('hostile bodies on every write route (issue 12, findings 2, 3, 5)', () => {
  let hub: RunningHub;
  let db: TestDatabase;
  let adminKey: string;
  let prisonKey: string;
  const suffix = randomUUID().slice(0, 8);
  const person = uniquePrisonNumber();
  /** The person every reception probe names: never received, so never on record. */
  const probePerson = uniquePrisonNumber();
  const receivedAt = hoursAgo(30);

  // Valid bodies per route: each probe spoils one of them, so only the spoiled part is wrong.
  const valid = {
    reception: () => buildReception({ prisonNumber: probePerson, establishment: PRISON }),
    transfer: () => ({
      eventId: randomUUID(),
      prisonNumber: person,
      fromEstablishment: PRISON,
      toEstablishment: 'MDI',
      transferredAt: hoursAgo(1),
    }),
    release: () => ({
      eventId: randomUUID(),
      prisonNumber: person,
      establishment: PRISON,
      releaseDate: daysAhead(20),
      releaseType: 'CONDITIONAL_RELEASE',
      supervision: { onLicence: false },
      releaseArea: { localAuthorityCode: AREA },
      clinical: { onOst: true, ostMedicine: 'METHADONE', doseMg: 60, opiateHistory: true },
    }),
    releaseCancelled: () => ({
      eventId: randomUUID(),
      prisonNumber: person,
      establishment: PRISON,
      reason: 'FURTHER_CHARGE',
    }),
    discharge: () => ({
      eventId: randomUUID(),
      prisonNumber: person,
      establishment: PRISON,
      dischargedAt: hoursAgo(1),
    }),
    courtRelease: () => ({
      eventId: randomUUID(),
      prisonNumber: person,
      court: 'Halifax Magistrates',
      holdingEstablishment: PRISON,
      releasedAt: hoursAgo(1),
      reason: 'BAIL',
    }),
    consent: () => ({
      communityTreatment: true,
      cjit: true,
      probation: false,
      ndtms: false,
      releasePlanSigned: true,
      recordedBy: 'j.smith',
      recordedAt: hoursAgo(2),
    }),
    riskOverride: () => ({
      ground: 'LIFE_THREATENING',
      reason: 'Overdose risk on release, recorded by healthcare',
      scope: ['communityTreatment'],
      authorisedBy: 'Dr A. Head',
      recordedAt: hoursAgo(2),
      consentSoughtFirst: true,
      personInformed: true,
    }),
    dir: () => ({
      custodyEpisode: { receivedAt, establishment: PRISON },
      establishment: PRISON,
      substances: [{ substance: 'OPIATES', route: 'SMOKED', primary: true }],
      treatment: { status: 'ACCESSING', modalities: [], previousTreatment: 'NONE' },
      recordedBy: 'healthcare',
      recordedAt: hoursAgo(2),
    }),
    ostPlan: () => ({
      arrangement: 'COMMUNITY_DOSE_BOOKED',
      communityAppointment: { at: hoursAhead(24 * 21), organisationId: `hb-cjit-${suffix}` },
      recordedAt: hoursAgo(2),
    }),
    naloxone: () => ({ outcome: 'ISSUED', trainingGiven: true, recordedAt: hoursAgo(2) }),
    organisation: () => ({
      organisationId: `hb-org-${suffix}`,
      type: 'CJIT',
      name: 'Hostile CJIT',
      localAuthorityCodes: [AREA],
      spoc: { name: 'Duty worker', email: 'duty@hostile.example' },
    }),
    subscription: () => ({
      organisationId: `hb-cjit-${suffix}`,
      url: 'http://127.0.0.1:9/never',
      types: ['throughcare.notice.release.*'],
    }),
    apiKey: () => ({ organisationId: `hb-cjit-${suffix}`, role: 'subscriber' }),
    bridgingIssued: () => ({
      form: 'FP10MDA',
      prescriber: { name: 'Dr R. Khan' },
      issuedAt: hoursAgo(1),
      coverUntil: daysAhead(3),
    }),
  };

  const routes = {
    reception: { method: 'POST', path: '/v1/events/reception', as: 'prison' },
    transfer: { method: 'POST', path: '/v1/events/transfer', as: 'prison' },
    release: { method: 'POST', path: '/v1/events/release', as: 'prison' },
    releaseCancelled: { method: 'POST', path: '/v1/events/release-cancelled', as: 'prison' },
    discharge: { method: 'POST', path: '/v1/events/discharge', as: 'prison' },
    courtRelease: { method: 'POST', path: '/v1/events/court-release', as: 'prison' },
    consent: { method: 'PUT', path: `/v1/people/${person}/consent`, as: 'prison' },
    riskOverride: { method: 'POST', path: `/v1/people/${person}/risk-override`, as: 'prison' },
    dir: { method: 'PUT', path: `/v1/people/${person}/dir`, as: 'prison' },
    ostPlan: { method: 'PUT', path: `/v1/people/${person}/ost-plan`, as: 'prison' },
    naloxone: { method: 'POST', path: `/v1/people/${person}/naloxone`, as: 'prison' },
    organisation: { method: 'POST', path: '/v1/organisations', as: 'admin' },
    subscription: { method: 'POST', path: '/v1/subscriptions', as: 'admin' },
    apiKey: { method: 'POST', path: '/v1/api-keys', as: 'admin' },
    bridgingIssued: {
      method: 'POST',
      path: `/v1/prescribing/bridging-requests/${randomUUID()}/issued`,
      as: 'prison',
    },
  } satisfies Record<string, Route>;

  /** A valid body for `route` with `change` applied at a dotted path (undefined deletes). */
  function spoil(name: keyof typeof valid, change: Record<string, unknown>): string {
    const body = valid[name]() as Record<string, unknown>;
    for (const [path, value] of Object.entries(change)) {
      const keys = path.split('.');
      let target = body;
      for (const key of keys.slice(0, -1)) target = target[key] as Record<string, unknown>;
      target[keys.at(-1) as string] = value;
    }
    return JSON.stringify(body);
  }

  /** A valid body with raw JSON spliced in as the last property of the object at `path`. */
  function splice(name: keyof typeof valid, path: string, rawProperty: string): string {
    const marker = '"__splice__":0';
    const body = valid[name]() as Record<string, unknown>;
    let target = body;
    for (const key of path ? path.split('.') : []) target = target[key] as Record<string, unknown>;
    target['__splice__'] = 0;
    return JSON.stringify(body).replace(marker, rawProperty);
  }

  async function send(probe: Probe): Promise<Answer> {
    const key = probe.route.as === 'admin' ? adminKey : prisonKey;
    const response = await fetch(`${hub.apiUrl}${probe.route.path}`, {
      method: probe.route.method,
      headers: {
        authorization: `Bearer ${key}`,
        'content-type': probe.contentType ?? 'application/json',
        'idempotency-key': randomUUID(),
        ...probe.headers,
      },
      body: probe.body,
    });
    const text = await response.text();
    let problem: Answer['problem'] = null;
    try {
      problem = JSON.parse(text) as Answer['problem'];
    } catch {
      problem = null;
    }
    return { status: response.status, contentType: response.headers.get('content-type'), problem };
  }

  /**
   * Rows in every table of the API's schema that are about the probes' people or organisations:
   * what a refused request must leave unchanged. Other suites of the run share the database and
   * their consumers may still be writing, so the count is scoped; a table naming neither is
   * counted whole (those are written only by requests, never by consumers).
   */
  async function footprint(): Promise<Record<string, number>> {
    const columns = await db.rows<{ table_name: string; column_name: string }>(
      `SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'api'`,
    );
    const tables = [...new Set(columns.map((c) => c.table_name))].sort();
    const has = (table: string, column: string) =>
      columns.some((c) => c.table_name === table && c.column_name === column);
    const counts: Record<string, number> = {};
    for (const table of tables) {
      if (WRITTEN_BY_CONSUMERS.includes(table)) continue;
      counts[table] = has(table, 'prison_number')
        ? await db.count(`SELECT count(*) FROM api."${table}" WHERE prison_number = ANY($1)`, [
            [person, probePerson],
          ])
        : has(table, 'organisation_id')
          ? await db.count(`SELECT count(*) FROM api."${table}" WHERE organisation_id LIKE $1`, [
              `%${suffix}%`,
            ])
          : await db.count(`SELECT count(*) FROM api."${table}"`);
    }
    return counts;
  }

  beforeAll(async () => {
    db = new TestDatabase();
    hub = await startHub({ ...process.env }, 3940, `${process.env['TEST_LOG_DIR']}/hostile`);
    adminKey = process.env['HUB_ADMIN_KEY'] as string;
    const admin = new HubApiClient(hub.apiUrl, adminKey);
    await admin.registerOrganisation({
      organisationId: `hb-prison-${suffix}`,
      type: 'PRISON',
      name: 'HMP Hostile',
      establishments: [PRISON],
      spoc: { name: 'Healthcare SPOC', email: 'spoc@hostile.example' },
    });
    await admin.registerOrganisation({
      ...valid.organisation(),
      organisationId: `hb-cjit-${suffix}`,
    });
    const issued = await admin.post('/v1/api-keys', {
      organisationId: `hb-prison-${suffix}`,
      role: 'prison',
      establishments: [PRISON],
    });
    expect(issued.status).toBe(201);
    prisonKey = (issued.body as { key: string }).key;
    const prison = new HubApiClient(hub.apiUrl, prisonKey);
    const reception = buildReception({ prisonNumber: person, establishment: PRISON, receivedAt });
    expect((await prison.post('/v1/events/reception', reception)).status).toBe(202);
    // The reception's own consequences (the continuity record comes back over Kafka) land
    // before the footprint is taken, so only the probes could change it.
    await expectEventually(async () =>
      expect(
        await db.count(
          'SELECT count(*) FROM api.continuity_record_revision WHERE prison_number = $1',
          [person],
        ),
      ).toBeGreaterThan(0),
    );
  }, 180_000);

  afterAll(async () => {
    await hub?.stop();
    await db?.close();
  });

  // Shape attacks, on every write route.
  const everyRoute = Object.entries(routes) as Array<[keyof typeof routes, Route]>;
  const shapeProbes: Probe[] = everyRoute.flatMap(([name, route]) => {
    const base = name;
    return [
      { name: `${name}: object nested 10,000 deep`, route, body: deepObject(10_000) },
      { name: `${name}: array nested 100,000 deep`, route, body: deepArray(100_000) },
      {
        name: `${name}: 10,000 nested levels inside a valid body`,
        route,
        body: splice(base, '', `"deep":${deepObject(10_000)}`),
      },
      {
        name: `${name}: constructor.prototype at the top`,
        route,
        body: splice(base, '', '"constructor":{"prototype":{"isAdmin":true}}'),
      },
      {
        name: `${name}: __proto__ at the top`,
        route,
        body: splice(base, '', '"__proto__":{"isAdmin":true}'),
      },
      { name: `${name}: not JSON`, route, body: '{"eventId": nope' },
      { name: `${name}: a JSON array`, route, body: '[]' },
      { name: `${name}: JSON null`, route, body: 'null' },
      {
        name: `${name}: text/plain`,
        route,
        body: JSON.stringify(valid[name]()),
        contentType: 'text/plain',
      },
      {
        name: `${name}: form-encoded`,
        route,
        body: 'prisonNumber=A1234BC',
        contentType: 'application/x-www-form-urlencoded',
      },
      { name: `${name}: 70 KB body`, route, body: JSON.stringify({ pad: 'x'.repeat(70_000) }) },
      {
        name: `${name}: 5,000 unknown properties`,
        route,
        body: JSON.stringify(
          Object.fromEntries(Array.from({ length: 5_000 }, (_, i) => [`k${i}`, i])),
        ),
      },
    ];
  });

  // Impossible instants and dates, wrong types, huge strings and arrays, nested prototype keys.
  const fieldProbes: Array<Probe & { field?: string }> = [
    ['reception', 'receivedAt in 1900', { receivedAt: '1900-01-01T00:00:00Z' }, 'receivedAt'],
    ['reception', 'receivedAt 9999-12-31', { receivedAt: '9999-12-31T23:59:59Z' }, 'receivedAt'],
    ['reception', 'receivedAt one hour ahead', { receivedAt: hoursAhead(1) }, 'receivedAt'],
    ['reception', 'receivedAt as a number', { receivedAt: 1_700_000_000 }, 'receivedAt'],
    [
      'reception',
      'receivedAt without an offset',
      { receivedAt: '2026-11-02T14:05:00' },
      'receivedAt',
    ],
    ['reception', 'substanceMisuse as a string', { substanceMisuse: 'yes' }, 'substanceMisuse'],
    ['reception', 'establishment as an array', { establishment: ['HBX'] }, 'establishment'],
    [
      'transfer',
      'transferredAt in 1999',
      { transferredAt: '1999-12-31T23:00:00Z' },
      'transferredAt',
    ],
    ['release', 'releaseDate 3026-01-01', { releaseDate: '3026-01-01' }, 'releaseDate'],
    ['release', 'releaseDate 30 years ahead', { releaseDate: daysAhead(365 * 30) }, 'releaseDate'],
    ['release', 'releaseDate two years past', { releaseDate: daysAhead(-730) }, 'releaseDate'],
    ['release', 'releaseDate 30 February', { releaseDate: '2027-02-30' }, 'releaseDate'],
    ['release', 'occurredAt tomorrow', { occurredAt: hoursAhead(24) }, 'occurredAt'],
    ['release', 'doseMg as a string', { 'clinical.doseMg': '60' }, 'clinical.doseMg'],
    [
      'release',
      'supervision.constructor',
      { 'supervision.constructor': { prototype: {} } },
      'supervision.constructor',
    ],
    ['discharge', 'dischargedAt 2099', { dischargedAt: '2099-06-01T09:00:00Z' }, 'dischargedAt'],
    ['courtRelease', 'releasedAt 1970', { releasedAt: '1970-01-01T00:00:00Z' }, 'releasedAt'],
    ['courtRelease', 'court of 60,000 characters', { court: 'c'.repeat(60_000) }, 'court'],
    ['consent', 'recordedAt tomorrow', { recordedAt: hoursAhead(24) }, 'recordedAt'],
    ['consent', 'cjit as "yes"', { cjit: 'yes' }, 'cjit'],
    [
      'consent',
      'recordedBy of 10,000 characters',
      { recordedBy: 'r'.repeat(10_000) },
      'recordedBy',
    ],
    ['riskOverride', 'expiresAt in 2090', { expiresAt: '2090-01-01T00:00:00Z' }, 'expiresAt'],
    ['riskOverride', 'scope as a string', { scope: 'cjit' }, 'scope'],
    [
      'dir',
      'custodyEpisode.receivedAt in 1900',
      { 'custodyEpisode.receivedAt': '1900-01-01T00:00:00Z' },
      'custodyEpisode.receivedAt',
    ],
    ['dir', '5,000 risk issues', { riskIssues: new Array(5_000).fill('risk') }, 'riskIssues'],
    [
      'dir',
      'custodyEpisode.prototype',
      { 'custodyEpisode.prototype': { polluted: true } },
      'custodyEpisode.prototype',
    ],
    [
      'ostPlan',
      'appointment in 2080',
      { 'communityAppointment.at': '2080-01-01T10:00:00Z' },
      'communityAppointment.at',
    ],
    ['naloxone', 'recordedAt 9999-12-31', { recordedAt: '9999-12-31T00:00:00Z' }, 'recordedAt'],
    [
      'organisation',
      '2,000 local authority codes',
      { localAuthorityCodes: new Array(2_000).fill(AREA) },
      'localAuthorityCodes',
    ],
    ['organisation', 'spoc.__proto__ with a value', {}, 'spoc.__proto__'],
    [
      'subscription',
      'url of 5,000 characters',
      { url: `http://127.0.0.1/${'u'.repeat(5_000)}` },
      'url',
    ],
    ['apiKey', 'role as an object', { role: { admin: true } }, 'role'],
    ['bridgingIssued', 'issuedAt in 1900', { issuedAt: '1900-01-01T00:00:00Z' }, 'issuedAt'],
    ['bridgingIssued', 'coverUntil 3000-01-01', { coverUntil: '3000-01-01' }, 'coverUntil'],
  ].map(([name, label, change, field]) => {
    const routeName = name as keyof typeof valid;
    const body =
      field === 'spoc.__proto__'
        ? splice(routeName, 'spoc', '"__proto__":{"isAdmin":true}')
        : spoil(routeName, change as Record<string, unknown>);
    return { name: `${name}: ${label}`, route: routes[routeName], body, field: field as string };
  });

  it('holds 40+ distinct probes', () => {
    expect(shapeProbes.length + fieldProbes.length).toBeGreaterThanOrEqual(40);
  });

  it('answers every hostile body 4xx application/problem+json, naming the field, and writes nothing', async () => {
    const before = await footprint();
    const answers: Array<{ probe: string; status: number; contentType: string | null }> = [];
    const wrongField: Array<{ probe: string; fields: string[] }> = [];
    for (const probe of [...shapeProbes, ...fieldProbes]) {
      const answer = await send(probe);
      answers.push({ probe: probe.name, status: answer.status, contentType: answer.contentType });
      const fields = answer.problem?.errors?.map((e) => e.field) ?? [];
      if ('field' in probe && probe.field && !fields.includes(probe.field as string))
        wrongField.push({ probe: probe.name, fields });
    }
    const notRefusedCleanly = answers.filter(
      (a) =>
        a.status < 400 || a.status >= 500 || !a.contentType?.startsWith('application/problem+json'),
    );
    expect(notRefusedCleanly).toEqual([]);
    expect(wrongField).toEqual([]);
    expect(await footprint()).toEqual(before);
    // The report's table: probe and answer.
    process.stdout.write(`${answers.map((a) => `| ${a.probe} | ${a.status} |`).join('\n')}\n`);
  });

  it('keeps the person as recorded: one event on the timeline and no consent', async () => {
    const timeline = await new HubApiClient(hub.apiUrl, prisonKey).get(
      `/v1/people/${person}/timeline`,
    );
    expect(timeline.status).toBe(200);
    const kinds = (timeline.body as { entries: Array<{ kind: string }> }).entries.map(
      (e) => e.kind,
    );
    expect(kinds.filter((kind) => kind === 'event')).toHaveLength(1);
    expect(kinds).not.toContain('consent');
  });

  it('still accepts the valid bodies the probes were made from', async () => {
    const prison = new HubApiClient(hub.apiUrl, prisonKey);
    const release = await prison.post('/v1/events/release', valid.release());
    expect(release.status).toBe(202);
    const consent = await prison.put(`/v1/people/${person}/consent`, valid.consent());
    expect(consent.status).toBe(200);
  });
});
