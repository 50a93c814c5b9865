import { releaseMilestones, type MilestoneSettings } from '@throughcare/calendar';

/**
 * When the two-day notice goes out (09:00 London on the previous working day if need be): the
 * moment bridging requests open and a missing naloxone outcome is chased (docs/hub-interface.md §4).
 */
export function twoDayMilestoneAt(releaseDate: string, settings: MilestoneSettings): Date {
  const milestone = releaseMilestones(releaseDate, settings).find((m) => m.kind === 'TWO_DAYS');
  if (!milestone) throw new Error('the calendar has no two-day milestone');
  return milestone.dueAt;
}
