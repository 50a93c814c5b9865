import { Topics } from '@throughcare/contracts';
import {
  TestDatabase,
  TopicReader,
  buildCourtRelease,
  buildDischarge,
  buildReception,
  buildReleaseCancelled,
  buildReleaseEvent,
  buildTransfer,
  expectEventually,
  uniquePrisonNumber,
} from '@throughcare/testing';

import { startApi, type StartedApi } from './support/start-api';
import { dateFromToday, hoursAgo } from './support/intake-fixtures';

const INTAKE_TOPICS = [
  Topics.Reception,
  Topics.Transfer,
  Topics.Release,
  Topics.CourtRelease,
  Topics.IntakeAccepted,
];

type Body = Record<string, unknown>;
const release = (): Body => ({
  ...buildReleaseEvent({ prisonNumber: uniquePrisonNumber(), releaseDate: dateFromToday(30) }),
});
const reception = (): Body => ({
  ...buildReception({ prisonNumber: uniquePrisonNumber(), receivedAt: hoursAgo(1) }),
});
const transfer = (): Body => ({
  ...buildTransfer({ prisonNumber: uniquePrisonNumber(), transferredAt: hoursAgo(1) }),
});
const cancel = (): Body => ({ ...buildReleaseCancelled({ prisonNumber: uniquePrisonNumber() }) });
const discharge = (): Body => ({
  ...buildDischarge({ prisonNumber: uniquePrisonNumber(), dischargedAt: hoursAgo(1) }),
});
const courtRelease = (): Body => ({
  ...buildCourtRelease({ prisonNumber: uniquePrisonNumber(), releasedAt: hoursAgo(1) }),
});

function set(body: Body, path: string, value: unknown): Body {
  const keys = path.split('.');
  let node = body as Record<string, unknown>;
  for (const key of keys.slice(0, -1)) node = node[key] as Record<string, unknown>;
  const last = keys.at(-1) as string;
  if (value === undefined) delete node[last];
  else node[last] = value;
  return body;
}

// [endpoint, what is wrong, base body, field path, bad value (undefined = missing), field(s) named]
const BAD_INPUTS: Array<[string, string, () => Body, string, unknown, string[]]> = [
  [
    'release',
    'prisonNumber in the wrong format',
    release,
    'prisonNumber',
    '1234ABC',
    ['prisonNumber'],
  ],
  ['release', 'prisonNumber as a number', release, 'prisonNumber', 1234, ['prisonNumber']],
  [
    'release',
    'prisonNumber carrying SQL',
    release,
    'prisonNumber',
    "A1234BC'; DROP TABLE api.person;--",
    ['prisonNumber'],
  ],
  ['release', 'releaseDate missing', release, 'releaseDate', undefined, ['releaseDate']],
  [
    'release',
    'releaseDate that is not a date',
    release,
    'releaseDate',
    'next tuesday',
    ['releaseDate'],
  ],
  ['release', 'releaseDate on 30 February', release, 'releaseDate', '2026-02-30', ['releaseDate']],
  ['release', 'releaseDate in month 13', release, 'releaseDate', '2026-13-01', ['releaseDate']],
  [
    'release',
    'releaseDate with a time',
    release,
    'releaseDate',
    '2026-12-18T09:00:00Z',
    ['releaseDate'],
  ],
  ['release', 'releaseType not in the list', release, 'releaseType', 'WHENEVER', ['releaseType']],
  ['release', 'establishment in lower case', release, 'establishment', 'lei', ['establishment']],
  ['release', 'establishment of four letters', release, 'establishment', 'LEED', ['establishment']],
  ['release', 'supervision missing', release, 'supervision', undefined, ['supervision']],
  [
    'release',
    'onLicence as a string',
    release,
    'supervision.onLicence',
    'yes',
    ['supervision.onLicence'],
  ],
  [
    'release',
    'offender manager email invalid',
    release,
    'supervision.offenderManager.email',
    'sam at probation',
    ['supervision.offenderManager.email'],
  ],
  [
    'release',
    'local authority code not ONS',
    release,
    'releaseArea.localAuthorityCode',
    'Leeds',
    ['releaseArea.localAuthorityCode'],
  ],
  ['release', 'a negative dose', release, 'clinical.doseMg', -5, ['clinical.doseMg']],
  ['release', 'a dose as a string', release, 'clinical.doseMg', '60', ['clinical.doseMg']],
  [
    'release',
    'an unknown OST medicine',
    release,
    'clinical.ostMedicine',
    'HEROIN',
    ['clinical.ostMedicine'],
  ],
  [
    'release',
    'an unknown top-level field',
    release,
    'favouriteColour',
    'blue',
    ['favouriteColour'],
  ],
  [
    'release',
    'an unknown nested field',
    release,
    'clinical.bloodGroup',
    'O',
    ['clinical.bloodGroup'],
  ],
  ['release', 'eventId that is not a UUID', release, 'eventId', 'event-1', ['eventId']],
  ['release', 'eventId missing', release, 'eventId', undefined, ['eventId']],
  [
    'release',
    'occurredAt without an offset',
    release,
    'occurredAt',
    '2026-11-02T10:00:00',
    ['occurredAt'],
  ],
  [
    'release',
    'a script in a nested name',
    release,
    'supervision.offenderManager.organisationId',
    '<script>alert(1)</script>',
    ['supervision.offenderManager.organisationId'],
  ],
  ['reception', 'receivedAt not a date', reception, 'receivedAt', 'yesterday', ['receivedAt']],
  [
    'reception',
    'receptionType not in the list',
    reception,
    'receptionType',
    'VOLUNTARY',
    ['receptionType'],
  ],
  [
    'reception',
    'opiateUse missing',
    reception,
    'substanceMisuse.opiateUse',
    undefined,
    ['substanceMisuse.opiateUse'],
  ],
  [
    'reception',
    'CJIT organisationId with spaces',
    reception,
    'cjitCaseload.organisationId',
    'Leeds CJIT!',
    ['cjitCaseload.organisationId'],
  ],
  [
    'transfer',
    'to the prison it came from',
    transfer,
    'toEstablishment',
    'LEI',
    ['toEstablishment'],
  ],
  [
    'transfer',
    'transferredAt on 30 February',
    transfer,
    'transferredAt',
    '2026-02-30T10:00:00Z',
    ['transferredAt'],
  ],
  [
    'transfer',
    'fromEstablishment missing',
    transfer,
    'fromEstablishment',
    undefined,
    ['fromEstablishment'],
  ],
  ['release-cancelled', 'a reason not in the list', cancel, 'reason', 'CHANGED_MIND', ['reason']],
  [
    'discharge',
    'dischargedAt as epoch seconds',
    discharge,
    'dischargedAt',
    1_700_000_000,
    ['dischargedAt'],
  ],
  ['court-release', 'an empty court', courtRelease, 'court', '', ['court']],
  [
    'court-release',
    'a court name of 300 characters',
    courtRelease,
    'court',
    'x'.repeat(300),
    ['court'],
  ],
  ['court-release', 'a reason not in the list', courtRelease, 'reason', 'ESCAPED', ['reason']],
  [
    'court-release',
    'a release area that is not ONS',
    courtRelease,
    'releaseArea.localAuthorityCode',
    'X',
    ['releaseArea.localAuthorityCode'],
  ],
];

describe('intake refuses bad input (api against real PostgreSQL and Kafka)', () => {
  let api: StartedApi;
  let db: TestDatabase;
  let topics: TopicReader;
  const counts = async () => ({
    events: await db.count('SELECT count(*) FROM api.intake_event'),
    people: await db.count('SELECT count(*) FROM api.person'),
    outbox: await db.count('SELECT count(*) FROM api.outbox'),
  });

  beforeAll(async () => {
    api = await startApi(3292);
    db = new TestDatabase();
    topics = await new TopicReader().start(INTAKE_TOPICS);
  });

  afterAll(async () => {
    await topics?.stop();
    await api?.app.close();
    await db?.close();
  });

  it(`has a table of at least 30 bad inputs (${BAD_INPUTS.length})`, () => {
    expect(BAD_INPUTS.length).toBeGreaterThanOrEqual(30);
  });

  it.each(BAD_INPUTS)(
    'POST /v1/events/%s with %s: 400 naming the field, nothing written',
    async (path, _what, base, field, value, named) => {
      const before = await counts();
      const answer = await api.admin.post(`/v1/events/${path}`, set(base(), field, value));
      expect(answer.status).toBe(400);
      expect(answer.contentType).toContain('application/problem+json');
      const problem = answer.body as {
        status: number;
        errors: Array<{ field: string; pointer: string; detail: string }>;
      };
      expect(problem.status).toBe(400);
      expect(problem.errors.map((e) => e.field).sort()).toEqual([...named].sort());
      expect(problem.errors[0]?.pointer).toBe(`/${named[0]!.replace(/\./g, '/')}`);
      expect(await counts()).toEqual(before);
    },
  );

  it.each([
    ['malformed JSON', '{"eventId": ', 400],
    ['a JSON array', '[]', 400],
    ['a JSON null', 'null', 400],
    ['an oversized body', JSON.stringify({ ...release(), padding: 'x'.repeat(70_000) }), 413],
  ])('refuses %s as problem+json', async (_what, body, status) => {
    const answer = await api.admin.post('/v1/events/release', body);
    expect(answer.status).toBe(status);
    expect(answer.contentType).toContain('application/problem+json');
  });

  it('leaves the topics unchanged: the next good event is the only thing published after the refusals', async () => {
    const fence = buildReception({ prisonNumber: uniquePrisonNumber(), receivedAt: hoursAgo(1) });
    const seen = (id: string) => topics.messages.filter((m) => m.value.includes(id)).length;
    // Everything published before this test has been read.
    await expectEventually(async () =>
      expect(await db.count('SELECT count(*) FROM api.outbox')).toBe(0),
    );
    const warmup = buildReception({ prisonNumber: uniquePrisonNumber(), receivedAt: hoursAgo(1) });
    await api.admin.post('/v1/events/reception', warmup);
    await expectEventually(() => expect(seen(warmup.eventId)).toBe(2));
    const before = topics.messages.length;

    for (const [path, , base, field, value] of BAD_INPUTS)
      await api.admin.post(`/v1/events/${path}`, set(base(), field, value));
    expect((await api.admin.post('/v1/events/reception', fence)).status).toBe(202);

    // The relay publishes in order: once the fence is out, anything written before it would be too.
    await expectEventually(() => expect(seen(fence.eventId)).toBe(2));
    expect(topics.messages.length - before).toBe(2);
  });
});
