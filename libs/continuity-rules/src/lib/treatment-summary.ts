import type { TreatmentModality, TreatmentStatus } from '@throughcare/contracts';
import {
  decideDisclosure,
  type ConsentState,
  type DisclosureDecision,
  type DisclosureRecord,
  type RiskOverride,
} from '@throughcare/disclosure';

import type { ReleasePlanEssentials } from './release-plan-essentials';

/** Everything the hub knows that a treatment summary could say. */
export interface TreatmentSummaryFacts {
  prisonNumber: string;
  releaseDate: string;
  establishment: string;
  engagementStatus: TreatmentStatus;
  interventionsDelivered: TreatmentModality[];
  riskIssues: string[];
  futureNeeds: string[];
  clinical: { onOst: boolean; ostMedicine?: string; doseMg?: number; opiateHistory: boolean };
  treatmentPlanned: string[];
  essentials: ReleasePlanEssentials;
}

/**
 * The six-week notice carries the first summary, in time to shape licence conditions
 * (TIM-07); the two-day notice updates it.
 */
export type SummaryMilestone = 'SIX_WEEKS' | 'TWO_DAYS';

export interface TreatmentSummary {
  milestone: SummaryMilestone;
  /** The summary this one replaces for the OM. */
  updates: SummaryMilestone | null;
  decision: DisclosureDecision;
}

export interface TreatmentSummaryQuestion {
  milestone: SummaryMilestone;
  facts: TreatmentSummaryFacts;
  consent: ConsentState | null;
  overrides: readonly RiskOverride[];
  at: Date;
}

/**
 * Assembles the summary and lets libs/disclosure decide what the OM gets: the consented summary
 * (DIS-08) or the restricted set (DIS-07).
 */
export function treatmentSummaryFor(question: TreatmentSummaryQuestion): TreatmentSummary {
  const decision = decideDisclosure(
    {
      kind: 'TREATMENT_SUMMARY',
      role: 'OFFENDER_MANAGER',
      consent: question.consent,
      overrides: question.overrides,
      at: question.at,
    },
    summaryRecord(question.facts),
  );
  return {
    milestone: question.milestone,
    updates: question.milestone === 'TWO_DAYS' ? 'SIX_WEEKS' : null,
    decision,
  };
}

function summaryRecord(facts: TreatmentSummaryFacts): DisclosureRecord {
  const { clinical, essentials } = facts;
  return {
    prisonNumber: facts.prisonNumber,
    releaseDate: facts.releaseDate,
    establishment: facts.establishment,
    engagementStatus: facts.engagementStatus,
    interventionsDelivered: facts.interventionsDelivered,
    riskIssues: facts.riskIssues,
    futureNeeds: facts.futureNeeds,
    treatmentPlanned: facts.treatmentPlanned,
    onOst: clinical.onOst,
    ostMedicine: clinical.ostMedicine,
    doseMg: clinical.doseMg,
    opiateHistory: clinical.opiateHistory,
    naloxone: essentials.naloxone,
    bridgingScript:
      essentials.medicinesContinuation.kind === 'BRIDGING_SCRIPT'
        ? essentials.medicinesContinuation
        : undefined,
    localTreatmentProvider: essentials.localTreatmentProvider ?? undefined,
    prisonSpoc: essentials.prisonSpoc ?? undefined,
    medicinesContinuation: essentials.medicinesContinuation,
  };
}
