import { randomUUID } from 'node:crypto';

import {
  ContinuityEventType,
  PersonRecordEventType,
  Topics,
  buildCloudEvent,
  type BridgingRequestV1,
  type ContinuityRecordV1,
} from '@throughcare/contracts';
import {
  TestDatabase,
  TopicReader,
  TopicWriter,
  buildDischarge,
  buildReception,
  buildReleaseEvent,
  buildTransfer,
  expectEventually,
  uniquePrisonNumber,
} from '@throughcare/testing';

import { ApiCaller } from './support/api-caller';
import { dateFromToday, hoursAgo } from './support/intake-fixtures';
import { startApi, type StartedApi } from './support/start-api';

type Json = Record<string, unknown>;
interface Problem {
  type: string;
  status: number;
  detail?: string;
  errors?: Array<{ field: string }>;
}
interface DirAnswer {
  dirId: string;
  version: number;
  episode: { receivedAt: string; establishment: string };
  holder: string;
}

const dir = (
  episode: { receivedAt: string; establishment: string },
  establishment: string,
  recordedAt: string,
): Json => ({
  custodyEpisode: episode,
  establishment,
  healthcareSectionCompletedAt: recordedAt,
  substances: [{ substance: 'OPIATES', route: 'INJECTED', primary: true }],
  treatment: { status: 'ACCESSING', modalities: ['OST_MAINTENANCE'], previousTreatment: 'NONE' },
  keyworker: { name: 'Alex Reid', email: 'alex.reid@lei-smt.example' },
  recordedBy: 'j.smith',
  recordedAt,
});

const naloxoneIssued = (): Json => ({
  outcome: 'ISSUED',
  trainingGiven: true,
  recordedBy: 'j.smith',
  recordedAt: hoursAgo(2),
});

const communityDose = (): Json => ({
  arrangement: 'COMMUNITY_DOSE_BOOKED',
  communityAppointment: { at: hoursAgo(-30), organisationId: 'leeds-cgl' },
  recordedBy: 'j.smith',
  recordedAt: hoursAgo(3),
});

/**
 * The measures' prison: a code no other suite uses, fresh per run, since a broker kept between
 * local runs replays earlier runs' intake events into this run's database.
 */
const MEASURED = `Q${String.fromCharCode(65 + Math.floor(Math.random() * 26), 65 + Math.floor(Math.random() * 26))}`;

describe('person record, bridging requests and measures (api against real PostgreSQL and Kafka)', () => {
  let api: StartedApi;
  let admin: ApiCaller;
  let leeds: ApiCaller;
  let manchester: ApiCaller;
  let measured: ApiCaller;
  let db: TestDatabase;
  let topics: TopicReader;
  let writer: TopicWriter;

  /** A person received at `establishment` `hours` ago, by that prison's key. */
  const received = async (
    caller: ApiCaller,
    establishment: string,
    hours = 72,
  ): Promise<{ prisonNumber: string; episode: { receivedAt: string; establishment: string } }> => {
    const reception = buildReception({
      prisonNumber: uniquePrisonNumber(),
      establishment,
      receivedAt: hoursAgo(hours),
    });
    expect((await caller.post('/v1/events/reception', reception)).status).toBe(202);
    return {
      prisonNumber: reception.prisonNumber,
      episode: { receivedAt: reception.receivedAt, establishment },
    };
  };
  const personRecordEvents = (prisonNumber: string) =>
    topics
      .on(Topics.PersonRecord)
      .filter((m) => m.key === prisonNumber)
      .map((m) => JSON.parse(m.value) as { type: string; data: Json });
  const publishRecord = (record: ContinuityRecordV1) =>
    writer.publishRaw(
      Topics.Continuity,
      record.prisonNumber,
      JSON.stringify(
        buildCloudEvent({
          id: randomUUID(),
          type: ContinuityEventType.RecordUpdated,
          subject: record.prisonNumber,
          time: new Date(),
          data: record,
          source: 'throughcare-continuity-test',
        }),
      ),
    );
  const bridgingRequest = (prisonNumber: string, overrides: Partial<BridgingRequestV1> = {}) =>
    ({
      id: randomUUID(),
      prisonNumber,
      establishment: 'LEI',
      status: 'OPEN',
      releaseKind: 'PLANNED',
      releaseDate: dateFromToday(2),
      urgent: false,
      fridayOrPreHoliday: false,
      openedAt: hoursAgo(1),
      coverFrom: dateFromToday(2),
      coverUntil: dateFromToday(3),
      ostMedicine: 'METHADONE',
      doseMg: 60,
      ...overrides,
    }) satisfies BridgingRequestV1;
  const issued = () => ({
    form: 'FP10MDA',
    prescriber: { name: 'Dr R. Khan', registrationNumber: '7012345' },
    issuedAt: hoursAgo(0.5),
    coverUntil: dateFromToday(3),
  });

  beforeAll(async () => {
    api = await startApi(3297);
    admin = new ApiCaller(api.baseUrl, api.adminKey);
    leeds = new ApiCaller(api.baseUrl, await api.prisonKey('hmp-leeds-record', ['LEI']));
    manchester = new ApiCaller(api.baseUrl, await api.prisonKey('hmp-manchester-record', ['MDI']));
    measured = new ApiCaller(api.baseUrl, await api.prisonKey('hmp-measured-record', [MEASURED]));
    db = new TestDatabase();
    topics = await new TopicReader().start([Topics.PersonRecord]);
    writer = await new TopicWriter().start();
  });

  afterAll(async () => {
    await writer?.stop();
    await topics?.stop();
    await api?.app.close();
    await db?.close();
  });

  describe('DIR', () => {
    it('creates the episode DIR (201), then a second PUT adds version 2 (200), both kept and published', async () => {
      const { prisonNumber, episode } = await received(leeds, 'LEI');
      const path = `/v1/people/${prisonNumber}/dir`;

      const created = await leeds.put<DirAnswer>(path, dir(episode, 'LEI', hoursAgo(70)));
      const updated = await leeds.put<DirAnswer>(path, dir(episode, 'LEI', hoursAgo(60)));

      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ prisonNumber, version: 1, holder: 'LEI', episode });
      expect(updated.status).toBe(200);
      expect(updated.body).toMatchObject({ dirId: created.body.dirId, version: 2, episode });
      expect(
        await db.count('SELECT count(*) FROM api.dir_version WHERE dir_id = $1', [
          created.body.dirId,
        ]),
      ).toBe(2);
      const events = await expectEventually(() => {
        const found = personRecordEvents(prisonNumber);
        expect(found).toHaveLength(2);
        return found;
      });
      expect(events.map((e) => [e.type, e.data['version'], e.data['dirId']])).toEqual([
        [PersonRecordEventType.DirRecorded, 1, created.body.dirId],
        [PersonRecordEventType.DirRecorded, 2, created.body.dirId],
      ]);
      const [person] = await db.rows<{ episode_id: string }>(
        'SELECT episode_id FROM api.person WHERE prison_number = $1',
        [prisonNumber],
      );
      expect(events[0]?.data).toMatchObject({
        prisonNumber,
        episodeId: person?.episode_id,
        recordedByOrganisation: 'hmp-leeds-record',
        holder: 'LEI',
      });
    });

    it('answers a retried create with the first answer (201), writing nothing more', async () => {
      const { prisonNumber, episode } = await received(leeds, 'LEI');
      const path = `/v1/people/${prisonNumber}/dir`;
      const body = dir(episode, 'LEI', hoursAgo(70));
      const headers = { 'Idempotency-Key': randomUUID() };

      const first = await leeds.put<DirAnswer>(path, body, headers);
      const retry = await leeds.put<DirAnswer>(path, body, headers);

      expect([first.status, retry.status]).toEqual([201, 201]);
      expect(retry.body).toEqual(first.body);
      expect(retry.headers.get('idempotent-replayed')).toBe('true');
      expect(
        await db.count('SELECT count(*) FROM api.dir_version WHERE prison_number = $1', [
          prisonNumber,
        ]),
      ).toBe(1);
    });

    it('refuses (409) a DIR for a custody episode the person never had', async () => {
      const { prisonNumber } = await received(leeds, 'LEI');

      const answer = await leeds.put<Problem>(
        `/v1/people/${prisonNumber}/dir`,
        dir({ receivedAt: hoursAgo(500), establishment: 'LEI' }, 'LEI', hoursAgo(60)),
      );

      expect(answer.status).toBe(409);
      expect(answer.headers.get('content-type')).toContain('application/problem+json');
      expect(answer.body.detail).toMatch(/no custody episode opened by that reception/);
    });

    it('after a transfer and the receiving prison’s reception, the receiving prison updates the same DIR', async () => {
      const { prisonNumber, episode } = await received(leeds, 'LEI');
      const path = `/v1/people/${prisonNumber}/dir`;
      const created = await leeds.put<DirAnswer>(path, dir(episode, 'LEI', hoursAgo(70)));
      const transfer = buildTransfer({
        prisonNumber,
        fromEstablishment: 'LEI',
        toEstablishment: 'MDI',
        transferredAt: hoursAgo(48),
      });
      expect((await leeds.post('/v1/events/transfer', transfer)).status).toBe(202);
      // Prisons record a reception for transfer arrivals (DIR-01).
      const arrival = buildReception({
        prisonNumber,
        establishment: 'MDI',
        receivedAt: hoursAgo(47),
      });
      expect((await manchester.post('/v1/events/reception', arrival)).status).toBe(202);

      const byReceivingPrison = await manchester.put<DirAnswer>(
        path,
        dir({ receivedAt: arrival.receivedAt, establishment: 'MDI' }, 'MDI', hoursAgo(40)),
      );
      const bySendingPrison = await leeds.put<Problem>(path, dir(episode, 'LEI', hoursAgo(30)));

      expect(byReceivingPrison.status).toBe(200);
      expect(byReceivingPrison.body).toMatchObject({
        dirId: created.body.dirId,
        version: 2,
        holder: 'MDI',
        episode,
      });
      expect(bySendingPrison.status).toBe(409);
      expect(bySendingPrison.body.detail).toMatch(/held at MDI, not LEI/);
      const episodes = await db.rows(
        'SELECT DISTINCT episode_id FROM api.intake_event WHERE prison_number = $1',
        [prisonNumber],
      );
      expect(episodes).toHaveLength(1);
    });

    it('404 for a person the hub has never seen', async () => {
      const answer = await admin.put(
        `/v1/people/${uniquePrisonNumber()}/dir`,
        dir({ receivedAt: hoursAgo(5), establishment: 'LEI' }, 'LEI', hoursAgo(4)),
      );
      expect(answer.status).toBe(404);
    });
  });

  describe('OST plan and naloxone', () => {
    it('refuses an OST plan of NONE without its reason (400 naming the field)', async () => {
      const { prisonNumber } = await received(leeds, 'LEI');

      const answer = await leeds.put<Problem>(`/v1/people/${prisonNumber}/ost-plan`, {
        arrangement: 'NONE',
        reassessmentPlannedFor: hoursAgo(-48),
        recordedBy: 'j.smith',
        recordedAt: hoursAgo(1),
      });

      expect(answer.status).toBe(400);
      expect(answer.body.errors?.map((e) => e.field)).toEqual(['reason']);
    });

    it('records OST plan versions and a naloxone outcome (201), each published, on the timeline', async () => {
      const { prisonNumber } = await received(leeds, 'LEI');
      const plan = `/v1/people/${prisonNumber}/ost-plan`;

      const v1 = await leeds.put(plan, { arrangement: 'BRIDGING_SCRIPT', recordedAt: hoursAgo(4) });
      const v2 = await leeds.put(plan, communityDose());
      const naloxone = await leeds.post(`/v1/people/${prisonNumber}/naloxone`, naloxoneIssued());
      const elsewhere = await manchester.post(
        `/v1/people/${prisonNumber}/naloxone`,
        naloxoneIssued(),
      );

      expect([v1.status, v2.status, naloxone.status]).toEqual([200, 200, 201]);
      expect(v2.body).toMatchObject({ version: 2, plan: { arrangement: 'COMMUNITY_DOSE_BOOKED' } });
      expect(naloxone.body).toMatchObject({ prisonNumber, outcome: { outcome: 'ISSUED' } });
      expect(elsewhere.status).toBe(404); // never held there: as if unknown (ACC-6)
      const events = await expectEventually(() => {
        const found = personRecordEvents(prisonNumber);
        expect(found).toHaveLength(3);
        return found;
      });
      expect(events.map((e) => e.type)).toEqual([
        PersonRecordEventType.OstPlanRecorded,
        PersonRecordEventType.OstPlanRecorded,
        PersonRecordEventType.NaloxoneRecorded,
      ]);
      expect(events[2]?.data).toMatchObject({
        prisonNumber,
        recordedByOrganisation: 'hmp-leeds-record',
        outcome: { outcome: 'ISSUED', trainingGiven: true },
      });
      const timeline = await leeds.get<{ entries: Json[] }>(`/v1/people/${prisonNumber}/timeline`);
      expect(
        timeline.body.entries
          .filter((e) => e['kind'] === 'ost-plan' || e['kind'] === 'naloxone')
          .map((e) => e['kind']),
      ).toEqual(['ost-plan', 'ost-plan', 'naloxone']);
    });
  });

  describe('bridging requests', () => {
    it('reads requests from continuity records, newest revision only, lists them and takes an issued script once', async () => {
      const { prisonNumber } = await received(leeds, 'LEI');
      const urgentOne = await received(leeds, 'LEI');
      const request = bridgingRequest(prisonNumber, { openedAt: hoursAgo(2) });
      const urgent = bridgingRequest(urgentOne.prisonNumber, {
        urgent: true,
        releaseKind: 'COURT',
        openedAt: hoursAgo(1),
      });
      const record = (revision: number, bridging: BridgingRequestV1): ContinuityRecordV1 => ({
        prisonNumber: bridging.prisonNumber,
        revision,
        bridgingRequest: bridging,
        updatedAt: new Date().toISOString(),
      });
      await publishRecord(record(2, request));
      await publishRecord(record(1, { ...request, coverUntil: dateFromToday(9) }));
      await publishRecord(record(1, urgent));

      const open = await expectEventually(async () => {
        const answer = await leeds.get<BridgingRequestV1[]>(
          '/v1/prescribing/bridging-requests?status=OPEN&establishment=LEI',
        );
        const ours = answer.body.filter((r) => r.id === request.id || r.id === urgent.id);
        expect(ours).toHaveLength(2);
        return ours;
      });
      // Urgent first; the revision-1 copy of the first request arrived after revision 2 and changed nothing.
      expect(open.map((r) => r.id)).toEqual([urgent.id, request.id]);
      expect(open[1]).toEqual(request);
      expect(
        (await manchester.get('/v1/prescribing/bridging-requests?establishment=LEI')).status,
      ).toBe(403);
      const mine = await manchester.get<BridgingRequestV1[]>('/v1/prescribing/bridging-requests');
      expect(mine.body.map((r) => r.id)).not.toContain(request.id);

      const path = `/v1/prescribing/bridging-requests/${request.id}/issued`;
      const script = issued();
      expect((await manchester.post(path, issued())).status).toBe(403);
      const first = await leeds.post<BridgingRequestV1>(path, script);
      const again = await leeds.post<Problem>(path, script);
      const unknown = await leeds.post(
        `/v1/prescribing/bridging-requests/${randomUUID()}/issued`,
        issued(),
      );

      expect(first.status).toBe(202);
      expect(first.body).toMatchObject({ id: request.id, status: 'ISSUED', issued: script });
      expect(again.status).toBe(409);
      expect(again.body.detail).toMatch(/ISSUED, not OPEN/);
      expect(unknown.status).toBe(404);
      const events = await expectEventually(() => {
        const found = personRecordEvents(prisonNumber);
        expect(found).toHaveLength(1);
        return found;
      });
      expect(events[0]).toMatchObject({
        type: PersonRecordEventType.BridgingScriptIssued,
        data: {
          prisonNumber,
          requestId: request.id,
          recordedByOrganisation: 'hmp-leeds-record',
          issued: { form: 'FP10MDA', coverUntil: dateFromToday(3) },
        },
      });
      // A later continuity record still saying OPEN (published before it heard) does not undo it.
      await publishRecord(record(3, request));
      await publishRecord(record(2, urgent));
      await expectEventually(async () => {
        const answer = await leeds.get<BridgingRequestV1[]>(
          '/v1/prescribing/bridging-requests?establishment=LEI',
        );
        const revisions = await db.rows(
          'SELECT revision FROM api.continuity_record_revision WHERE prison_number = $1',
          [urgentOne.prisonNumber],
        );
        expect(revisions).toEqual([{ revision: 2 }]);
        expect(answer.body.find((r) => r.id === request.id)?.status).toBe('ISSUED');
      });
      const timeline = await leeds.get<{ entries: Json[] }>(`/v1/people/${prisonNumber}/timeline`);
      expect(
        timeline.body.entries.filter((e) => e['kind'] === 'bridging-request').map((e) => e['type']),
      ).toEqual([
        'throughcare.notice.bridging-script.requested',
        PersonRecordEventType.BridgingScriptIssued,
      ]);
    });
  });

  describe('measures', () => {
    it.each([
      ['no to', '?from=2026-01-01', 'to'],
      ['to before from', '?from=2026-02-01&to=2026-01-31', 'to'],
      ['over 366 days', '?from=2026-01-01&to=2027-01-03', 'to'],
      ['a date that is not a date', '?from=2026-02-30&to=2026-03-01', 'from'],
    ])('400 for %s', async (_name, query, field) => {
      const answer = await admin.get<Problem>(`/v1/measures${query}`);
      expect(answer.status).toBe(400);
      expect(answer.headers.get('content-type')).toContain('application/problem+json');
      expect(answer.body.errors?.map((e) => e.field)).toContain(field);
    });

    it('counts a discharge with naloxone issued and a community dose booked, none of its notices sent', async () => {
      const { prisonNumber } = await received(measured, MEASURED, 96);
      const today = dateFromToday(0);
      const plan = buildReleaseEvent({ prisonNumber, establishment: MEASURED, releaseDate: today });
      expect((await measured.post('/v1/events/release', plan)).status).toBe(202);
      expect(
        (await measured.put(`/v1/people/${prisonNumber}/ost-plan`, communityDose())).status,
      ).toBe(200);
      expect(
        (await measured.post(`/v1/people/${prisonNumber}/naloxone`, naloxoneIssued())).status,
      ).toBe(201);
      const discharge = buildDischarge({
        prisonNumber,
        establishment: MEASURED,
        dischargedAt: hoursAgo(0.1),
      });
      expect((await measured.post('/v1/events/discharge', discharge)).status).toBe(202);

      const answer = await measured.get(
        `/v1/measures?establishment=${MEASURED}&from=${today}&to=${today}`,
      );

      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({
        establishment: MEASURED,
        releases: 1,
        planned: { count: 1, notifiedAtSixWeeks: { count: 0, of: 1, ratio: 0 } },
        naloxoneIssuedOfEligible: { count: 1, of: 1, ratio: 1 },
        ost: { withScriptOrBookedDose: { count: 1, of: 1, ratio: 1 }, noPlan: 0 },
        unplanned: { count: 0 },
      });
      expect((await measured.get(`/v1/measures?from=${today}&to=${today}`)).status).toBe(400);
      expect(
        (await measured.get(`/v1/measures?establishment=LEI&from=${today}&to=${today}`)).status,
      ).toBe(403);
      const metrics = await admin.get('/metrics');
      // The same measures over the last 90 days, every establishment (service label from the runtime).
      for (const gauge of [
        'throughcare_release_notified_ratio{milestone="two-days",',
        'throughcare_naloxone_issued_ratio{',
        'throughcare_ost_covered_ratio{',
        'throughcare_unplanned_releases{',
        'throughcare_unplanned_notice_median_seconds{',
      ])
        expect(metrics.text.split('\n').some((line) => line.startsWith(gauge))).toBe(true);
    });
  });
});
