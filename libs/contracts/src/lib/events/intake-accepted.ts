import type { CloudEvent } from '../envelope';
import type { IntakePayload } from './intake-events';

/** What an accepted intake event changed on the person's record. Wire values: never rename. */
export const CUSTODY_CHANGES = [
  'RECEIVED',
  'TRANSFERRED',
  'RELEASE_PLANNED',
  'RELEASE_REPLANNED',
  'RELEASE_CANCELLED',
  'DISCHARGED',
  'RELEASED_FROM_COURT',
  'RECORDED_LATE',
] as const;
export type CustodyChange = (typeof CUSTODY_CHANGES)[number];

/**
 * CloudEvents extension attributes on `throughcare.intake-accepted.v1`. `data` is the contract
 * payload unchanged; the hub's verdict travels beside it.
 */
export interface IntakeAcceptedExtensions {
  episodeid: string;
  custodychange: CustodyChange;
  /** For a re-plan, a cancellation or a release: the release date that was planned before. */
  previousreleasedate?: string;
  /** When the fact happened at the prison (ISO 8601). */
  occurredat: string;
  /**
   * The person's latest consent version when the event was accepted (0: none). Carried onto the
   * notices the event causes, so the notifier never decides them under an older consent.
   */
  consentversion?: number;
}

export type IntakeAcceptedEvent = CloudEvent<IntakePayload> & IntakeAcceptedExtensions;
