import { DateTime } from 'luxon';

import { addWorkingTime, type WorkingHours } from '@throughcare/calendar';
import { NoticeType, type AcknowledgementStatus } from '@throughcare/contracts';
import type { RecipientRole } from '@throughcare/disclosure';

/** The acknowledgement a deadline asks for: ACTIONED also meets an ACCEPTED one (ACK-02). */
export type RequiredAcknowledgement = 'ACCEPTED' | 'ACTIONED';

export interface DeadlineSettings {
  /** Working time an unplanned release has to be ACCEPTED in (1 working hour by default). */
  unplannedWithinMs: number;
  /** Local time on the release day by which "before the release day" deadlines fall (00:00). */
  releaseDayDeadlineTime: string;
  workingHours: WorkingHours;
}

/** What a deadline is computed from: the notice, who received it and when it was issued. */
export interface DeadlineFacts {
  noticeType: string;
  role: RecipientRole;
  issuedAt: Date;
  /** The release day (Europe/London), when the notice is about a planned release. */
  releaseDate: string | null;
}

const COMMUNITY: readonly RecipientRole[] = ['CJIT', 'COMMUNITY_PROVIDER', 'OFFENDER_MANAGER'];

/**
 * ACK-02: which notices owe which acknowledgement, from whom. An unplanned release and a two-day
 * notice are the community recipients' to ACCEPT; a bridging request is the prison prescribers'
 * to ACTION. Every other notice owes none.
 */
export function requiredAcknowledgement(
  noticeType: string,
  role: RecipientRole,
): { required: RequiredAcknowledgement; by: 'WORKING_TIME' | 'RELEASE_DAY' } | null {
  switch (noticeType) {
    case NoticeType.Unplanned:
      return COMMUNITY.includes(role) ? { required: 'ACCEPTED', by: 'WORKING_TIME' } : null;
    case NoticeType.TwoDays:
      return COMMUNITY.includes(role) ? { required: 'ACCEPTED', by: 'RELEASE_DAY' } : null;
    case NoticeType.BridgingScriptRequested:
      return role === 'RELEASING_PRISON' ? { required: 'ACTIONED', by: 'RELEASE_DAY' } : null;
    default:
      return null;
  }
}

/**
 * When the acknowledgement is due (ACK-02), or null when the notice owes none. A release-day
 * deadline already passed when the notice was issued (a short-notice release, a court release's
 * urgent bridging request) gets the working-time deadline instead, so it is never born overdue.
 */
export function acknowledgementDeadline(
  facts: DeadlineFacts,
  settings: DeadlineSettings,
): { required: RequiredAcknowledgement; dueAt: Date } | null {
  const owed = requiredAcknowledgement(facts.noticeType, facts.role);
  if (!owed) return null;
  const withinWorkingTime = addWorkingTime(
    facts.issuedAt,
    settings.unplannedWithinMs,
    settings.workingHours,
  );
  if (owed.by === 'WORKING_TIME' || !facts.releaseDate)
    return { required: owed.required, dueAt: withinWorkingTime };
  const releaseDay = releaseDayDeadline(facts.releaseDate, settings);
  return {
    required: owed.required,
    dueAt: releaseDay > facts.issuedAt ? releaseDay : withinWorkingTime,
  };
}

function releaseDayDeadline(releaseDate: string, settings: DeadlineSettings): Date {
  const [hours, minutes] = settings.releaseDayDeadlineTime.split(':').map(Number) as [
    number,
    number,
  ];
  return DateTime.fromISO(releaseDate, { zone: settings.workingHours.zone })
    .plus({ hours, minutes })
    .toJSDate();
}

/** Whether an acknowledgement meets what the deadline asks for (ACTIONED meets ACCEPTED too). */
export function meetsDeadline(
  status: AcknowledgementStatus,
  required: RequiredAcknowledgement,
): boolean {
  if (status === 'ACTIONED') return true;
  return status === 'ACCEPTED' && required === 'ACCEPTED';
}

/** A deadline row as stored: its deadline may not be computed yet (the sweeper does that). */
export interface OpenDeadline extends DeadlineFacts {
  required: RequiredAcknowledgement | null;
  dueAt: Date | null;
}

/**
 * ACK-04: what an acknowledgement does to an open deadline. It may arrive before the sweeper has
 * computed the deadline (a recipient answering within seconds), so the deadline is computed here
 * from the same facts and settings: the row keeps its `dueAt` (time-to-accept measures read it)
 * and an early ACCEPTED never closes a deadline that asks for ACTIONED. Null: it leaves the row
 * open (it does not meet what is asked).
 */
export function closeOnAcknowledgement(
  row: OpenDeadline,
  status: AcknowledgementStatus,
  at: Date,
  settings: DeadlineSettings,
): {
  required: RequiredAcknowledgement | null;
  dueAt: Date | null;
  closedAt: Date;
  closedBy: string;
} | null {
  const deadline =
    row.required && row.dueAt
      ? { required: row.required, dueAt: row.dueAt }
      : acknowledgementDeadline(row, settings);
  if (!deadline) return { required: null, dueAt: null, closedAt: at, closedBy: 'NOT_OWED' };
  if (!meetsDeadline(status, deadline.required)) return null;
  return { ...deadline, closedAt: at, closedBy: status };
}
