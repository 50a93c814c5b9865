import {
  bridgingCoverUntil,
  isFridayOrPreHoliday,
  localDate,
  type MilestoneSettings,
} from '@throughcare/calendar';
import type { OstPlanV1, ReleaseKind } from '@throughcare/contracts';

import { twoDayMilestoneAt } from './two-day-milestone';

/** Calendar dates are read in the zone the release date is written in (docs/hub-interface.md §3). */
const RELEASE_ZONE = 'Europe/London';

/** Why a person on OST does, or does not, need a bridging script. */
export type BridgingNeed =
  | { kind: 'NOT_ON_OST' }
  /** A community dose on the release day: no script (OST-02). */
  | { kind: 'DOSE_BOOKED_ON_RELEASE_DAY' }
  | { kind: 'SCRIPT'; because: 'PLAN_IS_BRIDGING_SCRIPT' | 'DOSE_BOOKED_AFTER_RELEASE_DAY' }
  /** A recorded decision to release without supply (OST-04): no script, no alert. */
  | { kind: 'NO_SUPPLY_BY_DECISION'; reason: string; reassessmentPlannedFor: string }
  /** On OST and nobody recorded a plan: a script as the safe default, and an alert. */
  | { kind: 'NO_PLAN' };

/** The alert counted when someone on OST reaches release with no plan at all (OST-05). */
export const RELEASED_ON_OST_WITHOUT_PLAN = 'RELEASED_ON_OST_WITHOUT_PLAN';

export function bridgingNeed(
  clinical: { onOst: boolean },
  ostPlan: OstPlanV1 | null,
  releaseDate: string,
): BridgingNeed {
  if (!clinical.onOst) return { kind: 'NOT_ON_OST' };
  if (!ostPlan) return { kind: 'NO_PLAN' };
  switch (ostPlan.arrangement) {
    case 'NONE':
      return {
        kind: 'NO_SUPPLY_BY_DECISION',
        reason: ostPlan.reason ?? '',
        reassessmentPlannedFor: ostPlan.reassessmentPlannedFor ?? '',
      };
    case 'BRIDGING_SCRIPT':
      return { kind: 'SCRIPT', because: 'PLAN_IS_BRIDGING_SCRIPT' };
    case 'COMMUNITY_DOSE_BOOKED':
      return appointmentDate(ostPlan) === releaseDate
        ? { kind: 'DOSE_BOOKED_ON_RELEASE_DAY' }
        : { kind: 'SCRIPT', because: 'DOSE_BOOKED_AFTER_RELEASE_DAY' };
  }
}

/** On OST and no community dose on the release day, unless release without supply was decided. */
export function needsBridging(
  clinical: { onOst: boolean },
  ostPlan: OstPlanV1 | null,
  releaseDate: string,
): boolean {
  const need = bridgingNeed(clinical, ostPlan, releaseDate);
  return need.kind === 'SCRIPT' || need.kind === 'NO_PLAN';
}

export interface BridgingRequestQuestion {
  /** The release day in Europe/London: the planned date, or the day of the court release. */
  releaseDate: string;
  releaseKind: ReleaseKind;
  clinical: { onOst: boolean };
  ostPlan: OstPlanV1 | null;
  /** A first community prescribing appointment known apart from the OST plan. */
  communityAppointmentDate?: string;
  settings: MilestoneSettings;
  now: Date;
}

export type BridgingRequestPlan =
  | { kind: 'NO_REQUEST'; need: BridgingNeed }
  | {
      kind: 'REQUEST';
      need: BridgingNeed;
      /** When the request goes to the prescribers. */
      openAt: Date;
      /** The prescriber acts today: a court release, or a request past the two-day milestone. */
      urgent: boolean;
      fridayOrPreHoliday: boolean;
      coverFrom: string;
      /** The first day not covered: the person is seen or collects that day. */
      coverUntil: string;
      alerts: (typeof RELEASED_ON_OST_WITHOUT_PLAN)[];
    };

/**
 * Whether and when prison prescribers are asked for an FP10 / FP10MDA, and what it must cover
 * (OST-03).
 */
export function bridgingRequestFor(question: BridgingRequestQuestion): BridgingRequestPlan {
  const { releaseDate, releaseKind, clinical, ostPlan, settings, now } = question;
  const need = bridgingNeed(clinical, ostPlan, releaseDate);
  if (need.kind !== 'SCRIPT' && need.kind !== 'NO_PLAN') return { kind: 'NO_REQUEST', need };
  // Planned: with the two-day notice, while the prescriber is on duty, not at the gate.
  const openAt =
    releaseKind === 'COURT' ? now : laterOf(twoDayMilestoneAt(releaseDate, settings), now);
  return {
    kind: 'REQUEST',
    need,
    openAt,
    urgent:
      releaseKind === 'COURT' ||
      openAt.getTime() > twoDayMilestoneAt(releaseDate, settings).getTime(),
    fridayOrPreHoliday: isFridayOrPreHoliday(releaseDate, settings.bankHolidays),
    coverFrom: releaseDate,
    coverUntil: coverUntil(releaseDate, question),
    alerts: need.kind === 'NO_PLAN' ? [RELEASED_ON_OST_WITHOUT_PLAN] : [],
  };
}

/**
 * The later of the next working day (a Friday release: the Monday; before a bank-holiday Monday:
 * the Tuesday; TIM-04) and the first community appointment, which the
 * script must reach (OST-03).
 */
function coverUntil(releaseDate: string, question: BridgingRequestQuestion): string {
  const dates = [
    bridgingCoverUntil(releaseDate, question.settings.bankHolidays),
    question.communityAppointmentDate,
    question.ostPlan ? appointmentDate(question.ostPlan) : undefined,
  ].filter((date): date is string => date !== undefined);
  return dates.sort().at(-1) as string;
}

function appointmentDate(ostPlan: OstPlanV1): string | undefined {
  const at = ostPlan.communityAppointment?.at;
  return at ? localDate(new Date(at), RELEASE_ZONE) : undefined;
}

function laterOf(a: Date, b: Date): Date {
  return a.getTime() >= b.getTime() ? a : b;
}
