import { randomUUID } from 'node:crypto';

import {
  HubApiClient,
  TestDatabase,
  buildCourtRelease,
  buildDischarge,
  buildReception,
  buildReleaseCancelled,
  buildReleaseEvent,
  buildTransfer,
  expectEventually,
  startHub,
  uniquePrisonNumber,
  type RunningHub,
} from '@throughcare/testing';

/*
 * Issue 12 finding 1, on the real stack: a prison key for A (ATK) tries every intake event type
 * and every person-scoped read and write about a person held by prison B (HLD). Each is refused
 * (docs/security/access-rules.md ACC-2, ACC-3, ACC-6) and nothing is written; B's key keeps
 * working, and once B records the transfer to A, A's key reaches the person as it should.
 */

const ATTACKER = 'ATK';
const HOLDER = 'HLD';
const ELSEWHERE = 'ELW';
const AREA = 'E08000032'; // Bradford: only this suite uses it

type Answer = { status: number; body: unknown; contentType?: string | null };

const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000).toISOString();
const daysAhead = (days: number) =>
  new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

describe('cross-prison access (issue 12, finding 1)', () => {
  let hub: RunningHub;
  let db: TestDatabase;
  let admin: HubApiClient;
  let attacker: HubApiClient;
  let holder: HubApiClient;
  let subscriber: HubApiClient;
  const suffix = randomUUID().slice(0, 8);
  const person = uniquePrisonNumber();
  const receivedAt = hoursAgo(6);

  async function issueKey(
    organisationId: string,
    role: 'prison' | 'subscriber',
    establishments: string[],
  ): Promise<HubApiClient> {
    await admin.registerOrganisation({
      organisationId,
      type: role === 'prison' ? 'PRISON' : 'CJIT',
      name: organisationId,
      ...(role === 'prison' ? { establishments } : { localAuthorityCodes: [AREA] }),
      spoc: { name: 'Duty worker', email: `spoc@${organisationId}.example` },
    });
    const issued = await admin.post('/v1/api-keys', {
      organisationId,
      role,
      ...(role === 'prison' ? { establishments } : {}),
    });
    expect(issued.status).toBe(201);
    return new HubApiClient(hub.apiUrl, (issued.body as { key: string }).key);
  }

  /** Every row the hub holds about a person, by table: what a refused request must not change. */
  async function footprint(prisonNumber: string): Promise<Record<string, number | string>> {
    const tables = [
      'intake_event',
      'consent_record',
      'risk_override',
      'dir_version',
      'ost_plan_record',
      'naloxone_record',
    ];
    const counts: Record<string, number | string> = {};
    for (const table of tables)
      counts[table] = await db.count(`SELECT count(*) FROM api.${table} WHERE prison_number = $1`, [
        prisonNumber,
      ]);
    const [row] = await db.rows<{ custody: unknown }>(
      'SELECT custody FROM api.person WHERE prison_number = $1',
      [prisonNumber],
    );
    counts['custody'] = JSON.stringify(row?.custody ?? null);
    return counts;
  }

  function expectProblem(answer: Answer, status: number): void {
    expect({ status: answer.status, body: answer.body }).toMatchObject({
      status,
      body: { status, type: expect.stringContaining('/problems/') },
    });
  }

  beforeAll(async () => {
    db = new TestDatabase();
    hub = await startHub({ ...process.env }, 3700, `${process.env['TEST_LOG_DIR']}/cross-prison`);
    admin = new HubApiClient(hub.apiUrl, process.env['HUB_ADMIN_KEY'] as string);
    attacker = await issueKey(`xp-attacker-${suffix}`, 'prison', [ATTACKER]);
    holder = await issueKey(`xp-holder-${suffix}`, 'prison', [HOLDER]);
    subscriber = await issueKey(`xp-cjit-${suffix}`, 'subscriber', []);

    // B receives the person and writes the clinical and consent record: the legitimate key works.
    const reception = buildReception({ prisonNumber: person, establishment: HOLDER, receivedAt });
    expect((await holder.post('/v1/events/reception', reception)).status).toBe(202);
    const writes: Array<[Promise<Answer>, number]> = [
      [holder.put(`/v1/people/${person}/consent`, consent()), 200],
      [holder.post(`/v1/people/${person}/risk-override`, riskOverride()), 201],
      [holder.put(`/v1/people/${person}/dir`, dir(HOLDER)), 201],
      [holder.put(`/v1/people/${person}/ost-plan`, ostPlan()), 200],
      [holder.post(`/v1/people/${person}/naloxone`, naloxone()), 201],
    ];
    for (const [write, status] of writes) expect((await write).status).toBe(status);
  }, 180_000);

  afterAll(async () => {
    await hub?.stop();
    await db?.close();
  });

  function consent() {
    return {
      communityTreatment: true,
      cjit: true,
      probation: false,
      ndtms: false,
      releasePlanSigned: true,
      recordedBy: 'j.smith',
      recordedAt: hoursAgo(5),
    };
  }

  function riskOverride() {
    return {
      ground: 'LIFE_THREATENING',
      reason: 'Overdose risk on release, recorded by the holding prison',
      scope: ['communityTreatment'],
      authorisedBy: 'Caldicott guardian',
      recordedAt: hoursAgo(5),
      consentSoughtFirst: true,
      personInformed: true,
    };
  }

  function dir(establishment: string) {
    return {
      custodyEpisode: { receivedAt, establishment: HOLDER },
      establishment,
      healthcareSectionCompletedAt: hoursAgo(4),
      substances: [{ substance: 'OPIATES', route: 'INJECTED', primary: true }],
      treatment: {
        status: 'ACCESSING',
        modalities: ['OST_MAINTENANCE'],
        previousTreatment: 'NONE',
      },
      riskIssues: ['overdose risk on release'],
      futureNeeds: ['housing'],
      notes: 'written by the holding prison',
      recordedBy: 'healthcare triage',
      recordedAt: hoursAgo(4),
    };
  }

  function ostPlan() {
    return {
      arrangement: 'BRIDGING_SCRIPT',
      lastPrisonDoseAt: null,
      recordedBy: 'Dr R. Khan',
      recordedAt: hoursAgo(4),
    };
  }

  function naloxone() {
    return { outcome: 'ISSUED', trainingGiven: true, recordedAt: hoursAgo(4) };
  }

  /** Every intake event type A could send about the person: naming A, and naming B. */
  function hostileEvents(): Array<[string, string, unknown]> {
    const at = hoursAgo(1);
    const base = { prisonNumber: person };
    return [
      // The takeover of issue 12: A records a transfer out of B into A.
      [
        'transfer',
        'B to A',
        buildTransfer({
          ...base,
          fromEstablishment: HOLDER,
          toEstablishment: ATTACKER,
          transferredAt: at,
        }),
      ],
      [
        'transfer',
        'A to elsewhere',
        buildTransfer({
          ...base,
          fromEstablishment: ATTACKER,
          toEstablishment: ELSEWHERE,
          transferredAt: at,
        }),
      ],
      [
        'transfer',
        'backdated, A to A',
        buildTransfer({
          ...base,
          fromEstablishment: ATTACKER,
          toEstablishment: ELSEWHERE,
          transferredAt: hoursAgo(48),
        }),
      ],
      ['reception', 'at A', buildReception({ ...base, establishment: ATTACKER, receivedAt: at })],
      ['reception', 'at B', buildReception({ ...base, establishment: HOLDER, receivedAt: at })],
      [
        'release',
        'from A',
        buildReleaseEvent({ ...base, establishment: ATTACKER, releaseDate: daysAhead(30) }),
      ],
      [
        'release',
        'from B',
        buildReleaseEvent({ ...base, establishment: HOLDER, releaseDate: daysAhead(30) }),
      ],
      ['release-cancelled', 'at A', buildReleaseCancelled({ ...base, establishment: ATTACKER })],
      ['release-cancelled', 'at B', buildReleaseCancelled({ ...base, establishment: HOLDER })],
      [
        'discharge',
        'from A',
        buildDischarge({ ...base, establishment: ATTACKER, dischargedAt: at }),
      ],
      ['discharge', 'from B', buildDischarge({ ...base, establishment: HOLDER, dischargedAt: at })],
      [
        'court-release',
        'held at A',
        buildCourtRelease({
          ...base,
          holdingEstablishment: ATTACKER,
          releasedAt: at,
          releaseArea: { localAuthorityCode: AREA },
        }),
      ],
      [
        'court-release',
        'held at B',
        buildCourtRelease({
          ...base,
          holdingEstablishment: HOLDER,
          releasedAt: at,
          releaseArea: { localAuthorityCode: AREA },
        }),
      ],
    ];
  }

  it("refuses every event type from another prison's key, naming either prison, and writes nothing", async () => {
    const before = await footprint(person);
    for (const [kind, naming, event] of hostileEvents()) {
      const answer = await attacker.post(`/v1/events/${kind}`, event);
      expect({ kind, naming, status: answer.status }).toEqual({ kind, naming, status: 403 });
      expect(answer.contentType).toContain('application/problem+json');
      expect(JSON.stringify(answer.body)).toMatch(/\(ACC-[23]\)/);
      // A refusal about custody never says where, or whether, the person is held.
      if (!JSON.stringify(event).includes(HOLDER))
        expect(JSON.stringify(answer.body)).not.toContain(HOLDER);
    }
    expect(await footprint(person)).toEqual(before);
  });

  it("refuses every person-scoped read and write with another prison's key as if the person were unknown, and writes nothing", async () => {
    const before = await footprint(person);
    const probes: Array<[string, () => Promise<Answer>]> = [
      ['GET timeline', () => attacker.get(`/v1/people/${person}/timeline`)],
      ['GET consent', () => attacker.get(`/v1/people/${person}/consent`)],
      ['PUT consent', () => attacker.put(`/v1/people/${person}/consent`, consent())],
      [
        'POST risk-override',
        () => attacker.post(`/v1/people/${person}/risk-override`, riskOverride()),
      ],
      ['PUT dir', () => attacker.put(`/v1/people/${person}/dir`, dir(ATTACKER))],
      ['PUT ost-plan', () => attacker.put(`/v1/people/${person}/ost-plan`, ostPlan())],
      ['POST naloxone', () => attacker.post(`/v1/people/${person}/naloxone`, naloxone())],
    ];
    const unknown = uniquePrisonNumber();
    for (const [probe, send] of probes) {
      const answer = await send();
      expect({ probe, status: answer.status }).toEqual({ probe, status: 404 });
      expectProblem(answer, 404);
      // Exactly what a person the hub has never seen gets: existence is not leaked.
      const path = probe.split(' ')[1] as string;
      const method = probe.split(' ')[0] as string;
      const twin = await sendAs(attacker, method, `/v1/people/${unknown}/${path}`);
      expect(twin.status).toBe(404);
      expect(stripPerson(answer.body, person)).toEqual(stripPerson(twin.body, unknown));
    }
    // The disclosure export is an admin's: a prison key is refused for its role, before any lookup.
    expectProblem(await attacker.get(`/v1/people/${person}/disclosures`), 403);
    expect(await footprint(person)).toEqual(before);
  });

  it('refuses the establishment-scoped reads and a subscriber key on person routes', async () => {
    const from = daysAhead(-30);
    const to = daysAhead(0);
    expectProblem(await attacker.get(`/v1/releases?establishment=${HOLDER}`), 403);
    expectProblem(
      await attacker.get(`/v1/measures?establishment=${HOLDER}&from=${from}&to=${to}`),
      403,
    );
    expectProblem(
      await attacker.get(`/v1/prescribing/bridging-requests?establishment=${HOLDER}`),
      403,
    );
    for (const path of ['timeline', 'consent'])
      expectProblem(await subscriber.get(`/v1/people/${person}/${path}`), 403);
    expectProblem(
      await subscriber.post('/v1/events/reception', buildReception({ prisonNumber: person })),
      403,
    );
  });

  it("refuses another prison's key on a bridging request, listed or issued, while the holder's key works", async () => {
    const courtReleased = uniquePrisonNumber();
    const reception = buildReception({
      prisonNumber: courtReleased,
      establishment: HOLDER,
      receivedAt,
    });
    expect((await holder.post('/v1/events/reception', reception)).status).toBe(202);
    const released = buildCourtRelease({
      prisonNumber: courtReleased,
      holdingEstablishment: HOLDER,
      releasedAt: hoursAgo(1),
      releaseArea: { localAuthorityCode: AREA },
    });
    expect((await holder.post('/v1/events/court-release', released)).status).toBe(202);
    const [request] = await expectEventually<Array<{ id: string; prisonNumber: string }>>(
      async () => {
        const listed = await holder.get(
          `/v1/prescribing/bridging-requests?establishment=${HOLDER}`,
        );
        expect(listed.status).toBe(200);
        const found = (listed.body as Array<{ id: string; prisonNumber: string }>).filter(
          (r) => r.prisonNumber === courtReleased,
        );
        expect(found).toHaveLength(1);
        return found;
      },
      { timeoutMs: 30_000 },
    );
    const requestId = request?.id as string;
    const mine = await attacker.get('/v1/prescribing/bridging-requests');
    expect(mine.status).toBe(200);
    expect(mine.body).toEqual([]);
    const issued = await attacker.post(`/v1/prescribing/bridging-requests/${requestId}/issued`, {
      form: 'FP10MDA',
      prescriber: { name: 'Dr Intruder', registrationNumber: '7000000' },
      issuedAt: hoursAgo(0.5),
      coverUntil: daysAhead(3),
    });
    expectProblem(issued, 403);
    const [row] = await db.rows<{ status: string }>(
      'SELECT status FROM api.bridging_request WHERE id = $1',
      [requestId],
    );
    expect(row?.status).toBe('OPEN');
  });

  it('the legitimate path still works: B reads, B records the transfer to A, then A receives and reads', async () => {
    expect((await holder.get(`/v1/people/${person}/timeline`)).status).toBe(200);
    const record = await holder.get(`/v1/people/${person}/consent`);
    expect(record.status).toBe(200);
    const transfer = buildTransfer({
      prisonNumber: person,
      fromEstablishment: HOLDER,
      toEstablishment: ATTACKER,
      transferredAt: hoursAgo(0.5),
    });
    expect((await holder.post('/v1/events/transfer', transfer)).status).toBe(202);
    const arrival = buildReception({
      prisonNumber: person,
      establishment: ATTACKER,
      receivedAt: hoursAgo(0.25),
    });
    expect((await attacker.post('/v1/events/reception', arrival)).status).toBe(202);
    expect((await attacker.get(`/v1/people/${person}/consent`)).status).toBe(200);
    // Now B no longer holds the person: B may not move them again (ACC-3).
    const again = buildTransfer({
      prisonNumber: person,
      fromEstablishment: HOLDER,
      toEstablishment: ELSEWHERE,
      transferredAt: hoursAgo(0.1),
    });
    expectProblem(await holder.post('/v1/events/transfer', again), 403);
  });
});

function sendAs(client: HubApiClient, method: string, path: string): Promise<Answer> {
  if (method === 'GET') return client.get(path);
  if (method === 'PUT') return client.put(path, {});
  return client.post(path, {});
}

function stripPerson(body: unknown, prisonNumber: string): unknown {
  return JSON.parse(JSON.stringify(body).split(prisonNumber).join('<person>'));
}
