import type { MilestoneSettings } from '@throughcare/calendar';
import { checkLastDoseCover, checkNaloxone, lastDoseAlertDue } from '@throughcare/continuity-rules';
import {
  NoticeType,
  isMilestoneNoticeType,
  type MilestoneKind,
  type NoticeDueV1,
} from '@throughcare/contracts';

import { openBridgingRequest } from '../bridging/bridging-request-decisions';
import {
  enterEpisode,
  noOutcome,
  type ContinuityOutcome,
  type NoticeToIssue,
  type PersonContinuityState,
} from '../continuity-state/person-continuity.state';

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
    // The DIR goes to the CJIT / provider with the release notices (DIR-05),
    // and from now on so does every later version of it (person-record/person-record.ts).
    if (state.record.dir) result.notices.push({ type: NoticeType.DirHandoff, key, ...withNotice });
    state.communityDirHandoff = { releaseDate: release.releaseDate };
  }
  if (notice.milestone === 'DAY_OF_RELEASE') {
    // Still missing on the morning of release: the second, louder notice (NAL-04), by webhook
    // and secure e-mail to the prison SPOC at once (the notifier sends both).
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
        type: NoticeType.NaloxoneMissingOnReleaseDay,
        key,
        ...withNotice,
      });
  }
  // After the two-day request opened, so a script on record is the supply the dose must reach.
  alertWhenLastDoseFallsShort(state, notice.milestone, key, withNotice, settings, result);
  // The OM's summary with the six-week notice, in time to shape licence conditions, updated at
  // two days (TIM-07).
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

/**
 * The last prison dose covers only the first 24 hours (OST-02): when it does not reach the
 * community dose or the script, the releasing prison hears at two days and on the day (OST-09).
 */
function alertWhenLastDoseFallsShort(
  state: PersonContinuityState,
  milestone: MilestoneKind,
  key: string,
  withNotice: Pick<NoticeToIssue, 'dueAt' | 'shortNotice' | 'fridayOrPreHoliday' | 'release'>,
  settings: MilestoneSettings,
  result: ContinuityOutcome,
): void {
  const release = withNotice.release;
  if (!release?.clinical.onOst) return;
  const cover = checkLastDoseCover({
    releaseDate: release.releaseDate,
    zone: settings.zone,
    ostPlan: state.record.ostPlan ?? null,
    bridgingRequest: state.record.bridgingRequest ?? null,
  });
  if (lastDoseAlertDue(cover, milestone))
    result.notices.push({ type: NoticeType.OstLastDoseGap, key, ...withNotice });
}
