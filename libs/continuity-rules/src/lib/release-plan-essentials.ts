import type {
  BridgingIssuedV1,
  NaloxoneOutcomeV1,
  OstPlanV1,
  SpocV1,
} from '@throughcare/contracts';

import { naloxoneOnNotice, type NaloxoneOnNotice } from './naloxone-expectation';

/** An organisation as the directory holds it: who to call. */
export interface DirectoryContact {
  organisationId: string;
  name: string;
  spoc: SpocV1;
}

/** The bridging request for the release, as continuity keeps it. */
export interface BridgingRequestOnRecord {
  status: 'OPEN' | 'ISSUED';
  coverUntil: string;
  issued?: Pick<BridgingIssuedV1, 'form' | 'issuedAt' | 'coverUntil'>;
}

export interface ReleasePlanFacts {
  /** The release area's community treatment provider, from the directory. */
  localTreatmentProvider: DirectoryContact | null;
  /** The releasing prison's SPOC, from the directory (REL-02). */
  prisonSpoc: SpocV1 | null;
  clinical: { onOst: boolean };
  ostPlan: OstPlanV1 | null;
  bridgingRequest: BridgingRequestOnRecord | null;
  naloxone: NaloxoneOutcomeV1 | null;
}

export type MedicinesContinuation =
  | { kind: 'NOT_ON_OST' }
  | { kind: 'COMMUNITY_APPOINTMENT'; at: string; organisationId: string; pharmacy?: string }
  | {
      kind: 'BRIDGING_SCRIPT';
      /** PLANNED: the request opens with the two-day notice. */
      status: 'PLANNED' | 'REQUESTED' | 'ISSUED';
      form?: 'FP10' | 'FP10MDA';
      coverUntil?: string;
      firstCommunityAppointment?: { at: string; organisationId: string };
    }
  | { kind: 'NONE'; reason: string; reassessmentPlannedFor: string }
  | { kind: 'NOT_YET_ARRANGED' };

export type ReleasePlanGap =
  'NO_LOCAL_TREATMENT_PROVIDER' | 'NO_PRISON_SPOC' | 'NO_OST_ARRANGEMENT';

/** Named as the disclosure catalogue names them, so a notice carries them without renaming. */
export interface ReleasePlanEssentials {
  localTreatmentProvider: DirectoryContact | null;
  prisonSpoc: SpocV1 | null;
  medicinesContinuation: MedicinesContinuation;
  naloxone: NaloxoneOnNotice;
  /** What the plan "must include" and does not yet (REL-01). */
  gaps: ReleasePlanGap[];
}

/**
 * What every community release notice carries (docs/hub-interface.md §4): the local treatment provider,
 * the prison SPOC to contact, and how medicines continue (REL-01, OST-01).
 */
export function releasePlanEssentials(facts: ReleasePlanFacts): ReleasePlanEssentials {
  const medicinesContinuation = continuationOf(facts);
  const gaps: ReleasePlanGap[] = [];
  if (!facts.localTreatmentProvider) gaps.push('NO_LOCAL_TREATMENT_PROVIDER');
  if (!facts.prisonSpoc) gaps.push('NO_PRISON_SPOC');
  if (medicinesContinuation.kind === 'NOT_YET_ARRANGED') gaps.push('NO_OST_ARRANGEMENT');
  return {
    localTreatmentProvider: facts.localTreatmentProvider,
    prisonSpoc: facts.prisonSpoc,
    medicinesContinuation,
    naloxone: naloxoneOnNotice(facts.naloxone),
    gaps,
  };
}

// A script on record wins over the plan's wording: it is what the person leaves with.
function continuationOf({
  clinical,
  ostPlan,
  bridgingRequest,
}: ReleasePlanFacts): MedicinesContinuation {
  if (!clinical.onOst) return { kind: 'NOT_ON_OST' };
  if (bridgingRequest) return scriptContinuation(bridgingRequest, ostPlan);
  if (!ostPlan) return { kind: 'NOT_YET_ARRANGED' };
  if (ostPlan.arrangement === 'NONE') {
    return {
      kind: 'NONE',
      reason: ostPlan.reason ?? '',
      reassessmentPlannedFor: ostPlan.reassessmentPlannedFor ?? '',
    };
  }
  const appointment = ostPlan.communityAppointment;
  if (ostPlan.arrangement === 'COMMUNITY_DOSE_BOOKED' && appointment) {
    return {
      kind: 'COMMUNITY_APPOINTMENT',
      at: appointment.at,
      organisationId: appointment.organisationId,
      ...(appointment.pharmacy ? { pharmacy: appointment.pharmacy.name } : {}),
    };
  }
  if (ostPlan.arrangement === 'BRIDGING_SCRIPT') return scriptContinuation(null, ostPlan);
  return { kind: 'NOT_YET_ARRANGED' };
}

function scriptContinuation(
  request: BridgingRequestOnRecord | null,
  ostPlan: OstPlanV1 | null,
): MedicinesContinuation {
  const appointment = ostPlan?.communityAppointment;
  const status = !request ? 'PLANNED' : request.issued ? 'ISSUED' : 'REQUESTED';
  return {
    kind: 'BRIDGING_SCRIPT',
    status,
    ...(request?.issued ? { form: request.issued.form } : {}),
    ...(request ? { coverUntil: request.issued?.coverUntil ?? request.coverUntil } : {}),
    ...(appointment
      ? {
          firstCommunityAppointment: {
            at: appointment.at,
            organisationId: appointment.organisationId,
          },
        }
      : {}),
  };
}
