import type { NaloxoneOutcome, OstArrangement } from '@throughcare/contracts';

/**
 * The throughcare steps of an upcoming release beyond its notices, and what puts it at risk
 * (docs/hub-interface.md §3, `GET /v1/releases`: "the state of each throughcare step"). Pure:
 * people.queries.ts gathers the facts, this decides.
 */
export type NaloxoneStep = NaloxoneOutcome | 'MISSING' | 'NOT_NEEDED';
export type OstPlanStep = OstArrangement | 'MISSING' | 'NOT_NEEDED';
export type NoticeDelivery = 'NONE' | 'PENDING' | 'DELIVERED' | 'FAILED' | 'WITHHELD';

export const RELEASE_RISKS = [
  'NALOXONE_MISSING',
  'OST_WITHOUT_PLAN',
  'NO_RECIPIENT_FOR_AREA',
  'NOTICE_FAILED',
  'NOTICE_WITHHELD',
] as const;
export type ReleaseRisk = (typeof RELEASE_RISKS)[number];

export interface ReleaseStepFacts {
  /** Whole days from today (Europe/London) to the release date. */
  daysToRelease: number;
  opiateHistory: boolean;
  onOst: boolean;
  naloxone: NaloxoneOutcome | null;
  ostPlan: OstArrangement | null;
  /** Community organisations (CJIT, community provider) covering the release area. */
  recipientsForArea: number;
  /** Delivery statuses of the notices sent about this release so far. */
  deliveryStatuses: string[];
}

export interface ReleaseSteps {
  naloxone: NaloxoneStep;
  ostPlan: OstPlanStep;
  recipientsForArea: number;
  noticeDelivery: NoticeDelivery;
  risks: ReleaseRisk[];
}

/** The two-day milestone: naloxone must be settled by then (NAL-03). */
const NALOXONE_DEADLINE_DAYS = 2;

export function releaseSteps(facts: ReleaseStepFacts): ReleaseSteps {
  const naloxone: NaloxoneStep = facts.naloxone ?? (facts.opiateHistory ? 'MISSING' : 'NOT_NEEDED');
  const ostPlan: OstPlanStep = facts.ostPlan ?? (facts.onOst ? 'MISSING' : 'NOT_NEEDED');
  const noticeDelivery = worstDelivery(facts.deliveryStatuses);
  const risks: ReleaseRisk[] = [];
  if (naloxone === 'MISSING' && facts.daysToRelease <= NALOXONE_DEADLINE_DAYS)
    risks.push('NALOXONE_MISSING'); // NAL-03
  if (ostPlan === 'MISSING') risks.push('OST_WITHOUT_PLAN'); // OST-05
  if (facts.recipientsForArea === 0) risks.push('NO_RECIPIENT_FOR_AREA'); // REL-04
  if (noticeDelivery === 'FAILED') risks.push('NOTICE_FAILED');
  if (facts.deliveryStatuses.includes('WITHHELD')) risks.push('NOTICE_WITHHELD'); // DIS-05
  return {
    naloxone,
    ostPlan,
    recipientsForArea: facts.recipientsForArea,
    noticeDelivery,
    risks,
  };
}

/** One word for every delivery of the release's notices: the worst one shows. */
function worstDelivery(statuses: string[]): NoticeDelivery {
  for (const status of ['FAILED', 'WITHHELD', 'PENDING', 'DELIVERED'] as const)
    if (statuses.includes(status)) return status;
  return 'NONE';
}
