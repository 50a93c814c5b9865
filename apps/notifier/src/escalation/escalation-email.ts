import type { OutgoingEmail } from '../email/email-sender.service';
import type { EscalationStep } from './escalation-ladder';

export interface OverdueNotice {
  deliveryReference: string;
  noticeType: string;
  organisationId: string;
  prisonNumber: string;
  required: string;
  dueAt: Date;
}

const STEP_WORDING: Record<EscalationStep, string> = {
  SPOC: 'You are the single point of contact for',
  SECOND_CONTACT: 'The SPOC was told and nothing came back. You are the second contact for',
  RELEASING_PRISON:
    'Every contact at the receiving organisation was told. You are the release team of the prison releasing the person; the receiving organisation is',
};

function kindOf(noticeType: string): string {
  return noticeType.replace(/^throughcare\.notice\./, '');
}

/**
 * One step of the ladder (ACK-04) by secure e-mail. The subject names no one (subjects travel
 * less protected than bodies); only the releasing prison's e-mail names the person, by prison number.
 */
export function escalationEmail(
  to: string,
  step: EscalationStep,
  notice: OverdueNotice,
): OutgoingEmail {
  const kind = kindOf(notice.noticeType);
  return {
    to,
    subject: `Throughcare Hub: ${kind} notice not ${notice.required.toLowerCase()} in time (ref ${notice.deliveryReference})`,
    text: [
      `${STEP_WORDING[step]} ${notice.organisationId}.`,
      `A ${kind} notice was due to be ${notice.required} by ${notice.dueAt.toISOString()} and has not been.`,
      `Reference (webhook-id): ${notice.deliveryReference}`,
      // Only the prison that holds the person is told who it is: the organisation's contacts may
      // have had a notice that names no one (DIS-10), and the reference finds it for them.
      ...(step === 'RELEASING_PRISON' ? [`Person (prison number): ${notice.prisonNumber}`] : []),
      '',
      `Acknowledge it with POST /v1/notices/${notice.deliveryReference}/acknowledgements, or find`,
      'someone who can act on it today: the first weeks after release carry the highest risk.',
    ].join('\n'),
  };
}

/** ACK-03: a DECLINED notice to the releasing prison at once, with the reason given. */
export function declinedEmail(
  to: string,
  notice: Omit<OverdueNotice, 'required' | 'dueAt'>,
  reason: string,
): OutgoingEmail {
  const kind = kindOf(notice.noticeType);
  return {
    to,
    subject: `Throughcare Hub: ${kind} notice declined by ${notice.organisationId} (ref ${notice.deliveryReference})`,
    text: [
      `${notice.organisationId} declined a ${kind} notice about someone your prison is releasing.`,
      `Their reason: ${reason}`,
      `Reference (webhook-id): ${notice.deliveryReference}`,
      `Person (prison number): ${notice.prisonNumber}`,
      '',
      'Someone else must be found to take this on.',
    ].join('\n'),
  };
}
