/**
 * One thing the demo's release team does at a simulated instant: the story (demo-scenario.ts) and
 * the continuity cohort (continuity-cohort.ts) are both lists of these, and the story includes
 * the cohort, so the step lives apart from both.
 */
export interface ScenarioStep {
  /** The simulated instant the release team records it. */
  at: string;
  /**
   * ISSUE_BRIDGING: a prison prescriber issues the open bridging request of the person in `path`.
   * ACKNOWLEDGE: Leeds community treatment acknowledges the latest notice it received about the
   * person in `path` with `body` (ACK-01).
   */
  method: 'POST' | 'PUT' | 'ISSUE_BRIDGING' | 'ACKNOWLEDGE';
  /** Under /v1/ (for ISSUE_BRIDGING and ACKNOWLEDGE, the prison number). */
  path: string;
  story: string;
  body: Record<string, unknown>;
}
