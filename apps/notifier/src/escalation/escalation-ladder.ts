import type { SpocV1 } from '@throughcare/contracts';

/**
 * ACK-04: who is told, in order, when a deadline passes unmet: the organisation's SPOC, then its
 * second contact, then the releasing prison's release team.
 */
export const ESCALATION_LADDER = ['SPOC', 'SECOND_CONTACT', 'RELEASING_PRISON'] as const;
export type EscalationStep = (typeof ESCALATION_LADDER)[number];

export interface LadderDirectory {
  /** The organisation that owes the acknowledgement. */
  organisation: { organisationId: string; spoc: SpocV1; secondContact: SpocV1 | null } | null;
  /** The prison organisation covering the releasing establishment, if registered. */
  releasingPrison: { organisationId: string; spoc: SpocV1 } | null;
}

/** Whom a step e-mails, or null when there is no one (the step is skipped, and audited so). */
export function ladderContact(
  step: EscalationStep,
  directory: LadderDirectory,
): { organisationId: string; email: string } | null {
  switch (step) {
    case 'SPOC':
      return directory.organisation
        ? {
            organisationId: directory.organisation.organisationId,
            email: directory.organisation.spoc.email,
          }
        : null;
    case 'SECOND_CONTACT':
      return directory.organisation?.secondContact
        ? {
            organisationId: directory.organisation.organisationId,
            email: directory.organisation.secondContact.email,
          }
        : null;
    case 'RELEASING_PRISON':
      return directory.releasingPrison
        ? {
            organisationId: directory.releasingPrison.organisationId,
            email: directory.releasingPrison.spoc.email,
          }
        : null;
  }
}

/** The step after `step`, or null at the top of the ladder. */
export function nextStep(step: EscalationStep): EscalationStep | null {
  return ESCALATION_LADDER[ESCALATION_LADDER.indexOf(step) + 1] ?? null;
}
