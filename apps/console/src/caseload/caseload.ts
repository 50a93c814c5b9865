/**
 * The release team's caseload (CSL-6): one row a person released from the team's establishments
 * in the next six weeks, with the state of each throughcare step the API reports; a release at
 * risk stands out and sorts first. Pure: built from `GET /v1/releases` answers.
 */
export type StepState = string;

export interface ApiRelease {
  prisonNumber: string;
  establishment: string | null;
  releaseDate: string;
  status: string | null;
  steps: Record<string, StepState>;
  naloxone: string;
  ostPlan: string;
  recipientsForArea: number;
  noticeDelivery: string;
  risks: string[];
}

export interface CaseloadRow {
  prisonNumber: string;
  establishment: string | null;
  releaseDate: string;
  daysToRelease: number;
  /** Each step: its name, its state in words and the state the tag colour follows. */
  steps: Array<{ name: string; state: string; tag: string }>;
  risks: string[];
  atRisk: boolean;
}

export const CASELOAD_WINDOW_DAYS = 42;

const STEP_NAMES: Record<string, string> = {
  sixWeeks: '6-week notice',
  twoDays: '2-day notice',
  dayOfRelease: 'Day-of-release notice',
};

/** What each risk the API names means to a release team (docs/hub-interface.md §3). */
export const RISK_TEXT: Record<string, string> = {
  NALOXONE_MISSING: 'no naloxone outcome, release in 2 days or less',
  OST_WITHOUT_PLAN: 'on OST with no plan',
  NO_RECIPIENT_FOR_AREA: 'no community recipient for the release area',
  NOTICE_FAILED: 'a notice failed to deliver',
  NOTICE_WITHHELD: 'a notice was withheld',
};

const STATE_TEXT: Record<string, string> = {
  NOT_NEEDED: 'not needed',
  MISSING: 'missing',
  NOT_ELIGIBLE: 'not eligible',
  COMMUNITY_DOSE_BOOKED: 'community dose booked',
  BRIDGING_SCRIPT: 'bridging script',
  NONE: 'none',
};

function stateText(state: string): string {
  return STATE_TEXT[state] ?? state.toLowerCase();
}

const DAY_MS = 86_400_000;

export function daysBetween(fromDate: string, toDate: string): number {
  return Math.round(
    (Date.parse(`${toDate}T00:00:00Z`) - Date.parse(`${fromDate}T00:00:00Z`)) / DAY_MS,
  );
}

export function caseloadRows(releases: ApiRelease[], today: string): CaseloadRow[] {
  const rows = releases.map((release) => {
    const steps = [
      ...Object.entries(release.steps).map(([key, state]) => ({
        name: STEP_NAMES[key] ?? key,
        state: stateText(state),
        tag: state,
      })),
      {
        name: 'Notice delivery',
        state: stateText(release.noticeDelivery),
        tag: release.noticeDelivery,
      },
      { name: 'Naloxone', state: stateText(release.naloxone), tag: release.naloxone },
      { name: 'OST plan', state: stateText(release.ostPlan), tag: release.ostPlan },
      {
        name: 'Recipients for the area',
        state: String(release.recipientsForArea),
        tag: release.recipientsForArea > 0 ? 'SENT' : 'MISSING',
      },
    ];
    const risks = release.risks.map((risk) => RISK_TEXT[risk] ?? risk);
    return {
      prisonNumber: release.prisonNumber,
      establishment: release.establishment,
      releaseDate: release.releaseDate,
      daysToRelease: daysBetween(today, release.releaseDate),
      steps,
      risks,
      atRisk: risks.length > 0,
    };
  });
  // At risk first, then the soonest release, then the prison number (a stable order).
  return rows.sort(
    (a, b) =>
      Number(b.atRisk) - Number(a.atRisk) ||
      a.releaseDate.localeCompare(b.releaseDate) ||
      a.prisonNumber.localeCompare(b.prisonNumber),
  );
}
