/** Notice types in words (docs/hub-interface.md §4). */
const NOTICE_NAMES: Record<string, string> = {
  'throughcare.notice.release.six-weeks': 'Release in 6 weeks',
  'throughcare.notice.release.two-days': 'Release in 2 days',
  'throughcare.notice.release.day-of-release': 'Released today',
  'throughcare.notice.release.unplanned': 'Unplanned release (court)',
  'throughcare.notice.release.rescheduled': 'Release rescheduled',
  'throughcare.notice.release.cancelled': 'Release cancelled',
  'throughcare.notice.release.discharged': 'Discharged',
  'throughcare.notice.release.unplanned-alert': 'Unplanned release alert',
  'throughcare.notice.release.no-recipient': 'No community recipient',
  'throughcare.notice.treatment-summary': 'Treatment summary',
  'throughcare.notice.dir.handoff': 'Drug Interventions Record',
  'throughcare.notice.dir.record-requested': 'Record requested',
  'throughcare.notice.bridging-script.requested': 'Bridging script requested',
  'throughcare.notice.bridging-script.issued': 'Bridging script issued',
  'throughcare.notice.consent.withdrawn': 'Consent withdrawn',
};

export function noticeName(type: string): string {
  return (
    NOTICE_NAMES[type] ??
    type
      .replace(/^throughcare\.notice\./, '')
      .replace(/[.-]/g, ' ')
      .replace(/^\w/, (c) => c.toUpperCase())
  );
}
