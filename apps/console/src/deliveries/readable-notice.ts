import { noticeName } from './notice-names';

/**
 * A notice as a community service or probation reads it in the console (issue 15): what they were
 * sent, as headings and summary lists, never JSON. It shows exactly the fields the notice carries:
 * the disclosure rules decided those when it was sent (DIS-01), so a field missing here was not
 * theirs to see, and it is never looked up elsewhere.
 */

/** The CloudEvent body of a notice (docs/hub-interface.md §4): `data` holds what was allowed. */
export interface NoticeBody {
  id: string;
  type: string;
  subject?: string;
  time: string;
  data: Record<string, unknown> & { disclosure?: { rule?: string; consentVersion?: number } };
}

export interface SummaryRow {
  key: string;
  value: string;
}

export interface ReadableNotice {
  title: string;
  /** One sentence: what happened, to whom, when. */
  lead: string;
  sections: Array<{ heading: string; rows: SummaryRow[] }>;
  /** Under which rule and consent version it was built (DIS-01), and whether it came late. */
  footnote: string;
}

type Data = Record<string, unknown>;

const LONDON_DATE = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});
const LONDON_DATE_TIME = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

/** "2026-12-20" (a London calendar date) as "Sunday 20 December 2026". */
export function longDate(value: unknown): string | undefined {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined;
  return LONDON_DATE.format(new Date(`${value}T12:00:00Z`)).replace(',', '');
}

/** An instant as London wall time: "3 December 2026 at 15:10". */
export function longDateTime(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const at = new Date(value);
  return Number.isNaN(at.getTime()) ? undefined : LONDON_DATE_TIME.format(at).replace(',', ' at');
}

/** "CONDITIONAL_RELEASE" as "Conditional release". */
export function words(value: unknown): string | undefined {
  if (typeof value !== 'string' || !value) return undefined;
  const lower = value.toLowerCase().replace(/_/g, ' ');
  return (lower.charAt(0).toUpperCase() + lower.slice(1)).replace(/\b[Oo]st\b/g, 'OST');
}

function yesNo(value: unknown): string | undefined {
  return value === true ? 'Yes' : value === false ? 'No' : undefined;
}

function list(value: unknown): string | undefined {
  if (!Array.isArray(value) || value.length === 0) return undefined;
  return value.map((item) => (typeof item === 'string' ? (words(item) ?? item) : '')).join('; ');
}

function freeText(value: unknown): string | undefined {
  if (!Array.isArray(value) || value.length === 0) return undefined;
  return value.filter((item) => typeof item === 'string').join('; ');
}

function object(value: unknown): Data | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Data) : undefined;
}

/** A SPOC or contact as one line: name, e-mail, phone. */
function contact(value: unknown): string | undefined {
  const c = object(value);
  if (!c) return undefined;
  const parts = [c['organisation'] ?? c['name'], c['email'], c['phone']];
  const spoc = object(c['spoc']);
  if (spoc)
    parts.push(
      `contact ${[spoc['name'], spoc['email'], spoc['phone']].filter(Boolean).join(', ')}`,
    );
  return parts.filter((p) => typeof p === 'string' && p).join(', ') || undefined;
}

function providers(value: unknown): string | undefined {
  const all = Array.isArray(value) ? value : value ? [value] : [];
  return all.map(contact).filter(Boolean).join('; ') || undefined;
}

/** How medicines continue on release (REL-01), in a sentence. */
export function medicines(value: unknown): string | undefined {
  const m = object(value);
  switch (m?.['kind']) {
    case 'NOT_ON_OST':
      return 'Not on opioid substitution treatment';
    case 'COMMUNITY_APPOINTMENT':
      return `Community dose booked: ${longDateTime(m['at']) ?? 'time not given'} with ${String(m['organisationId'])}${m['pharmacy'] ? `, pharmacy ${String(m['pharmacy'])}` : ''}`;
    case 'BRIDGING_SCRIPT': {
      const first = object(m['firstCommunityAppointment']);
      return [
        `Bridging script ${String(m['status']).toLowerCase()}`,
        m['form'] ? `on ${String(m['form'])}` : '',
        m['coverUntil']
          ? `covering until ${longDate(m['coverUntil']) ?? String(m['coverUntil'])}`
          : '',
        first
          ? `first community appointment ${longDateTime(first['at']) ?? ''} with ${String(first['organisationId'])}`
          : '',
      ]
        .filter(Boolean)
        .join(', ');
    }
    case 'NONE':
      return `No supply on release: ${String(m['reason'])}; re-assessment planned for ${longDateTime(m['reassessmentPlannedFor']) ?? 'a time not given'}`;
    case 'NOT_YET_ARRANGED':
      return 'Not yet arranged';
    default:
      return undefined;
  }
}

function naloxone(value: unknown): string | undefined {
  const n = object(value);
  if (!n) return undefined;
  if (n['issued'] === true) return 'Issued, with training';
  if (n['issued'] === false) return words(n['outcome']) ?? 'Not issued';
  return 'Not known yet';
}

function bridgingScript(value: unknown): string | undefined {
  const b = object(value);
  if (!b) return undefined;
  const issued = object(b['issued']);
  return [
    words(b['status']),
    b['urgent'] ? 'urgent' : '',
    issued?.['form'] ? `on ${String(issued['form'])}` : '',
    b['coverUntil'] || issued?.['coverUntil']
      ? `covering until ${longDate(issued?.['coverUntil'] ?? b['coverUntil']) ?? ''}`
      : '',
  ]
    .filter(Boolean)
    .join(', ');
}

function bbv(value: unknown): string | undefined {
  const b = object(value);
  if (!b) return undefined;
  const results = (
    [
      ['hiv', 'HIV'],
      ['hepatitisB', 'Hepatitis B'],
      ['hepatitisC', 'Hepatitis C'],
    ] as const
  )
    .filter(([field]) => b[field])
    .map(([field, name]) => `${name}: ${words(b[field])?.toLowerCase()}`);
  const tested = longDateTime(b['testedAt']);
  return [...results, ...(tested ? [`tested ${tested}`] : [])].join('; ') || undefined;
}

function dirRows(value: unknown): SummaryRow[] {
  const dir = object(value);
  if (!dir) return [];
  const treatment = object(dir['treatment']);
  const substances = Array.isArray(dir['substances'])
    ? (dir['substances'] as Data[])
        .map(
          (s) =>
            `${words(s['substance'])}${s['route'] ? ` (${String(s['route']).toLowerCase()})` : ''}${s['primary'] ? ', main' : ''}`,
        )
        .join('; ')
    : undefined;
  return rows([
    [
      'Version',
      dir['version'] === undefined
        ? undefined
        : `${String(dir['version'])}, held by ${String(dir['holder'])}`,
    ],
    ['Substances', substances || undefined],
    ['Treatment', words(treatment?.['status'])],
    ['Interventions', list(treatment?.['modalities'])],
    ['Treatment before custody', words(treatment?.['previousTreatment'])],
    ['Keyworker', contact(dir['keyworker'])],
    ['CJIT', object(dir['cjit'])?.['organisationId'] as string | undefined],
    ['Notes', typeof dir['notes'] === 'string' ? dir['notes'] : undefined],
  ]);
}

function rows(pairs: Array<[string, string | undefined]>): SummaryRow[] {
  return pairs.flatMap(([key, value]) => (value ? [{ key, value }] : []));
}

function leadFor(type: string, d: Data, who: string): string {
  const at = d['establishment'] ? ` from ${String(d['establishment'])}` : '';
  const date = longDate(d['releaseDate']);
  switch (type.replace(/^throughcare\.notice\./, '')) {
    case 'release.six-weeks':
      return `${who} is due for release${at} on ${date ?? 'a date not given'}, in six weeks.`;
    case 'release.two-days':
      return `${who} is due for release${at} on ${date ?? 'a date not given'}, in two days.`;
    case 'release.day-of-release':
      return `${who} is due for release${at} today, ${date ?? ''}.`.replace(', .', '.');
    case 'release.discharged':
      return `${who} left${at} at ${longDateTime(d['dischargedAt']) ?? 'a time not given'}.`;
    case 'release.rescheduled':
      return `The release of ${who}${at} has moved${d['previousReleaseDate'] ? ` from ${longDate(d['previousReleaseDate'])}` : ''} to ${date ?? 'a date not given'}.`;
    case 'release.cancelled':
      return `The planned release of ${who}${at} will not happen.`;
    case 'release.unplanned':
      return `${who} was released from ${String(d['court'] ?? 'court')} at ${longDateTime(d['releasedAt']) ?? 'a time not given'} without returning to prison.`;
    case 'release.unplanned-alert':
      return 'Someone was released from court into your area without returning to prison. The hub may not identify them: their consent or signed release plan is missing.';
    case 'release.no-recipient':
      return `No community organisation covers the release area of ${who}.`;
    case 'treatment-summary':
      return `Treatment summary for ${who}, due for release${at} on ${date ?? 'a date not given'}.`;
    case 'dir.handoff':
      return `The Drug Interventions Record of ${who}.`;
    case 'dir.record-requested':
      return `${who} was received into custody${at} and consented to share with you: the prison asks for your record of them.`;
    case 'bridging-script.requested':
      return `A bridging script is needed for ${who}.`;
    case 'bridging-script.issued':
      return `A bridging script was issued for ${who}.`;
    case 'consent.withdrawn':
      return `${who} withdrew consent${d['withdrawnAt'] ? ` on ${longDateTime(d['withdrawnAt'])}` : ''}: the hub sends you nothing more about them under it.`;
    default:
      return `${noticeName(type)} for ${who}.`;
  }
}

/** The view model of one notice: title, a lead sentence, and a summary list per topic. */
export function readableNotice(notice: NoticeBody): ReadableNotice {
  const d = notice.data ?? {};
  const who = notice.subject ?? 'A person';
  const release = rows([
    ['Prison number', notice.subject],
    ['Release date', longDate(d['releaseDate'])],
    ['Previous release date', longDate(d['previousReleaseDate'])],
    ['Prison', d['establishment'] as string | undefined],
    ['Release type', words(d['releaseType'])],
    ['On licence', yesNo(d['onLicence'])],
    ['Release area', d['releaseArea'] as string | undefined],
    ['Court', d['court'] as string | undefined],
    ['Released at', longDateTime(d['releasedAt'])],
    ['Why', words(d['reason'])],
    ['Discharged at', longDateTime(d['dischargedAt'])],
    ['Received into custody', longDateTime(d['receivedAt'])],
    [
      'Sent at short notice',
      d['shortNotice'] ? 'Yes: planned with less notice than this milestone' : undefined,
    ],
    [
      'Friday or before a bank holiday',
      d['fridayOrPreHoliday'] ? 'Yes: cover must reach the next working day' : undefined,
    ],
  ]);
  const plan = rows([
    ['Local treatment provider', providers(d['localTreatmentProvider'])],
    ['Prison contact', contact(d['prisonSpoc'])],
    ['How medicines continue', medicines(d['medicinesContinuation'])],
  ]);
  const clinicalDose = d['ostMedicine']
    ? `${words(d['ostMedicine'])}${typeof d['doseMg'] === 'number' ? `, ${d['doseMg']} mg` : ''}`
    : undefined;
  const treatment = rows([
    ['Engagement', words(d['engagementStatus'])],
    ['Interventions delivered', list(d['interventionsDelivered'])],
    ['Risk issues', freeText(d['riskIssues'])],
    ['Assessed future needs', freeText(d['futureNeeds'])],
    ['Treatment planned', freeText(d['treatmentPlanned'])],
    ['On OST', yesNo(d['onOst'])],
    ['Medicine and dose', clinicalDose],
    ['History of opiate use', yesNo(d['opiateHistory'])],
    ['Last dose in prison', longDateTime(d['lastPrisonDoseAt'])],
    ['Naloxone', naloxone(d['naloxone'])],
    ['Bridging script', bridgingScript(d['bridgingScript'])],
  ]);
  const transfer = rows([
    ['From', d['fromEstablishment'] as string | undefined],
    ['To', d['toEstablishment'] as string | undefined],
    ['Transferred at', longDateTime(d['transferredAt'])],
  ]);
  const alert = rows([
    ['Holding prison', d['holdingEstablishment'] as string | undefined],
    [
      'Urgent continuity need',
      d['urgentContinuityNeed'] === true
        ? 'Yes'
        : d['urgentContinuityNeed'] === false
          ? 'No'
          : d['urgentContinuityNeed'] === null
            ? 'Not known'
            : undefined,
    ],
  ]);
  const dir = dirRows(d['dir']);
  const bbvLine = bbv(d['bbvStatus']);
  const sections = [
    { heading: 'Release', rows: release },
    { heading: 'Release plan', rows: plan },
    { heading: 'Treatment', rows: treatment },
    {
      heading: 'Drug Interventions Record',
      rows: bbvLine ? [...dir, { key: 'Blood-borne viruses', value: bbvLine }] : dir,
    },
    { heading: 'Transfer', rows: transfer },
    { heading: 'Alert', rows: alert },
  ].filter((section) => section.rows.length > 0);
  const rule = d.disclosure?.rule;
  return {
    title: noticeName(notice.type),
    lead: leadFor(notice.type, d, who),
    sections,
    footnote: [
      `Sent ${longDateTime(notice.time) ?? notice.time}`,
      rule
        ? `under disclosure rule ${rule}, consent version ${d.disclosure?.consentVersion ?? 0}`
        : '',
      d['late'] === true ? 'late, once consent allowed it' : '',
      `webhook-id ${notice.id}`,
    ]
      .filter(Boolean)
      .join(', '),
  };
}
