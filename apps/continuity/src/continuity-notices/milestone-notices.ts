import type { MilestoneSettings } from '@throughcare/calendar';
import { checkNaloxone } from '@throughcare/continuity-rules';
import { NoticeType, type NoticeDueV1, isMilestoneNoticeType } from '@throughcare/contracts';

import { openBridgingRequest } from '../bridging/bridging-requests';
import {
  enterEpisode,
  noOutcome,
  type ContinuityOutcome,
  type PersonContinuityState,
} from '../person-continuity/person-continuity.state';

// One of the continuity service's decisions: it takes the person's state (mutated in place), the
// event and the clock's now, and says whether the record changed and which notices fall due. The
// Nest shell (person-continuity/person-continuity.handler.ts) claims, locks, saves and publishes.

/** The planner's milestone notices: what goes with the six-week and the two-day notice. */
export function onMilestone(
  state: PersonContinuityState,
  notice: NoticeDueV1,
  settings: MilestoneSettings,
  now: Date,
): ContinuityOutcome {
  const result = noOutcome();
  if (notice.continuity || !notice.milestone || !isMilestoneNoticeType(notice.noticeType))
    return result;
  if (notice.episodeId) {
    const episode = enterEpisode(state, notice.episodeId);
    if (episode === 'PAST') return result;
    if (episode === 'STARTED') result.recordChanged = true;
  }
  if (notice.release) state.release = notice.release; // the planner's row is the truth
  const release = state.release;
  if (!release) return result;
  const withNotice = {
    dueAt: notice.dueAt,
    shortNotice: notice.shortNotice,
    fridayOrPreHoliday: notice.fridayOrPreHoliday,
    release,
  };
  const key = `${notice.milestone}:${release.releaseDate}`;
  // An on-time milestone is decided as of its due time, so a few ms of pipeline never make a
  // request "urgent"; a short-notice one as of now.
  const at = notice.shortNotice
    ? new Date(Math.max(now.getTime(), Date.parse(notice.dueAt)))
    : new Date(notice.dueAt);

  if (notice.milestone === 'TWO_DAYS') {
    openBridgingRequest(
      state,
      {
        releaseDate: release.releaseDate,
        releaseKind: 'PLANNED',
        clinical: release.clinical,
        ostPlan: state.record.ostPlan ?? null,
        settings,
        now: at,
      },
      release.establishment,
      { dueAt: notice.dueAt, shortNotice: notice.shortNotice },
      result,
    );
    const naloxone = checkNaloxone({
      clinical: release.clinical,
      outcome: state.record.naloxone ?? null,
      releaseDate: release.releaseDate,
      releasingEstablishment: release.establishment,
      settings,
      now: at,
    });
    if (naloxone.kind === 'MISSING')
      result.notices.push({
        type: NoticeType.NaloxoneMissing,
        key,
        ...withNotice,
        counter: 'NALOXONE_MISSING',
      });
    // The DIR goes to the CJIT / provider with the release notices (003_f42733e749d9adef.txt:359),
    // and from now on so does every later version of it (person-record/person-record.ts).
    if (state.record.dir) result.notices.push({ type: NoticeType.DirHandoff, key, ...withNotice });
    state.communityDirHandoff = { releaseDate: release.releaseDate };
  }
  // The OM's summary with the six-week notice, in time to shape licence conditions, updated at
  // two days (004_4d2725de1c348b75.txt:593).
  if (
    (notice.milestone === 'SIX_WEEKS' || notice.milestone === 'TWO_DAYS') &&
    release.supervision.onLicence
  )
    result.notices.push({
      type: NoticeType.TreatmentSummary,
      key,
      milestone: notice.milestone,
      ...withNotice,
    });
  return result;
}
