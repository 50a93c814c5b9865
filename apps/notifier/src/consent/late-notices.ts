import { createHash } from 'node:crypto';

import type { EntityManager } from 'typeorm';

import { localDate } from '@throughcare/calendar';
import { NoticeType, type NoticeDueV1 } from '@throughcare/contracts';
import { allowedFieldsFor, type ConsentState, type RecipientRole } from '@throughcare/disclosure';

import { deliveryId } from '../delivery/delivery-id';
import { openDeliveries, type NewDelivery } from '../delivery/delivery-ledger';
import type { DeliveryStatus } from '../delivery/delivery.entity';
import { noticeKindOf } from '../notices/notice-kind';
import { NoticeEntity } from '../notices/notice.entity';

const TODAY_ZONE = 'Europe/London';
const COMMUNITY_ROLES: readonly RecipientRole[] = ['CJIT', 'COMMUNITY_PROVIDER'];

/** Notices that tell a recipient about the planned release (what a late notice repeats). */
const RELEASE_NOTICES: readonly string[] = [
  NoticeType.SixWeeks,
  NoticeType.TwoDays,
  NoticeType.DayOfRelease,
  NoticeType.Rescheduled,
];
/** Notices that say the release will not happen as planned, or has happened. */
const RELEASE_OVER: readonly string[] = [
  NoticeType.Cancelled,
  NoticeType.Discharged,
  NoticeType.Unplanned,
];

/** One delivery of a release notice of the episode to one recipient endpoint. */
export interface ReleaseDeliveryFact {
  organisationId: string;
  subscriptionId: string | null;
  recipientRole: RecipientRole;
  status: DeliveryStatus;
  noticeType: string;
  noticeCreatedAt: Date;
}

export interface LateNoticeQuestion {
  /** Every release-related notice of the episode, oldest first (the last is the current state). */
  episodeNotices: ReadonlyArray<Pick<NoticeEntity, 'type' | 'content'>>;
  /** The deliveries of the episode's release notices to one organisation. */
  deliveries: readonly ReleaseDeliveryFact[];
  consent: ConsentState;
  now: Date;
}

/**
 * Whether an organisation gets the release late (rule 2 of issue 13): its latest release notice
 * of the episode was withheld, the new consent now lets its role see a release, and the release
 * is still ahead (not cancelled, not happened, its date not past). Returns the notice to repeat
 * (the release's current state), or null.
 */
export function lateNoticeBasis(question: LateNoticeQuestion): NoticeDueV1 | null {
  const { episodeNotices, deliveries, consent, now } = question;
  const current = episodeNotices.at(-1);
  if (!current || RELEASE_OVER.includes(current.type)) return null;
  if (episodeNotices.some((n) => RELEASE_OVER.includes(n.type) && n.type !== NoticeType.Cancelled))
    return null;
  const releaseDate = current.content.release?.releaseDate;
  if (!releaseDate || releaseDate < localDate(now, TODAY_ZONE)) return null;
  // A later notice of the release that reached the recipient, or will be decided under this
  // consent, already tells it the current state: only a withheld latest one calls for a late one.
  const last = [...deliveries].sort(byNoticeOrder).at(-1);
  if (!last || last.status !== 'WITHHELD') return null;
  const allowed = allowedFieldsFor({
    kind: noticeKindOf(current.content),
    role: last.recipientRole,
    consent,
    overrides: [],
    at: now,
  });
  return allowed.length > 0 ? current.content : null;
}

function byNoticeOrder(a: ReleaseDeliveryFact, b: ReleaseDeliveryFact): number {
  return (
    a.noticeCreatedAt.getTime() - b.noticeCreatedAt.getTime() ||
    RELEASE_NOTICES.indexOf(a.noticeType) - RELEASE_NOTICES.indexOf(b.noticeType)
  );
}

/** One late notice per person, custody episode and organisation, ever: its id says so. */
export function lateNoticeId(
  prisonNumber: string,
  episodeId: string,
  organisationId: string,
): string {
  const hex = createHash('sha256')
    .update(`late-release|${prisonNumber}|${episodeId}|${organisationId}`)
    .digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * In the transaction applying a new consent version (consent lock held exclusively): every
 * community recipient whose release notice was withheld under an earlier consent and that this
 * version now allows gets the release's current state once, as a new notice marked `late`. Its
 * deliveries are decided and audited at send time like every other; returns them, to arm.
 */
export async function openLateNotices(
  manager: EntityManager,
  prisonNumber: string,
  consent: ConsentState,
  now: Date,
): Promise<NewDelivery[]> {
  const withheld: Array<{ episode_id: string; organisation_id: string }> = await manager.query(
    `SELECT DISTINCT n.content->>'episodeId' AS episode_id, d.organisation_id
       FROM notifier.delivery d JOIN notifier.notice n ON n.id = d.notice_id
      WHERE n.prison_number = $1 AND d.status = 'WITHHELD' AND d.recipient_role = ANY($2)
        AND n.type = ANY($3) AND n.content->>'episodeId' IS NOT NULL`,
    [prisonNumber, COMMUNITY_ROLES, RELEASE_NOTICES],
  );
  const opened: NewDelivery[] = [];
  for (const { episode_id: episodeId, organisation_id: organisationId } of withheld) {
    const id = lateNoticeId(prisonNumber, episodeId, organisationId);
    if (await manager.existsBy(NoticeEntity, { id })) continue; // once, however many versions follow
    const deliveries = await episodeDeliveries(manager, prisonNumber, episodeId, organisationId);
    const basis = lateNoticeBasis({
      episodeNotices: await episodeNotices(manager, prisonNumber, episodeId),
      deliveries,
      consent,
      now,
    });
    if (!basis) continue;
    opened.push(...(await openLateNotice(manager, id, basis, deliveries, consent, now)));
  }
  return opened;
}

async function openLateNotice(
  manager: EntityManager,
  id: string,
  basis: NoticeDueV1,
  deliveries: readonly ReleaseDeliveryFact[],
  consent: ConsentState,
  now: Date,
): Promise<NewDelivery[]> {
  const content: NoticeDueV1 = {
    ...basis,
    noticeId: id,
    issuedAt: now.toISOString(),
    consentVersion: consent.version,
    late: true,
  };
  await manager.insert(NoticeEntity, {
    id,
    type: content.noticeType,
    prisonNumber: content.prisonNumber,
    content,
    correlationId: null,
    createdAt: now,
  });
  // The endpoints the withheld notices were meant for; no endpoint: the SPOC by e-mail.
  const endpoints = new Map(
    deliveries
      .filter((d) => d.status === 'WITHHELD')
      .map((d) => [d.subscriptionId ?? '-', d] as const),
  );
  const rows: NewDelivery[] = [...endpoints.values()].map((d) => ({
    id: deliveryId(id, d.organisationId, d.subscriptionId),
    noticeId: id,
    organisationId: d.organisationId,
    subscriptionId: d.subscriptionId,
    recipientRole: d.recipientRole,
    channel: d.subscriptionId ? 'WEBHOOK' : 'EMAIL',
    status: 'PENDING',
    attempts: 0,
    createdAt: now,
    nextAttemptAt: new Date(),
    lastAttemptAt: null,
    deliveredAt: null,
  }));
  await openDeliveries(manager, rows);
  return rows;
}

async function episodeNotices(
  manager: EntityManager,
  prisonNumber: string,
  episodeId: string,
): Promise<NoticeEntity[]> {
  return manager
    .createQueryBuilder(NoticeEntity, 'n')
    .where('n.prison_number = :prisonNumber', { prisonNumber })
    .andWhere("n.content->>'episodeId' = :episodeId", { episodeId })
    .andWhere('n.type IN (:...types)', { types: [...RELEASE_NOTICES, ...RELEASE_OVER] })
    .andWhere("coalesce(n.content->>'late', 'false') <> 'true'")
    .orderBy('n.created_at', 'ASC')
    .getMany()
    .then((notices) => notices.sort(byWhenThenStage));
}

/** Notices issued at the same instant (a short-notice release) in the order of the release's stages. */
function byWhenThenStage(a: NoticeEntity, b: NoticeEntity): number {
  const stages = [...RELEASE_NOTICES, ...RELEASE_OVER];
  return (
    a.createdAt.getTime() - b.createdAt.getTime() ||
    a.content.issuedAt.localeCompare(b.content.issuedAt) ||
    stages.indexOf(a.type) - stages.indexOf(b.type)
  );
}

async function episodeDeliveries(
  manager: EntityManager,
  prisonNumber: string,
  episodeId: string,
  organisationId: string,
): Promise<ReleaseDeliveryFact[]> {
  const rows: Array<{
    organisation_id: string;
    subscription_id: string | null;
    recipient_role: RecipientRole;
    status: DeliveryStatus;
    type: string;
    created_at: Date;
  }> = await manager.query(
    `SELECT d.organisation_id, d.subscription_id, d.recipient_role, d.status, n.type, n.created_at
       FROM notifier.delivery d JOIN notifier.notice n ON n.id = d.notice_id
      WHERE n.prison_number = $1 AND n.content->>'episodeId' = $2 AND d.organisation_id = $3
        AND n.type = ANY($4)`,
    [prisonNumber, episodeId, organisationId, RELEASE_NOTICES],
  );
  return rows.map((r) => ({
    organisationId: r.organisation_id,
    subscriptionId: r.subscription_id,
    recipientRole: r.recipient_role,
    status: r.status,
    noticeType: r.type,
    noticeCreatedAt: new Date(r.created_at),
  }));
}
