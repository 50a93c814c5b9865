import { randomUUID } from 'node:crypto';

import { Registry } from 'prom-client';
import { DataSource } from 'typeorm';

import { ManualClock } from '@throughcare/clock';
import {
  IntakeEventType,
  NoticeDueEventType,
  NoticeType,
  type NoticeDueV1,
} from '@throughcare/contracts';
import { typedEvent } from '@throughcare/messaging';
import { buildNoticeDue, buildReleaseEvent, uniquePrisonNumber } from '@throughcare/testing';

import { DisclosureDecisionEntity } from '../src/audit/disclosure-decision.entity';
import { NoticeAwaitingConsentEntity } from '../src/consent/notice-awaiting-consent.entity';
import { notifierDataSourceOptions } from '../src/database/notifier.data-source';
import type { DeliveryAttempts } from '../src/delivery/delivery-attempts.service';
import { changeDelivery, claimAttempts } from '../src/delivery/delivery-ledger';
import { DeliveryEntity, type DeliveryStatus } from '../src/delivery/delivery.entity';
import { AcceptNoticeHandler } from '../src/notices/accept-notice.handler';
import { NOTICES_DUE } from '../src/notices/notice-due.messages';
import { RecipientOrganisationEntity } from '../src/recipients/recipient-organisation.entity';

/*
 * REL-06 and REL-07 against the run's real PostgreSQL, through the notifier's own handler: a
 * follow-up about a release reaches everyone who had a notice for it in any state, and a
 * cancellation stands down what has not gone. Before the fix the follow-up went only to
 * recipients whose notice was DELIVERED, and a retrying six-week notice for a cancelled release
 * went on retrying (and would have reached its recipient after the cancellation).
 */

const NOW = new Date('2026-12-03T12:00:00Z');
const run = randomUUID().slice(0, 8);
const AREA = `E9${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
const CJIT = `cjit-fu-${run}`;
const PROVIDER = `cp-fu-${run}`;
const SECOND_PROVIDER = `cp2-fu-${run}`;

function releaseNotice(prisonNumber: string, episodeId: string): NoticeDueV1 {
  const { occurredAt: _o, ...release } = buildReleaseEvent({
    prisonNumber,
    releaseDate: '2027-01-14',
    releaseArea: { localAuthorityCode: AREA },
    supervision: { onLicence: false },
  });
  return buildNoticeDue({
    prisonNumber,
    episodeId,
    milestone: 'SIX_WEEKS',
    noticeType: NoticeType.SixWeeks,
    dueAt: NOW.toISOString(),
    issuedAt: NOW.toISOString(),
    release,
  });
}

function followUp(
  sixWeeks: NoticeDueV1,
  noticeType: typeof NoticeType.Cancelled | typeof NoticeType.Rescheduled,
): NoticeDueV1 {
  const cancelled = noticeType === NoticeType.Cancelled;
  return {
    ...sixWeeks,
    noticeId: randomUUID(),
    noticeType,
    milestone: undefined,
    previousReleaseDate: '2027-01-14',
    cause: {
      type: cancelled ? IntakeEventType.ReleaseCancelled : IntakeEventType.ReleasePlanned,
      eventId: randomUUID(),
      occurredAt: NOW.toISOString(),
      establishment: 'LEI',
      ...(cancelled ? { reason: 'FURTHER_CHARGE' } : {}),
    },
  };
}

describe('release follow-ups: told in any state, unsent notices stood down (notifier, real PostgreSQL)', () => {
  let dataSource: DataSource;
  let accept: AcceptNoticeHandler;
  const firstAttempts = {
    roomForFirstAttempts: async () => undefined,
    prepareFirstAttempts: async () => null,
  } as unknown as DeliveryAttempts;

  const acceptNotice = (notice: NoticeDueV1) =>
    accept.execute(
      typedEvent(NOTICES_DUE, NoticeDueEventType, notice, { id: notice.noticeId, time: NOW }),
    );
  const deliveriesOf = (noticeId: string) =>
    dataSource.manager.find(DeliveryEntity, {
      where: { noticeId },
      order: { organisationId: 'ASC' },
    });
  const byOrganisation = (deliveries: DeliveryEntity[]) =>
    Object.fromEntries(deliveries.map((d) => [d.organisationId, d.status]));

  /** The six-week notice, opened to the three community organisations, then settled as given. */
  async function sixWeeksIn(
    states: Record<string, DeliveryStatus>,
  ): Promise<{ sixWeeks: NoticeDueV1; deliveries: DeliveryEntity[] }> {
    const sixWeeks = releaseNotice(uniquePrisonNumber(), randomUUID());
    await acceptNotice(sixWeeks);
    const opened = await deliveriesOf(sixWeeks.noticeId);
    expect(opened.map((d) => d.organisationId).sort()).toEqual(
      [CJIT, PROVIDER, SECOND_PROVIDER].sort(),
    );
    for (const delivery of opened) {
      const status = states[delivery.organisationId] ?? 'PENDING';
      await changeDelivery(dataSource.manager, delivery.id, {
        status,
        attempts: status === 'PENDING' ? 2 : 5,
        deliveredAt: status === 'DELIVERED' ? NOW : null,
      });
    }
    return { sixWeeks, deliveries: await deliveriesOf(sixWeeks.noticeId) };
  }

  beforeAll(async () => {
    dataSource = new DataSource(notifierDataSourceOptions(process.env['DATABASE_URL']!));
    await dataSource.initialize();
    accept = new AcceptNoticeHandler(
      dataSource,
      firstAttempts,
      new ManualClock(NOW),
      new Registry(),
    );
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
      organisation(SECOND_PROVIDER, 'COMMUNITY_PROVIDER'),
    ]);
  });

  afterAll(async () => {
    await dataSource?.destroy();
  });

  it('sends a cancellation to a recipient whose notice is retrying, paused or failed, and stands that notice down', async () => {
    const { sixWeeks, deliveries } = await sixWeeksIn({
      [CJIT]: 'PENDING',
      [PROVIDER]: 'PAUSED',
      [SECOND_PROVIDER]: 'FAILED',
    });
    const cancelled = followUp(sixWeeks, NoticeType.Cancelled);
    await acceptNotice(cancelled);

    // Everyone who had the six-week notice hears of the cancellation, though none received it.
    expect(byOrganisation(await deliveriesOf(cancelled.noticeId))).toEqual({
      [CJIT]: 'PENDING',
      [PROVIDER]: 'PENDING',
      [SECOND_PROVIDER]: 'PENDING',
    });
    // The six-week notice never goes now: no attempt can claim it, wherever it was.
    expect(byOrganisation(await deliveriesOf(sixWeeks.noticeId))).toEqual({
      [CJIT]: 'STOOD_DOWN',
      [PROVIDER]: 'STOOD_DOWN',
      [SECOND_PROVIDER]: 'STOOD_DOWN',
    });
    const claimed = await claimAttempts(
      dataSource.manager,
      deliveries,
      new Date(Date.now() + 60_000),
      new Date(Date.now() + 120_000),
    );
    expect(claimed.size).toBe(0);
    // On the person's timeline: one STOOD_DOWN decision per delivery, citing REL-07.
    const decisions = await dataSource.manager.find(DisclosureDecisionEntity, {
      where: { prisonNumber: sixWeeks.prisonNumber, decision: 'STOOD_DOWN' },
    });
    expect(decisions.map((d) => [d.deliveryId, d.noticeType, d.rule, d.citation]).sort()).toEqual(
      deliveries.map((d) => [d.id, NoticeType.SixWeeks, 'release-cancelled', 'REL-07']).sort(),
    );
  });

  it('leaves a delivered notice alone and tells its recipient of the cancellation once', async () => {
    const { sixWeeks } = await sixWeeksIn({
      [CJIT]: 'DELIVERED',
      [PROVIDER]: 'PENDING',
      [SECOND_PROVIDER]: 'WITHHELD',
    });
    const cancelled = followUp(sixWeeks, NoticeType.Cancelled);
    await acceptNotice(cancelled);
    await acceptNotice(cancelled); // a redelivery of the same notice changes nothing

    expect(byOrganisation(await deliveriesOf(sixWeeks.noticeId))).toEqual({
      [CJIT]: 'DELIVERED',
      [PROVIDER]: 'STOOD_DOWN',
      [SECOND_PROVIDER]: 'WITHHELD',
    });
    // Disclosure withheld the six-week notice from the second provider: it was told nothing.
    expect(byOrganisation(await deliveriesOf(cancelled.noticeId))).toEqual({
      [CJIT]: 'PENDING',
      [PROVIDER]: 'PENDING',
    });
  });

  it('never releases a notice still kept back for consent once its release is cancelled', async () => {
    const sixWeeks = { ...releaseNotice(uniquePrisonNumber(), randomUUID()), consentVersion: 1 };
    await acceptNotice(sixWeeks); // consent v1 has not reached the notifier: kept back
    expect(
      await dataSource.manager.countBy(NoticeAwaitingConsentEntity, {
        noticeId: sixWeeks.noticeId,
      }),
    ).toBe(1);

    await acceptNotice({ ...followUp(sixWeeks, NoticeType.Cancelled), consentVersion: undefined });

    expect(
      await dataSource.manager.countBy(NoticeAwaitingConsentEntity, {
        noticeId: sixWeeks.noticeId,
      }),
    ).toBe(0);
    expect(await deliveriesOf(sixWeeks.noticeId)).toEqual([]);
    const decisions = await dataSource.manager.find(DisclosureDecisionEntity, {
      where: { noticeId: sixWeeks.noticeId },
    });
    expect(decisions.map((d) => [d.decision, d.deliveryId, d.rule, d.citation])).toEqual([
      ['STOOD_DOWN', null, 'release-cancelled', 'REL-07'],
    ]);
  });

  it('sends a new date to a recipient whose notice is still retrying, and lets that notice go on', async () => {
    const { sixWeeks } = await sixWeeksIn({
      [CJIT]: 'PENDING',
      [PROVIDER]: 'DELIVERED',
      [SECOND_PROVIDER]: 'FAILED',
    });
    const rescheduled = followUp(sixWeeks, NoticeType.Rescheduled);
    await acceptNotice(rescheduled);

    expect(byOrganisation(await deliveriesOf(rescheduled.noticeId))).toEqual({
      [CJIT]: 'PENDING',
      [PROVIDER]: 'PENDING',
      [SECOND_PROVIDER]: 'PENDING',
    });
    expect(byOrganisation(await deliveriesOf(sixWeeks.noticeId))).toEqual({
      [CJIT]: 'PENDING',
      [PROVIDER]: 'DELIVERED',
      [SECOND_PROVIDER]: 'FAILED',
    });
  });

  it('a retracted provisional release: its unsent discharged notice is stood down, the release’s own notices go on, everyone told hears of it (REL-09)', async () => {
    const { sixWeeks } = await sixWeeksIn({
      [CJIT]: 'PENDING',
      [PROVIDER]: 'DELIVERED',
      [SECOND_PROVIDER]: 'FAILED',
    });
    const dischargeId = randomUUID();
    const discharged: NoticeDueV1 = {
      ...sixWeeks,
      noticeId: randomUUID(),
      noticeType: NoticeType.Discharged,
      milestone: undefined,
      provisional: true,
      cause: {
        type: IntakeEventType.ReleaseDischarged,
        eventId: dischargeId,
        occurredAt: NOW.toISOString(),
        establishment: 'LEI',
      },
    };
    await acceptNotice(discharged);
    const retracted: NoticeDueV1 = {
      ...discharged,
      noticeId: randomUUID(),
      noticeType: NoticeType.Retracted,
      provisional: undefined,
      cause: {
        ...discharged.cause!,
        type: IntakeEventType.ReleaseRetracted,
        eventId: randomUUID(),
      },
    };
    await acceptNotice(retracted);

    expect(byOrganisation(await deliveriesOf(retracted.noticeId))).toEqual({
      [CJIT]: 'PENDING',
      [PROVIDER]: 'PENDING',
      [SECOND_PROVIDER]: 'PENDING',
    });
    expect(byOrganisation(await deliveriesOf(discharged.noticeId))).toEqual({
      [CJIT]: 'STOOD_DOWN',
      [PROVIDER]: 'STOOD_DOWN',
      [SECOND_PROVIDER]: 'STOOD_DOWN',
    });
    // The release still stands: its six-week notice is not taken back.
    expect(byOrganisation(await deliveriesOf(sixWeeks.noticeId))).toEqual({
      [CJIT]: 'PENDING',
      [PROVIDER]: 'DELIVERED',
      [SECOND_PROVIDER]: 'FAILED',
    });
    const decisions = await dataSource.manager.find(DisclosureDecisionEntity, {
      where: { prisonNumber: sixWeeks.prisonNumber, decision: 'STOOD_DOWN' },
    });
    expect(new Set(decisions.map((d) => [d.noticeType, d.rule, d.citation].join(' ')))).toEqual(
      new Set([`${NoticeType.Discharged} release-retracted REL-09`]),
    );
  });
});
