import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { INestApplication } from '@nestjs/common';
import { DateTime } from 'luxon';

import { Topics } from '@throughcare/contracts';
import {
  HubApiClient,
  TestDatabase,
  TopicReader,
  TopicWriter,
  expectEventually,
  startService,
  stopService,
  uniquePrisonNumber,
  waitForConsumersToCatchUp,
  type RunningService,
} from '@throughcare/testing';

import { RetentionSweeper } from '@throughcare/persistence';

import { CourtCandidateSweeper } from '../src/court-candidates/court-candidate.sweeper';
import { bareEventMessageId, hubEventId } from '../src/domain-events/hub-event-ids';
import type { SnsMessage } from '../src/sns/sns-message';
import { PrisonerSearchStandIn } from './support/prisoner-search-stand-in';
import { SnsStandIn } from './support/sns-stand-in';
import { migrateAdapter, startAdapter } from './support/start-adapter';

const FIXTURES = join(__dirname, 'fixtures', 'published');
const TOPIC_ARN = 'arn:aws:sns:eu-west-2:123456789012:hmpps-domain-events';
const runSuffix = (process.env['KAFKA_GROUP_SUFFIX'] ?? '-local').replace(/^-/, '');
const HMPPS_TOPIC = `hmpps.domain-events.${runSuffix}`;

function published(name: string): string {
  return readFileSync(join(FIXTURES, name), 'utf8');
}

// The broker is shared by every test run, and the api replays earlier runs' intake topics into
// this run's database at start. So a published example (its prison number fixed) is replayed
// under a fixed SNS MessageId, with fixed dates: the hub events it gives have the same ids and
// bodies in every run, and the hub records an eventId once.
function fixedMessageId(name: string): string {
  return hubEventId('integration-fixture', name);
}

function movement(eventType: string, reason: string, nomsNumber: string, prisonId: string) {
  return JSON.stringify({
    eventType,
    version: 1,
    occurredAt: new Date(Date.now() - 60_000).toISOString().replace('Z', '+00:00'),
    description: 'movement',
    additionalInformation: { nomsNumber, prisonId, reason },
    personReference: { identifiers: [{ type: 'NOMS', value: nomsNumber }] },
  });
}

describe('HMPPS adapter (real PostgreSQL, Kafka and hub API; loopback SNS and Prisoner Search)', () => {
  let api: RunningService;
  let adapter: { app: INestApplication; baseUrl: string };
  let sns: SnsStandIn;
  let search: PrisonerSearchStandIn;
  let db: TestDatabase;
  let bridge: TopicWriter;
  let dlq: TopicReader;

  const post = async (message: SnsMessage | string | object) => {
    const response = await fetch(`${adapter.baseUrl}/hmpps/sns`, {
      method: 'POST',
      // As SNS sends it.
      headers: { 'content-type': 'text/plain; charset=UTF-8', 'x-amz-sns-message-type': 'x' },
      body: typeof message === 'string' ? message : JSON.stringify(message),
    });
    return {
      status: response.status,
      type: response.headers.get('content-type'),
      body: (await response.json()) as Record<string, unknown>,
    };
  };
  const hubEvents = (prisonNumber: string) =>
    db.rows<{
      event_id: string;
      type: string;
      establishment: string;
      payload: Record<string, unknown>;
    }>(
      'SELECT event_id, type, establishment, payload FROM api.intake_event WHERE prison_number = $1 ORDER BY received_at',
      [prisonNumber],
    );
  const handled = () => db.count('SELECT count(*) FROM hmpps_adapter.handled_message');
  const eventIds = async (prisonNumber: string) =>
    new Set((await hubEvents(prisonNumber)).map((event) => event.event_id));
  /**
   * The hub holds each expected event once, at its establishment, and nothing else new about
   * the person since `before` (earlier runs' replayed events, same ids, are in `before`).
   */
  const expectHubEvents = async (
    prisonNumber: string,
    before: Set<string>,
    expected: Array<[string, string]>,
  ) => {
    const events = await hubEvents(prisonNumber);
    for (const [eventId, establishment] of expected)
      expect(
        events.filter((event) => event.event_id === eventId).map((e) => e.establishment),
      ).toEqual([establishment]);
    const added = events.filter((event) => !before.has(event.event_id)).map((e) => e.event_id);
    expect(expected.map(([eventId]) => eventId)).toEqual(expect.arrayContaining(added));
    return new Map(events.map((event) => [event.event_id, event.payload]));
  };

  const duplicates = async (source: 'sns' | 'kafka') => {
    const metrics = await (await fetch(`${adapter.baseUrl}/metrics`)).text();
    const line = new RegExp(
      `throughcare_hmpps_duplicate_deliveries_total\\{source="${source}"[^}]*\\} (\\d+)`,
    );
    return Number(line.exec(metrics)?.[1] ?? 0);
  };

  beforeAll(async () => {
    await migrateAdapter();
    db = new TestDatabase();
    const apiPort = 3391 + Number(process.env['TEST_PORT_OFFSET'] ?? 0);
    api = await startService(
      'api',
      apiPort,
      process.env,
      join(process.env['TEST_LOG_DIR'] ?? '.cache', 'hmpps-adapter'),
    );
    // Earlier runs' intake events, replayed into this run's database, are in before any test.
    await waitForConsumersToCatchUp(
      [Topics.Reception, Topics.Transfer, Topics.Release, Topics.CourtRelease].map((topic) => ({
        groupId: `throughcare-api${process.env['KAFKA_GROUP_SUFFIX'] ?? ''}`,
        topic,
      })),
    );
    const admin = new HubApiClient(
      `http://127.0.0.1:${apiPort}`,
      process.env['HUB_ADMIN_KEY'] ?? '',
    );
    await admin.registerOrganisation({
      organisationId: 'hmpps-domain-events',
      type: 'PRISON',
      name: 'HMPPS domain events adapter',
      establishments: ['SWI', 'MDI', 'LEI'],
      spoc: { name: 'Integration SPOC', email: 'spoc@hmpps-adapter.example' },
    });
    const issued = await admin.post('/v1/api-keys', {
      organisationId: 'hmpps-domain-events',
      role: 'prison',
      establishments: ['SWI', 'MDI', 'LEI'],
    });
    expect(issued.status).toBe(201);
    sns = await new SnsStandIn(TOPIC_ARN).start();
    search = await new PrisonerSearchStandIn().start();
    adapter = await startAdapter(3394, {
      HUB_API_URL: `http://127.0.0.1:${apiPort}`,
      HUB_API_KEY: (issued.body as { key: string }).key,
      HMPPS_SNS_TOPIC_ARNS: TOPIC_ARN,
      HMPPS_SNS_CERT_HOST_PATTERN: '^127\\.0\\.0\\.1$',
      HMPPS_SNS_CERT_CA_FILE: sns.certificateFile,
      HMPPS_KAFKA_TOPIC: HMPPS_TOPIC,
      PRISONER_SEARCH_URL: search.baseUrl,
      HMPPS_AUTH_TOKEN_URL: search.tokenUrl,
      HMPPS_AUTH_CLIENT_ID: search.clientId,
      HMPPS_AUTH_CLIENT_SECRET: search.clientSecret,
      HMPPS_RELEASE_AREAS: 'SWI:W06000015,MDI:E08000035,LEI:E08000035',
    });
    bridge = await new TopicWriter().start();
    dlq = await new TopicReader().start([`${HMPPS_TOPIC}.dlq`]);
  }, 180_000);

  afterAll(async () => {
    await dlq?.stop();
    await bridge?.stop();
    await adapter?.app.close();
    if (api) await stopService(api);
    await search?.stop();
    await sns?.stop();
    await db?.close();
  });

  it('confirms a subscription signed by the SNS certificate by fetching its SubscribeURL', async () => {
    const response = await post(sns.subscriptionConfirmation('confirm-token-1'));

    expect(response).toMatchObject({ status: 200, body: { outcome: 'subscription confirmed' } });
    expect(sns.confirmations).toEqual(['confirm-token-1']);
  });

  it('refuses unsigned, tampered, unconfigured-topic and off-host messages with 403 problem+json, recording nothing', async () => {
    const before = await handled();
    const good = sns.notification(published('prisoner-received-admission.json'));
    const { Signature: _dropped, ...unsigned } = good;
    const cases: object[] = [
      unsigned,
      { ...good, Message: good.Message.replace('SWI', 'LEI') },
      sns.notification(published('prisoner-received-admission.json'), {
        TopicArn: 'arn:aws:sns:eu-west-2:123456789012:another-topic',
      }),
      sns.notification(published('prisoner-received-admission.json'), {
        SigningCertURL: 'https://localhost:1/SimpleNotificationService-test.pem',
      }),
    ];

    for (const message of cases) {
      const response = await post(message);
      expect(response.status).toBe(403);
      expect(response.type).toContain('application/problem+json');
    }
    expect(await handled()).toBe(before);
    expect(
      await db.count('SELECT count(*) FROM api.intake_event WHERE event_id = $1', [
        hubEventId(good.MessageId, 'reception'),
      ]),
    ).toBe(0);
  });

  it('replays the published admission unchanged through SNS: one reception, then the release Prisoner Search gives; again, nothing more', async () => {
    const releaseDate = '2027-06-30';
    search.prisoners.set('A3690EA', {
      prisonerNumber: 'A3690EA',
      prisonId: 'SWI',
      legalStatus: 'SENTENCED',
      releaseDate,
      conditionalReleaseDate: releaseDate,
      licenceExpiryDate: '2028-01-31',
    });
    const message = sns.notification(
      published('prisoner-received-admission.json'),
      { MessageId: fixedMessageId('prisoner-received-admission') },
      '1',
    );

    const before = await eventIds('A3690EA');

    const first = await post(message);
    const again = await post(message);

    expect(first).toMatchObject({
      status: 200,
      body: { outcome: 'reception accepted; release 2027-06-30 accepted' },
    });
    expect(again).toMatchObject({ status: 200, body: { outcome: 'already handled' } });
    const reception = hubEventId(message.MessageId, 'reception');
    const release = hubEventId(message.MessageId, `release:${releaseDate}`);
    const payloads = await expectHubEvents('A3690EA', before, [
      [reception, 'SWI'],
      [release, 'SWI'],
    ]);
    expect(payloads.get(reception)).toMatchObject({
      receptionType: 'SENTENCED',
      receivedAt: '2024-06-11T14:13:21.000Z',
    });
    expect(payloads.get(release)).toMatchObject({
      releaseDate,
      releaseType: 'CONDITIONAL_RELEASE',
      supervision: { onLicence: true },
      releaseArea: { localAuthorityCode: 'W06000015' },
    });
    // Each names the HMPPS message it came from, and the hub's timeline shows it (HMPPS-7).
    const source = { system: 'HMPPS', eventId: message.MessageId };
    expect([payloads.get(reception), payloads.get(release)]).toMatchObject([
      { source },
      { source },
    ]);
    const hub = new HubApiClient(
      `http://127.0.0.1:${api.port}`,
      process.env['HUB_ADMIN_KEY'] ?? '',
    );
    const timeline = await hub.get('/v1/people/A3690EA/timeline');
    expect(timeline.status).toBe(200);
    const named =
      JSON.stringify(timeline.body).split(`HMPPS event ${message.MessageId}`).length - 1;
    expect(named).toBe(2);
  });

  it('replays the published sentence-dates change unchanged through Kafka: the release moves to the new date, once', async () => {
    const bareEvent = published('prisoner-sentence-dates-changed.json');
    const releaseDate = '2027-09-30';
    search.prisoners.set('A0260DZ', {
      prisonerNumber: 'A0260DZ',
      prisonId: 'MDI',
      legalStatus: 'SENTENCED',
      releaseDate,
      automaticReleaseDate: releaseDate,
    });

    const before = await eventIds('A0260DZ');
    await bridge.publishRaw(HMPPS_TOPIC, 'A0260DZ', bareEvent);
    await bridge.publishRaw(HMPPS_TOPIC, 'A0260DZ', bareEvent);

    const messageId = bareEventMessageId(bareEvent);
    const release = hubEventId(messageId, `release:${releaseDate}`);
    await expectEventually(async () =>
      expect(
        await db.rows('SELECT outcome FROM hmpps_adapter.handled_message WHERE message_id = $1', [
          messageId,
        ]),
      ).toEqual([{ outcome: `release ${releaseDate} accepted` }]),
    );
    const payloads = await expectHubEvents('A0260DZ', before, [[release, 'MDI']]);
    expect(payloads.get(release)).toMatchObject({ releaseDate, releaseType: 'AUTOMATIC_RELEASE' });
    // The second copy is recognised by its bytes and counted as a duplicate, not acted on.
    await expectEventually(async () => expect(await duplicates('kafka')).toBe(1));
    await expectHubEvents('A0260DZ', before, [[release, 'MDI']]);
  });

  it('transfer out of SWI and in at MDI: the transfer from SWI and MDI’s reception, each once although delivered through both entries; the unchanged release is not planned again', async () => {
    const prisonNumber = uniquePrisonNumber();
    const releaseDate = '2027-08-31';
    search.prisoners.set(prisonNumber, {
      prisonerNumber: prisonNumber,
      prisonId: 'SWI',
      legalStatus: 'SENTENCED',
      releaseDate,
    });
    const admission = sns.notification(
      movement('prison-offender-events.prisoner.received', 'ADMISSION', prisonNumber, 'SWI'),
    );
    expect((await post(admission)).status).toBe(200);
    const out = sns.notification(
      movement('prison-offender-events.prisoner.released', 'TRANSFERRED', prisonNumber, 'SWI'),
    );
    expect((await post(out)).status).toBe(200);
    search.prisoners.set(prisonNumber, {
      prisonerNumber: prisonNumber,
      prisonId: 'MDI',
      legalStatus: 'SENTENCED',
      releaseDate,
    });
    const arrival = sns.notification(
      movement('prison-offender-events.prisoner.received', 'TRANSFERRED', prisonNumber, 'MDI'),
    );

    expect((await post(arrival)).body).toEqual({
      outcome: `transfer accepted; reception accepted; release dates: ${releaseDate} unchanged`,
    });
    const duplicatesBefore = await duplicates('kafka');
    // The same SNS message bridged onto Kafka too (an SQS-to-Kafka bridge next to the HTTPS subscription).
    await bridge.publishRaw(HMPPS_TOPIC, prisonNumber, JSON.stringify(arrival));

    await expectEventually(async () =>
      expect(await duplicates('kafka')).toBe(duplicatesBefore + 1),
    );
    expect(
      await db.count('SELECT count(*) FROM hmpps_adapter.handled_message WHERE message_id = $1', [
        arrival.MessageId,
      ]),
    ).toBe(1);
    const events = await hubEvents(prisonNumber);
    expect(
      events.map((event) => [
        event.event_id,
        event.payload['fromEstablishment'] ?? event.establishment,
      ]),
    ).toEqual([
      [hubEventId(admission.MessageId, 'reception'), 'SWI'],
      [hubEventId(admission.MessageId, `release:${releaseDate}`), 'SWI'],
      [hubEventId(arrival.MessageId, 'transfer'), 'SWI'],
      [hubEventId(arrival.MessageId, 'reception'), 'MDI'],
    ]);
  });

  it('the published release through SNS is one discharge (a person the hub has not seen, ACC-5); a temporary absence before it changes nothing', async () => {
    search.prisoners.set('A3695EA', {
      prisonerNumber: 'A3695EA',
      prisonId: 'SWI',
      legalStatus: 'SENTENCED',
    });
    const tap = sns.notification(
      movement(
        'prison-offender-events.prisoner.released',
        'TEMPORARY_ABSENCE_RELEASE',
        'A3695EA',
        'SWI',
      ).replace(/"occurredAt":"[^"]+"/, '"occurredAt":"2024-06-10T10:00:00+01:00"'),
      { MessageId: fixedMessageId('A3695EA-temporary-absence') },
    );
    const release = sns.notification(published('prisoner-released-released.json'), {
      MessageId: fixedMessageId('prisoner-released-released'),
    });

    const before = await eventIds('A3695EA');

    const outcomes = [];
    for (const message of [tap, release]) outcomes.push((await post(message)).body);

    expect(outcomes).toEqual([
      { outcome: 'temporary absence: no change' },
      { outcome: 'discharge accepted' },
    ]);
    const discharge = hubEventId(release.MessageId, 'discharge');
    const payloads = await expectHubEvents('A3695EA', before, [[discharge, 'SWI']]);
    expect(payloads.get(discharge)).toMatchObject({ dischargedAt: '2024-06-11T14:14:46.000Z' });
  });

  it('reads the published Prisoner Search readmission as a reception (observed: no release to retract), and keeps and counts a reason it does not map, acting on neither', async () => {
    const readmission = sns.notification(published('search-prisoner-received-readmission.json'));
    // Prisoner Search's re-admission onto an old booking: still not mapped (HMPPS-3).
    const unmapped = sns.notification(
      published('search-prisoner-received-readmission.json').replace(
        '"READMISSION"',
        '"READMISSION_SWITCH_BOOKING"',
      ),
    );

    await bridge.publishRaw(HMPPS_TOPIC, 'A7928DZ', JSON.stringify(readmission));
    await bridge.publishRaw(HMPPS_TOPIC, 'A7928DZ', JSON.stringify(unmapped));

    await expectEventually(async () => {
      const [row] = await db.rows<{ event_type: string; reason: string }>(
        'SELECT event_type, reason FROM hmpps_adapter.unknown_event WHERE message_id = $1',
        [unmapped.MessageId],
      );
      expect(row).toEqual({
        event_type: 'prisoner-offender-search.prisoner.received',
        reason: 'READMISSION_SWITCH_BOOKING',
      });
    });
    // Counted once the message is recorded as handled, just after its row is kept.
    await expectEventually(async () => {
      const metrics = await (await fetch(`${adapter.baseUrl}/metrics`)).text();
      expect(metrics).toMatch(
        /throughcare_hmpps_unknown_events_total\{event_type="prisoner-offender-search\.prisoner\.received",reason="READMISSION_SWITCH_BOOKING"[^}]*\} 1/,
      );
    });
    await expectEventually(async () => {
      expect(
        await db.rows(
          'SELECT action, outcome FROM hmpps_adapter.handled_message WHERE message_id = $1',
          [readmission.MessageId],
        ),
      ).toEqual([{ action: 'reception', outcome: 'observed on the immediate stream' }]);
    });
    expect(
      await db.count('SELECT count(*) FROM hmpps_adapter.unknown_event WHERE message_id = $1', [
        readmission.MessageId,
      ]),
    ).toBe(0);
    expect(await hubEvents('A7928DZ')).toEqual([]);
  });

  it('dead-letters a Kafka message that is not an HMPPS event, with the reason', async () => {
    await bridge.publishRaw(
      HMPPS_TOPIC,
      'x',
      JSON.stringify({ eventType: 'prison-offender-events.prisoner.received', version: 'one' }),
    );

    await expectEventually(() => {
      const [letter] = dlq.on(`${HMPPS_TOPIC}.dlq`);
      expect(letter?.headers['x-dlq-reason']).toContain('version');
    });
  });

  describe('court, flaps and late deliveries', () => {
    // Days just past on the London calendar: instants the hub accepts as having happened.
    const d0 = DateTime.now().setZone('Europe/London').minus({ days: 3 }).toISODate() as string;
    const d1 = DateTime.now().setZone('Europe/London').minus({ days: 2 }).toISODate() as string;
    const at = (iso: string) => (event: string) =>
      event.replace(/"occurredAt":"[^"]+"/, `"occurredAt":"${iso}"`);
    const admit = async (prisonNumber: string, when: string) => {
      search.prisoners.set(prisonNumber, {
        prisonerNumber: prisonNumber,
        prisonId: 'SWI',
        legalStatus: 'REMAND',
      });
      const admission = sns.notification(
        at(when)(
          movement('prison-offender-events.prisoner.received', 'ADMISSION', prisonNumber, 'SWI'),
        ),
      );
      expect((await post(admission)).body).toEqual({
        outcome: 'reception accepted; release dates: none yet',
      });
      return admission;
    };
    const sweeper = () => adapter.app.get(CourtCandidateSweeper);

    it('sent to court with no return that day: one court release once the London day is over, however often swept', async () => {
      const prisonNumber = uniquePrisonNumber();
      await admit(prisonNumber, `${d0}T08:00:00+00:00`);
      const court = sns.notification(
        at(`${d0}T09:30:00+00:00`)(
          movement(
            'prison-offender-events.prisoner.released',
            'SENT_TO_COURT',
            prisonNumber,
            'SWI',
          ),
        ),
      );
      await post(court);

      await sweeper().sweep(new Date(`${d0}T22:00:00Z`));
      expect((await hubEvents(prisonNumber)).map((event) => event.type)).toEqual([
        'throughcare.reception.received',
      ]);
      await sweeper().sweep(new Date(`${d1}T00:30:00Z`));
      await sweeper().sweep(new Date(`${d1}T00:31:00Z`));

      const events = await hubEvents(prisonNumber);
      expect(events.map((event) => event.event_id)).toEqual([
        expect.any(String),
        hubEventId(court.MessageId, 'court-release'),
      ]);
      expect(events[1]?.payload).toMatchObject({
        holdingEstablishment: 'SWI',
        releasedAt: `${d0}T09:30:00.000Z`,
        reason: 'OTHER',
      });
    });

    it('sent to court and back the same day: no court release', async () => {
      const prisonNumber = uniquePrisonNumber();
      await admit(prisonNumber, `${d0}T08:00:00+00:00`);
      for (const [reason, type, when] of [
        ['SENT_TO_COURT', 'released', `${d0}T09:30:00+00:00`],
        ['RETURN_FROM_COURT', 'received', `${d0}T17:45:00+00:00`],
      ] as const)
        await post(
          sns.notification(
            at(when)(
              movement(`prison-offender-events.prisoner.${type}`, reason, prisonNumber, 'SWI'),
            ),
          ),
        );

      await sweeper().sweep(new Date(`${d1}T00:30:00Z`));

      expect((await hubEvents(prisonNumber)).map((event) => event.type)).toEqual([
        'throughcare.reception.received',
      ]);
    });

    it('a flap on the immediate stream (released, released again, received back within minutes) is one provisional discharge and its retraction (HMPPS-10); a second flap received back as a READMISSION, the same', async () => {
      const prisonNumber = uniquePrisonNumber();
      await admit(prisonNumber, `${d0}T08:00:00+00:00`);
      const outcomes = [];
      for (const [type, reason, when] of [
        ['released', 'RELEASED', `${d1}T10:00:00+00:00`],
        ['released', 'RELEASED', `${d1}T10:01:00+00:00`],
        ['received', 'ADMISSION', `${d1}T10:04:00+00:00`],
        ['released', 'RELEASED', `${d1}T11:00:00+00:00`],
        ['received', 'READMISSION', `${d1}T11:03:00+00:00`],
      ] as const)
        outcomes.push(
          (
            await post(
              sns.notification(
                at(when)(
                  movement(
                    `prisoner-offender-search.prisoner.${type}`,
                    reason,
                    prisonNumber,
                    'SWI',
                  ),
                ),
              ),
            )
          ).body,
        );

      expect(outcomes).toEqual([
        { outcome: 'provisional discharge accepted' },
        { outcome: 'release already provisional: nothing posted' },
        { outcome: 'release retracted accepted' },
        { outcome: 'provisional discharge accepted' },
        { outcome: 'release retracted accepted' },
      ]);
      const events = await hubEvents(prisonNumber);
      expect(events.map((event) => event.type)).toEqual([
        'throughcare.reception.received',
        'throughcare.release.discharged',
        'throughcare.release.retracted',
        'throughcare.release.discharged',
        'throughcare.release.retracted',
      ]);
      expect(events[1]?.payload).toMatchObject({
        provisional: true,
        dischargedAt: `${d1}T10:00:00.000Z`,
      });
      expect(events[2]?.payload).toMatchObject({ retractedEventId: events[1]?.event_id });
      expect(events[3]?.payload).toMatchObject({
        provisional: true,
        dischargedAt: `${d1}T11:00:00.000Z`,
      });
      expect(events[4]?.payload).toMatchObject({ retractedEventId: events[3]?.event_id });
      expect(
        await db.rows(
          'SELECT status, returned_at FROM hmpps_adapter.provisional_release WHERE prison_number = $1 ORDER BY released_at',
          [prisonNumber],
        ),
      ).toEqual([
        { status: 'RETRACTED', returned_at: new Date(`${d1}T10:04:00Z`) },
        { status: 'RETRACTED', returned_at: new Date(`${d1}T11:03:00Z`) },
      ]);
    });

    it('out of order: a reception delivered after a later release is refused by the hub, not recorded as a return', async () => {
      const prisonNumber = uniquePrisonNumber();
      await admit(prisonNumber, `${d0}T08:00:00+00:00`);
      const release = sns.notification(
        at(`${d1}T10:00:00+00:00`)(
          movement('prison-offender-events.prisoner.released', 'RELEASED', prisonNumber, 'SWI'),
        ),
      );
      const lateAdmission = sns.notification(
        at(`${d0}T20:00:00+00:00`)(
          movement('prison-offender-events.prisoner.received', 'ADMISSION', prisonNumber, 'SWI'),
        ),
      );

      expect((await post(release)).body).toEqual({ outcome: 'discharge accepted' });
      expect(String((await post(lateAdmission)).body['outcome'])).toMatch(/^reception refused 409/);

      expect((await hubEvents(prisonNumber)).map((event) => event.type)).toEqual([
        'throughcare.reception.received',
        'throughcare.release.discharged',
      ]);
    });
  });

  it('deletes its rows about a person once older than the person-data retention, and nothing newer', async () => {
    const prisonNumber = uniquePrisonNumber();
    for (const [messageId, age] of [
      ['retention-old', '800 days'],
      ['retention-recent', '10 days'],
    ] as const)
      await db.rows(
        `INSERT INTO hmpps_adapter.handled_message (message_id, source, event_type, action, prison_number, outcome, handled_at)
         VALUES ($1, 'sns', 'prison-offender-events.prisoner.received', 'reception', $2, 'reception accepted', now() - $3::interval)`,
        [`${messageId}-${prisonNumber}`, prisonNumber, age],
      );

    const deleted = await adapter.app.get(RetentionSweeper).schedule.sweep();

    expect(deleted['hmpps_adapter.handled_message']).toBeGreaterThanOrEqual(1);
    expect(
      await db.rows(
        'SELECT message_id FROM hmpps_adapter.handled_message WHERE prison_number = $1',
        [prisonNumber],
      ),
    ).toEqual([{ message_id: `retention-recent-${prisonNumber}` }]);
  });
});
