import {
  NoticeType,
  PersonRecordEventType,
  type BridgingScriptIssuedV1,
  type DirRecordedV1,
  type NaloxoneRecordedV1,
  type OstPlanRecordedV1,
} from '@throughcare/contracts';

import { bridgingScriptIssued } from '../bridging/bridging-request-decisions';
import { handOffToWhereHeld } from '../custody-movements/custody-movement-decisions';
import {
  dueNow,
  enterEpisode,
  noOutcome,
  type ContinuityOutcome,
  type PersonContinuityState,
} from '../continuity-state/person-continuity.state';

// One of the continuity service's decisions: it takes the person's state (mutated in place), the
// event and the clock's now, and says whether the record changed and which notices fall due. The
// Nest shell (person-continuity/person-continuity.handler.ts) claims, locks, saves and publishes.

/** A write on the person's record, made through the API, by its event type. */
export type PersonRecordWrite =
  | { type: (typeof PersonRecordEventType)['DirRecorded']; data: DirRecordedV1 }
  | { type: (typeof PersonRecordEventType)['OstPlanRecorded']; data: OstPlanRecordedV1 }
  | { type: (typeof PersonRecordEventType)['NaloxoneRecorded']; data: NaloxoneRecordedV1 }
  | { type: (typeof PersonRecordEventType)['BridgingScriptIssued']; data: BridgingScriptIssuedV1 };

/**
 * Keeps the replica of what the API recorded for the current episode: the DIR's latest version,
 * the OST plan and naloxone outcome as last written (one partition per person keeps them in
 * order), and marks an issued bridging script.
 */
export function onPersonRecord(
  state: PersonContinuityState,
  write: PersonRecordWrite,
  now: Date,
): ContinuityOutcome {
  const result = noOutcome();
  // A write for an episode that has ended belongs to no current release.
  const episode = enterEpisode(state, write.data.episodeId);
  if (episode === 'PAST') return result;
  result.recordChanged = episode === 'STARTED';
  switch (write.type) {
    case PersonRecordEventType.DirRecorded: {
      const { dirId, version, episode: dirEpisode, holder, dir } = write.data;
      if (state.record.dir && state.record.dir.version >= version) break; // older or redelivered
      state.record.dir = { dirId, version, episode: dirEpisode, holder, dir };
      result.recordChanged = true;
      handOffToWhereHeld(state, now, result);
      tellCommunityOfDirVersion(state, version, now, result);
      break;
    }
    case PersonRecordEventType.OstPlanRecorded:
      state.record.ostPlan = write.data.plan;
      result.recordChanged = true;
      break;
    case PersonRecordEventType.NaloxoneRecorded:
      state.record.naloxone = write.data.outcome;
      result.recordChanged = true;
      break;
    case PersonRecordEventType.BridgingScriptIssued:
      bridgingScriptIssued(state, write.data, now, result);
      break;
  }
  return result;
}

/**
 * Once the DIR has gone to the community with the two-day notice, "the CJIT will be informed of
 * further assessments and significant treatment events, again using the agreed DIR processes"
 * (DIR-04): each later version goes to the same recipients, under the
 * disclosure rules at send time, until the person leaves (writes after that are refused). A DIR
 * first recorded after the milestone goes the same way, so the community is never left without it.
 */
function tellCommunityOfDirVersion(
  state: PersonContinuityState,
  version: number,
  now: Date,
  result: ContinuityOutcome,
): void {
  const release = state.release;
  const dir = state.record.dir;
  if (!dir || !release || state.leftCustody) return;
  if (state.communityDirHandoff?.releaseDate !== release.releaseDate) return;
  result.notices.push({
    type: NoticeType.DirHandoff,
    key: `dir-version:${dir.dirId}:${version}`,
    ...dueNow(now),
    release,
  });
}
