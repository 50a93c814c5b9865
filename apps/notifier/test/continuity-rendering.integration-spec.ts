import { randomUUID } from 'node:crypto';

import { Registry } from 'prom-client';
import { DataSource } from 'typeorm';

import { ManualClock } from '@throughcare/clock';
import {
  ContinuityEventType,
  NoticeType,
  type ContinuityRecordV1,
  type NoticeDueV1,
  NoticeDueEventType,
} from '@throughcare/contracts';
import { typedEvent } from '@throughcare/messaging';
import { buildNoticeDue, uniquePrisonNumber } from '@throughcare/testing';

import { ConsentStateEntity } from '../src/consent/consent-state.entity';
import { continuityOnRecord } from '../src/continuity/keep-continuity-record';
import { CONTINUITY_RECORDS } from '../src/continuity/continuity-record.messages';
import { KeepContinuityRecordHandler } from '../src/continuity/keep-continuity-record.handler';
import { notifierDataSourceOptions } from '../src/database/notifier.data-source';
import type { DeliveryAttempts } from '../src/delivery/delivery-attempts.service';
import type { DeliveryQueue } from '../src/delivery/delivery-queue.service';
import { DeliveryEntity } from '../src/delivery/delivery.entity';
import { NoticeDisclosure } from '../src/disclosure/notice-disclosure.service';
import { AcceptNoticeHandler } from '../src/notices/accept-notice.handler';
import { NOTICES_DUE } from '../src/notices/notice-due.messages';
import { NoticeEntity } from '../src/notices/notice.entity';
import { RecipientOrganisationEntity } from '../src/recipients/recipient-organisation.entity';
import { WebhookSubscriptionEntity } from '../src/recipients/webhook-subscription.entity';

/*
 * The notifier's continuity replica against the run's real PostgreSQL (no broker: the handlers
 * are called with the events the consumers would pass them). A continuity notice is rendered at
 * send time with the DIR for a consented CJIT and with none of it for an unconsented one.
 */

const NOW = new Date('2026-12-16T09:00:00Z');
const run = randomUUID().slice(0, 8);
// An area and a prison no other suite uses, so routing sees only this suite's organisations.
const AREA = `E9${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
const letters = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const ESTABLISHMENT = `Z${letters[run.charCodeAt(0) % 24]}${letters[run.charCodeAt(1) % 24]}`;

const DIR = {
  custodyEpisode: { receivedAt: '2026-11-02T14:05:00Z', establishment: ESTABLISHMENT },
  establishment: ESTABLISHMENT,
  substances: [{ substance: 'OPIATES' as const, route: 'INJECTED' as const, primary: true }],
  treatment: {
    status: 'ACCESSING' as const,
    modalities: ['OST_MAINTENANCE' as const],
    previousTreatment: 'NONE' as const,
  },
  riskIssues: ['overdose risk on release'],
  futureNeeds: ['housing'],
  treatmentPlanned: ['methadone maintenance'],
  recordedBy: 'healthcare triage',
  recordedAt: '2026-11-02T18:05:00Z',
};

function continuityRecord(
  prisonNumber: string,
  revision: number,
  episodeId = 'episode-1',
): ContinuityRecordV1 {
  return {
    prisonNumber,
    revision,
    episodeId,
    dir: {
      dirId: randomUUID(),
      version: revision,
      episode: DIR.custodyEpisode,
      holder: ESTABLISHMENT,
      dir: DIR,
    },
    ostPlan: {
      arrangement: 'COMMUNITY_DOSE_BOOKED',
      communityAppointment: { at: '2026-12-18T13:00:00Z', organisationId: `cp-${run}` },
      lastPrisonDoseAt: '2026-12-18T08:00:00Z',
    },
    naloxone: { outcome: 'ISSUED', trainingGiven: true, recordedAt: '2026-12-15T11:00:00Z' },
    updatedAt: new Date(NOW.getTime() + revision * 1000).toISOString(),
  };
}

const recordEvent = (record: ContinuityRecordV1, id: string = randomUUID()) =>
  typedEvent(CONTINUITY_RECORDS, ContinuityEventType.RecordUpdated, record, { id, time: NOW });
const noticeEvent = (notice: NoticeDueV1) =>
  typedEvent(NOTICES_DUE, NoticeDueEventType, notice, { time: NOW });

describe('continuity record replica and send-time rendering (notifier against real PostgreSQL)', () => {
  let dataSource: DataSource;
  let keepRecord: KeepContinuityRecordHandler;
  let accept: AcceptNoticeHandler;
  let disclosure: NoticeDisclosure;
  const armed: string[] = [];

  beforeAll(async () => {
    dataSource = new DataSource(notifierDataSourceOptions(process.env['DATABASE_URL']!));
    await dataSource.initialize();
    const clock = new ManualClock(NOW);
    keepRecord = new KeepContinuityRecordHandler(dataSource);
    const queue = {
      arm: async (d: Pick<DeliveryEntity, 'id'>) => void armed.push(d.id),
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
    const organisation = (
      organisationId: string,
      type: RecipientOrganisationEntity['type'],
      where: Partial<RecipientOrganisationEntity>,
    ): RecipientOrganisationEntity => ({
      organisationId,
      type,
      name: organisationId,
      localAuthorityCodes: [],
      establishments: [],
      spoc: { name: 'SPOC', email: `spoc@${organisationId}.example` },
      ...where,
    });
    await dataSource.manager.insert(RecipientOrganisationEntity, [
      organisation(`cjit-${run}`, 'CJIT', { localAuthorityCodes: [AREA] }),
      organisation(`cp-${run}`, 'COMMUNITY_PROVIDER', { localAuthorityCodes: [AREA] }),
      organisation(`prison-${run}`, 'PRISON', { establishments: [ESTABLISHMENT] }),
      // Covers another area: reached only as the provider a reception named (REL-08).
      organisation(`named-cp-${run}`, 'COMMUNITY_PROVIDER', { localAuthorityCodes: [`${AREA}X`] }),
    ]);
    await dataSource.manager.insert(WebhookSubscriptionEntity, {
      id: randomUUID(),
      organisationId: `prison-${run}`,
      url: 'https://prison.example/hooks',
      types: ['throughcare.notice.naloxone.*'],
      encryptedSecret: 'unused',
      previousEncryptedSecret: null,
      previousSecretValidUntil: null,
      status: 'ACTIVE',
      failingSince: null,
      disabledAt: null,
    });
  });

  afterAll(async () => {
    await dataSource?.destroy();
  });

  it('keeps the highest revision from the continuity topic, each event once', async () => {
    const prisonNumber = uniquePrisonNumber();
    const updated = (revision: number, id: string = randomUUID()) =>
      keepRecord.execute(recordEvent(continuityRecord(prisonNumber, revision), id));
    const revisionOnRecord = async () =>
      (await continuityOnRecord(dataSource.manager, prisonNumber))?.revision;

    const firstId = randomUUID();
    await updated(3, firstId);
    expect(await revisionOnRecord()).toBe(3);
    await updated(2); // older, arriving late
    expect(await revisionOnRecord()).toBe(3);
    await updated(5);
    expect(await revisionOnRecord()).toBe(5);
    await updated(9, firstId); // a redelivery of an event already applied changes nothing
    expect(await revisionOnRecord()).toBe(5);
    const [inbox] = await dataSource.query(
      `SELECT count(*)::int AS n FROM notifier.inbox WHERE consumer = 'notifier.keep-continuity-record' AND event_id = $1`,
      [firstId],
    );
    expect(inbox.n).toBe(1);
  });

  it("renders a continuity DIR handoff with the DIR and the plan's essentials for a consented CJIT, and nothing for an unconsented one", async () => {
    const consented = uniquePrisonNumber();
    const unconsented = uniquePrisonNumber();
    await dataSource.manager.insert(ConsentStateEntity, {
      prisonNumber: consented,
      version: 2,
      communityTreatment: true,
      cjit: true,
      probation: false,
      ndtms: false,
      releasePlanSigned: true,
      recordedAt: NOW,
      appliedAt: NOW,
    });
    const handoff = (prisonNumber: string): NoticeDueV1 => {
      const base = buildNoticeDue({ prisonNumber });
      return {
        ...base,
        noticeType: NoticeType.DirHandoff,
        episodeId: 'episode-1',
        milestone: 'TWO_DAYS',
        release: {
          ...base.release!,
          prisonNumber,
          establishment: ESTABLISHMENT,
          releaseArea: { localAuthorityCode: AREA },
          supervision: { onLicence: false },
        },
        continuity: continuityRecord(prisonNumber, 7),
      };
    };

    const rendered: Record<string, Array<{ role: string; outcome: string; fields: object }>> = {};
    for (const prisonNumber of [consented, unconsented]) {
      const notice = handoff(prisonNumber);
      await accept.execute(noticeEvent(notice));
      // Kept with the notice, in the same transaction: rendering never sees an older copy.
      expect((await continuityOnRecord(dataSource.manager, prisonNumber))?.revision).toBe(7);
      const stored = await dataSource.manager.findOneByOrFail(NoticeEntity, {
        id: notice.noticeId,
      });
      const deliveries = await dataSource.manager.findBy(DeliveryEntity, {
        noticeId: notice.noticeId,
      });
      expect(deliveries.map((d) => d.recipientRole).sort()).toEqual(['CJIT', 'COMMUNITY_PROVIDER']);
      rendered[prisonNumber] = [];
      for (const delivery of deliveries) {
        const { decision } = await disclosure.decide(dataSource.manager, delivery, stored);
        rendered[prisonNumber]!.push({
          role: delivery.recipientRole,
          outcome: decision.outcome,
          fields: decision.fields,
        });
      }
    }

    const toCjit = rendered[consented]!.find((r) => r.role === 'CJIT')!;
    expect(toCjit.outcome).toBe('SEND');
    expect(toCjit.fields).toMatchObject({
      dir: expect.objectContaining({ version: 7, substances: DIR.substances }),
      engagementStatus: 'ACCESSING',
      interventionsDelivered: ['OST_MAINTENANCE'],
      riskIssues: ['overdose risk on release'],
      futureNeeds: ['housing'],
      treatmentPlanned: ['methadone maintenance'],
      lastPrisonDoseAt: '2026-12-18T08:00:00Z',
      naloxone: { issued: true, trainingGiven: true },
      medicinesContinuation: expect.objectContaining({ kind: 'COMMUNITY_APPOINTMENT' }),
      prisonSpoc: expect.objectContaining({ organisationId: `prison-${run}` }),
      localTreatmentProvider: [expect.objectContaining({ organisationId: `cp-${run}` })],
    });
    for (const withheld of rendered[unconsented]!) {
      expect(withheld.outcome).toBe('WITHHOLD');
      expect(withheld.fields).toEqual({});
    }
  });

  it("renders from the record on file at each attempt, never another custody episode's DIR", async () => {
    const prisonNumber = uniquePrisonNumber();
    await dataSource.manager.insert(ConsentStateEntity, {
      prisonNumber,
      version: 1,
      communityTreatment: false,
      cjit: true,
      probation: false,
      ndtms: false,
      releasePlanSigned: true,
      recordedAt: NOW,
      appliedAt: NOW,
    });
    const base = buildNoticeDue({ prisonNumber });
    const notice: NoticeDueV1 = {
      ...base,
      noticeType: NoticeType.TwoDays,
      milestone: 'TWO_DAYS',
      episodeId: 'episode-1',
      release: {
        ...base.release!,
        prisonNumber,
        establishment: ESTABLISHMENT,
        releaseArea: { localAuthorityCode: AREA },
        supervision: { onLicence: false },
      },
    };
    await keepRecord.execute(recordEvent(continuityRecord(prisonNumber, 1)));
    await accept.execute(noticeEvent(notice));
    const stored = await dataSource.manager.findOneByOrFail(NoticeEntity, { id: notice.noticeId });
    const cjit = await dataSource.manager.findOneByOrFail(DeliveryEntity, {
      noticeId: notice.noticeId,
      recipientRole: 'CJIT',
    });
    const fieldsNow = async () =>
      (await disclosure.decide(dataSource.manager, cjit, stored)).decision.fields;

    expect(await fieldsNow()).toMatchObject({ engagementStatus: 'ACCESSING' });
    // A new custody episode's record (the person released and received again) replaces it.
    await keepRecord.execute(
      recordEvent({
        prisonNumber,
        revision: 2,
        episodeId: 'episode-2',
        updatedAt: NOW.toISOString(),
      } satisfies ContinuityRecordV1),
    );
    const retried = await fieldsNow();
    expect(retried).not.toHaveProperty('engagementStatus');
    expect(retried).toMatchObject({
      naloxone: { issued: 'unknown' },
      medicinesContinuation: { kind: 'NOT_YET_ARRANGED' },
    });
  });
  describe('who a notice reaches (issue 16 clinical gaps)', () => {
    const releaseNotice = (prisonNumber: string, noticeType: NoticeDueV1['noticeType']) => {
      const base = buildNoticeDue({ prisonNumber });
      return {
        ...base,
        noticeType,
        episodeId: 'episode-1',
        release: {
          ...base.release!,
          prisonNumber,
          establishment: ESTABLISHMENT,
          releaseArea: { localAuthorityCode: AREA },
          supervision: { onLicence: false },
        },
      } satisfies NoticeDueV1;
    };
    const deliveriesOf = (noticeId: string) =>
      dataSource.manager.findBy(DeliveryEntity, { noticeId });

    it("a release notice reaches the community provider the reception named, beside the area's (REL-08)", async () => {
      const prisonNumber = uniquePrisonNumber();
      await keepRecord.execute(
        recordEvent({
          ...continuityRecord(prisonNumber, 1),
          atReception: { onOst: true, opiateUse: true, communityProviderId: `named-cp-${run}` },
        }),
      );
      const notice = releaseNotice(prisonNumber, NoticeType.TwoDays);
      await accept.execute(noticeEvent(notice));
      const to = (await deliveriesOf(notice.noticeId)).map((d) => d.organisationId).sort();
      expect(to).toEqual([`cjit-${run}`, `cp-${run}`, `named-cp-${run}`].sort());
    });

    it('naloxone still missing on the release day goes to the prison by webhook and e-mail at once (NAL-04); the two-day one by webhook only', async () => {
      const prisonNumber = uniquePrisonNumber();
      const channels = async (noticeType: NoticeDueV1['noticeType']) => {
        const notice = releaseNotice(prisonNumber, noticeType);
        await accept.execute(noticeEvent(notice));
        const deliveries = await deliveriesOf(notice.noticeId);
        expect(deliveries.every((d) => d.organisationId === `prison-${run}`)).toBe(true);
        return deliveries.map((d) => d.channel).sort();
      };
      expect(await channels(NoticeType.NaloxoneMissing)).toEqual(['WEBHOOK']);
      expect(await channels(NoticeType.NaloxoneMissingOnReleaseDay)).toEqual(['EMAIL', 'WEBHOOK']);
    });
  });
});
