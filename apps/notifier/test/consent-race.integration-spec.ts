import { randomUUID } from 'node:crypto';

import { Registry } from 'prom-client';
import { DataSource } from 'typeorm';

import { ManualClock } from '@throughcare/clock';
import {
  ConsentEventType,
  NoticeDueEventType,
  NoticeType,
  type ConsentRecordedV1,
  type NoticeDueV1,
} from '@throughcare/contracts';
import { typedEvent } from '@throughcare/messaging';
import { buildNoticeDue, buildReleaseEvent, uniquePrisonNumber } from '@throughcare/testing';

import { DisclosureDecisionEntity } from '../src/audit/disclosure-decision.entity';
import { ApplyConsentHandler } from '../src/consent/apply-consent.handler';
import { CONSENT_EVENTS } from '../src/consent/consent-events.messages';
import { lockConsentForSend } from '../src/consent/consent-on-record';
import { lateNoticeId } from '../src/consent/late-notices';
import { NoticeAwaitingConsentEntity } from '../src/consent/notice-awaiting-consent.entity';
import { NoticesAwaitingConsent } from '../src/consent/notices-awaiting-consent.service';
import { notifierDataSourceOptions } from '../src/database/notifier.data-source';
import { changeDelivery } from '../src/delivery/delivery-ledger';
import type { DeliveryAttempts } from '../src/delivery/delivery-attempts.service';
import type { DeliveryQueue } from '../src/delivery/delivery-queue.service';
import { DeliveryEntity } from '../src/delivery/delivery.entity';
import { NoticeDisclosure } from '../src/disclosure/notice-disclosure.service';
import { AcceptNoticeHandler } from '../src/notices/accept-notice.handler';
import { NOTICES_DUE } from '../src/notices/notice-due.messages';
import { NoticeEntity } from '../src/notices/notice.entity';
import { RecipientOrganisationEntity } from '../src/recipients/recipient-organisation.entity';
import { renderNoticeBody } from '../src/rendering/render-notice';

/*
 * The consent race of issue 13 (finding 1), against the run's real PostgreSQL: the notifier's
 * own handlers (accept a notice-due, apply a consent version, decide a delivery at send time
 * under the consent lock, as DeliveryAttempts does) run interleaved in every order and
 * concurrently. The release was accepted after the consent PUT was answered, so its notices carry
 * consentVersion 1: no community recipient may ever be withheld from. CONSENT_RACE_RUNS sets the
 * number of runs (README: `CONSENT_RACE_RUNS=1000 npx jest -c jest.integration.config.js
 * apps/notifier/test/consent-race.integration-spec.ts`); the test command runs 35.
 */

const RUNS = Number(process.env['CONSENT_RACE_RUNS'] ?? 35);
const NOW = new Date('2026-12-16T12:00:00Z');
const TOMORROW = '2026-12-17';
const run = randomUUID().slice(0, 8);
const AREA = `E9${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
const CJIT = `cjit-race-${run}`;
const PROVIDER = `cp-race-${run}`;

type Step = 'SIX_WEEKS' | 'TWO_DAYS' | 'CONSENT';
const PERMUTATIONS: Step[][] = [
  ['SIX_WEEKS', 'TWO_DAYS', 'CONSENT'],
  ['SIX_WEEKS', 'CONSENT', 'TWO_DAYS'],
  ['CONSENT', 'SIX_WEEKS', 'TWO_DAYS'],
  ['TWO_DAYS', 'SIX_WEEKS', 'CONSENT'],
  ['TWO_DAYS', 'CONSENT', 'SIX_WEEKS'],
  ['CONSENT', 'TWO_DAYS', 'SIX_WEEKS'],
];

function consentVersion(
  prisonNumber: string,
  version: number,
  scopes: Partial<ConsentRecordedV1> = {},
): ConsentRecordedV1 {
  return {
    prisonNumber,
    version,
    communityTreatment: true,
    cjit: true,
    probation: true,
    ndtms: true,
    releasePlanSigned: true,
    recordedBy: 'release team',
    recordedAt: NOW.toISOString(),
    ...scopes,
  };
}

/** A short-notice release: the six-week and two-day notices fall due at once. */
function releaseNotice(
  prisonNumber: string,
  episodeId: string,
  milestone: 'SIX_WEEKS' | 'TWO_DAYS',
  overrides: Partial<NoticeDueV1> = {},
): NoticeDueV1 {
  const { occurredAt: _o, ...release } = buildReleaseEvent({
    prisonNumber,
    releaseDate: TOMORROW,
    releaseArea: { localAuthorityCode: AREA },
    supervision: { onLicence: false },
  });
  return buildNoticeDue({
    prisonNumber,
    episodeId,
    milestone,
    noticeType: milestone === 'SIX_WEEKS' ? NoticeType.SixWeeks : NoticeType.TwoDays,
    dueAt: NOW.toISOString(),
    issuedAt: NOW.toISOString(),
    shortNotice: true,
    release,
    ...overrides,
  });
}

describe('consent race: notices decided after a consent was acknowledged (notifier, real PostgreSQL)', () => {
  let dataSource: DataSource;
  let accept: AcceptNoticeHandler;
  let applyConsent: ApplyConsentHandler;
  let awaiting: NoticesAwaitingConsent;
  let disclosure: NoticeDisclosure;
  const waitConfig = { consentReplicaWaitMs: 60_000 };
  let sends: Array<Promise<void>> = [];

  /** One send-time decision, as DeliveryAttempts makes it (consent lock shared, audited). */
  async function attempt(id: string): Promise<void> {
    await dataSource.transaction(async (manager) => {
      const delivery = await manager.findOneBy(DeliveryEntity, { id });
      if (delivery?.status !== 'PENDING') return;
      const notice = await manager.findOneByOrFail(NoticeEntity, { id: delivery.noticeId });
      await lockConsentForSend(manager, notice.prisonNumber);
      const decided = await disclosure.decideAndRecord(manager, delivery, notice);
      const status = decided.decision.outcome === 'WITHHOLD' ? 'WITHHELD' : 'DELIVERED';
      await changeDelivery(manager, id, { status, nextAttemptAt: null }, ['PENDING']);
    });
  }

  async function settle(): Promise<void> {
    while (sends.length > 0) {
      const pending = sends;
      sends = [];
      await Promise.all(pending);
    }
  }

  const decisionsOf = (prisonNumber: string) =>
    dataSource.manager.find(DisclosureDecisionEntity, {
      where: { prisonNumber },
      order: { id: 'ASC' },
    });

  beforeAll(async () => {
    dataSource = new DataSource(notifierDataSourceOptions(process.env['DATABASE_URL']!));
    await dataSource.initialize();
    const clock = new ManualClock(NOW);
    // The queue is only a timer: here an armed delivery is attempted at once, concurrently.
    const queue = {
      arm: async (d: Pick<DeliveryEntity, 'id'>) => void sends.push(attempt(d.id)),
    } as unknown as DeliveryQueue;
    // The first attempts the handler starts go the same way as anything armed.
    const firstAttempts = {
      roomForFirstAttempts: async () => undefined,
      prepareFirstAttempts: async (
        _manager: unknown,
        _notice: unknown,
        opened: Array<Pick<DeliveryEntity, 'id' | 'status'>>,
      ) => ({ decided: [], queued: opened.filter((d) => d.status === 'PENDING') }),
      sendPreparedFirstAttempts: async ({ queued }: { queued: DeliveryEntity[] }) => {
        for (const d of queued) await queue.arm(d);
      },
    } as unknown as DeliveryAttempts;
    accept = new AcceptNoticeHandler(dataSource, firstAttempts, clock, new Registry());
    disclosure = new NoticeDisclosure(clock);
    awaiting = new NoticesAwaitingConsent(dataSource, accept, queue, waitConfig, new Registry());
    applyConsent = new ApplyConsentHandler(dataSource, queue, disclosure, awaiting, clock);
    const organisation = (
      organisationId: string,
      type: RecipientOrganisationEntity['type'],
    ): RecipientOrganisationEntity => ({
      organisationId,
      type,
      name: organisationId,
      localAuthorityCodes: [AREA],
      establishments: [],
      spoc: { name: 'SPOC', email: `spoc@${organisationId}.example` },
    });
    await dataSource.manager.insert(RecipientOrganisationEntity, [
      organisation(CJIT, 'CJIT'),
      organisation(PROVIDER, 'COMMUNITY_PROVIDER'),
    ]);
  });

  afterAll(async () => {
    await settle();
    await dataSource?.destroy();
  });

  const acceptNotice = (notice: NoticeDueV1) =>
    accept.execute(typedEvent(NOTICES_DUE, NoticeDueEventType, notice, { time: NOW }));
  const applyVersion = (data: ConsentRecordedV1) =>
    applyConsent.execute(
      typedEvent(CONSENT_EVENTS, ConsentEventType.ConsentRecorded, data, { time: NOW }),
    );

  /** Every community delivery of the person was decided SEND under consent v1 or later. */
  async function expectNoneWithheld(prisonNumber: string, label: string): Promise<void> {
    const decisions = await decisionsOf(prisonNumber);
    const community = decisions.filter((d) =>
      ['CJIT', 'COMMUNITY_PROVIDER'].includes(d.recipientRole ?? ''),
    );
    const verdicts = community.map(
      (d) => `${d.recipientRole}:${d.decision}:v${d.consentVersion ?? 0}`,
    );
    expect({ label, verdicts: verdicts.sort() }).toEqual({
      label,
      verdicts: [
        'CJIT:SEND:v1',
        'CJIT:SEND:v1',
        'COMMUNITY_PROVIDER:SEND:v1',
        'COMMUNITY_PROVIDER:SEND:v1',
      ],
    });
  }

  it(
    `decides every stamped notice under the acknowledged consent, in every order and concurrently (${RUNS} runs)`,
    async () => {
      for (let i = 0; i < RUNS; i += 1) {
        const prisonNumber = uniquePrisonNumber();
        const episodeId = randomUUID();
        const notices: Record<Exclude<Step, 'CONSENT'>, NoticeDueV1> = {
          SIX_WEEKS: releaseNotice(prisonNumber, episodeId, 'SIX_WEEKS', { consentVersion: 1 }),
          TWO_DAYS: releaseNotice(prisonNumber, episodeId, 'TWO_DAYS', { consentVersion: 1 }),
        };
        const perform = (step: Step) =>
          step === 'CONSENT'
            ? applyVersion(consentVersion(prisonNumber, 1))
            : acceptNotice(notices[step]);
        const order = PERMUTATIONS[i % (PERMUTATIONS.length + 1)];
        if (order) {
          // One after the other, each armed delivery attempted at once (before the next step).
          for (const step of order) {
            await perform(step);
            await settle();
          }
        } else {
          // All three at once, as the three Kafka consumers and the delivery workers would.
          const steps: Step[] = ['SIX_WEEKS', 'TWO_DAYS', 'CONSENT'].sort(
            () => Math.random() - 0.5,
          ) as Step[];
          await Promise.all(steps.map((step) => perform(step)));
        }
        await settle();
        await expectNoneWithheld(prisonNumber, `run ${i} ${order?.join('>') ?? 'concurrent'}`);
        expect(
          await dataSource.manager.countBy(NoticeAwaitingConsentEntity, { prisonNumber }),
        ).toBe(0);
      }
    },
    Math.max(60_000, RUNS * 1_500),
  );

  it('keeps a notice back no longer than the bounded wait, then decides it under the consent on record', async () => {
    const prisonNumber = uniquePrisonNumber();
    const notice = releaseNotice(prisonNumber, randomUUID(), 'TWO_DAYS', { consentVersion: 3 });
    await acceptNotice(notice);
    await settle();
    expect(await dataSource.manager.countBy(DeliveryEntity, { noticeId: notice.noticeId })).toBe(0);
    expect(await awaiting.releaseExpired()).toBe(0); // not yet expired

    waitConfig.consentReplicaWaitMs = 0;
    try {
      expect(await awaiting.releaseExpired()).toBeGreaterThanOrEqual(1);
    } finally {
      waitConfig.consentReplicaWaitMs = 60_000;
    }
    await settle();
    const decisions = await decisionsOf(prisonNumber);
    expect(decisions.map((d) => `${d.recipientRole}:${d.decision}`).sort()).toEqual([
      'CJIT:WITHHOLD',
      'COMMUNITY_PROVIDER:WITHHOLD',
    ]);
    // The consent the notice waited for arrives after all: rule 2 sends the release late.
    await applyVersion(consentVersion(prisonNumber, 3));
    await settle();
    const late = (await decisionsOf(prisonNumber)).filter((d) => d.decision === 'SEND');
    expect(late.map((d) => d.organisationId).sort()).toEqual([PROVIDER, CJIT].sort());
  });

  describe('a consent given after a notice was withheld for lack of it (rule 2)', () => {
    /** The release was accepted before any consent: its notices carry no consent version. */
    async function withheldRelease(
      prisonNumber: string,
      episodeId: string,
      overrides: Partial<NoticeDueV1> = {},
    ) {
      const notices = [
        releaseNotice(prisonNumber, episodeId, 'SIX_WEEKS', overrides),
        releaseNotice(prisonNumber, episodeId, 'TWO_DAYS', overrides),
      ];
      for (const notice of notices) await acceptNotice(notice);
      await settle();
      const withheld = await dataSource.manager.countBy(DeliveryEntity, {
        noticeId: notices[0]!.noticeId,
        status: 'WITHHELD',
      });
      expect(withheld).toBe(2);
      return notices;
    }

    const lateNotices = (prisonNumber: string) =>
      dataSource.manager
        .createQueryBuilder(NoticeEntity, 'n')
        .where('n.prison_number = :prisonNumber', { prisonNumber })
        .andWhere("n.content->>'late' = 'true'")
        .getMany();

    it('sends each withheld recipient the current release once, marked late and audited, however often consent is re-PUT', async () => {
      const prisonNumber = uniquePrisonNumber();
      const episodeId = randomUUID();
      await withheldRelease(prisonNumber, episodeId);

      for (let version = 1; version <= 3; version += 1) {
        await applyVersion(consentVersion(prisonNumber, version));
        await settle();
      }
      // A withdrawal and a renewed consent later still send no second late notice.
      await applyVersion(
        consentVersion(prisonNumber, 4, { cjit: false, communityTreatment: false }),
      );
      await settle();
      await applyVersion(consentVersion(prisonNumber, 5));
      await settle();

      const late = await lateNotices(prisonNumber);
      expect(late.map((n) => n.id).sort()).toEqual(
        [
          lateNoticeId(prisonNumber, episodeId, CJIT),
          lateNoticeId(prisonNumber, episodeId, PROVIDER),
        ].sort(),
      );
      const sends = (await decisionsOf(prisonNumber)).filter(
        (d) => d.decision === 'SEND' && late.some((n) => n.id === d.noticeId),
      );
      expect(sends.map((d) => `${d.organisationId}:v${d.consentVersion}`).sort()).toEqual(
        [`${CJIT}:v1`, `${PROVIDER}:v1`].sort(),
      );
      // What the recipient receives says it is late, and carries the release.
      const lateDelivery = await dataSource.manager.findOneByOrFail(DeliveryEntity, {
        noticeId: lateNoticeId(prisonNumber, episodeId, CJIT),
      });
      const notice = await dataSource.manager.findOneByOrFail(NoticeEntity, {
        id: lateDelivery.noticeId,
      });
      const decided = await disclosure.decide(dataSource.manager, lateDelivery, notice);
      const body = JSON.parse(
        renderNoticeBody(lateDelivery.id, decided.type, notice.content, decided.decision),
      ) as { subject: string; type: string; data: { late?: boolean; releaseDate?: string } };
      expect(body).toMatchObject({
        subject: prisonNumber,
        type: NoticeType.TwoDays,
        data: { late: true, releaseDate: TOMORROW },
      });
    });

    it('never sends late to a recipient the new consent still excludes', async () => {
      const prisonNumber = uniquePrisonNumber();
      const episodeId = randomUUID();
      await withheldRelease(prisonNumber, episodeId);
      await applyVersion(consentVersion(prisonNumber, 1, { communityTreatment: false }));
      await settle();
      expect((await lateNotices(prisonNumber)).map((n) => n.id)).toEqual([
        lateNoticeId(prisonNumber, episodeId, CJIT),
      ]);
    });

    it('sends nothing late once the release has happened or its date has passed', async () => {
      const discharged = uniquePrisonNumber();
      const episodeId = randomUUID();
      const [notice] = await withheldRelease(discharged, episodeId);
      await acceptNotice({
        ...notice!,
        noticeId: randomUUID(),
        noticeType: NoticeType.Discharged,
        milestone: undefined,
        cause: {
          type: 'throughcare.release.discharged' as never,
          eventId: randomUUID(),
          occurredAt: NOW.toISOString(),
          establishment: 'LEI',
        },
      });
      await settle();
      await applyVersion(consentVersion(discharged, 1));
      await settle();
      expect(await lateNotices(discharged)).toEqual([]);

      const past = uniquePrisonNumber();
      const { occurredAt: _o, ...release } = buildReleaseEvent({
        prisonNumber: past,
        releaseDate: '2026-12-15',
        releaseArea: { localAuthorityCode: AREA },
        supervision: { onLicence: false },
      });
      await withheldRelease(past, randomUUID(), { release });
      await applyVersion(consentVersion(past, 1));
      await settle();
      expect(await lateNotices(past)).toEqual([]);
    });
  });
});
