import { CLOCK_SKEW_MS, type AcknowledgementV1, type FieldError } from '@throughcare/contracts';

/**
 * What the DTO cannot check on its own (ACK-01): an action only with ACTIONED, a reason only with
 * DECLINED, and an action that already happened (all but a booked appointment) not in the future.
 */
export function acknowledgementErrors(body: AcknowledgementV1, now: Date): FieldError[] {
  const errors: FieldError[] = [];
  if (body.action !== undefined && body.status !== 'ACTIONED')
    errors.push({ field: 'action', messages: ['action is given only with status ACTIONED'] });
  if (body.reason !== undefined && body.status !== 'DECLINED')
    errors.push({ field: 'reason', messages: ['reason is given only with status DECLINED'] });
  if (
    body.action &&
    body.action.kind !== 'APPOINTMENT_BOOKED' &&
    Date.parse(body.action.at) > now.getTime() + CLOCK_SKEW_MS
  )
    errors.push({
      field: 'action.at',
      messages: [`${body.action.kind} must already have happened: action.at is in the future`],
    });
  return errors;
}

/** "ACTIONED (FIRST_APPOINTMENT_ATTENDED 2026-12-10T10:00:00.000Z) by leeds-cjit": the timeline line. */
export function describeAcknowledgement(ack: {
  status: string;
  organisationId: string;
  noticeType: string;
  action: { kind: string; at: string } | null;
  reason: string | null;
}): string {
  const notice = ack.noticeType.replace(/^throughcare\.notice\.(release\.)?/, '');
  const what = ack.action ? ` (${ack.action.kind} ${ack.action.at})` : '';
  // The reason is the recipient's own words about their service (e.g. "not our area"): shown to
  // those who may read the timeline, the releasing prison among them (ACK-03).
  const why = ack.reason ? `: ${ack.reason}` : '';
  return `${ack.status}${what} of ${notice} by ${ack.organisationId}${why}`;
}
