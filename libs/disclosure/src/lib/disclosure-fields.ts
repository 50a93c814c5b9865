/**
 * Every field a notice can carry, with the class that decides who may see it. The disclosure
 * rules speak in these names; a field not listed here can never be sent.
 *
 * - identity: the person's id (a notice's CloudEvent `subject`).
 * - logistics: where and when the release happens; no treatment information.
 * - plan: the release plan's essentials (seeds/002_1eed16caf82e2044.txt:655).
 * - engagement: the offender manager's without-consent set (seeds/004_4d2725de1c348b75.txt:540-551).
 * - clinical: treatment, medication, BBV status, the DIR: consent or a risk override only.
 * - transfer: the move between prisons (seeds/004_4d2725de1c348b75.txt:46).
 * - alert: the non-identifying unplanned-release alert (contract.md §4).
 * - withdrawal: the consent.withdrawn notice, which carries nothing beyond the person's id.
 */
export const FIELD_CLASSES = {
  prisonNumber: 'identity',

  releaseDate: 'logistics',
  establishment: 'logistics',
  releaseType: 'logistics',
  onLicence: 'logistics',
  releaseArea: 'logistics',
  milestone: 'logistics',
  shortNotice: 'logistics',
  fridayOrPreHoliday: 'logistics',
  previousReleaseDate: 'logistics',
  dischargedAt: 'logistics',
  court: 'logistics',
  releasedAt: 'logistics',
  reason: 'logistics',
  /** When a reception took place: the CJIT record request (seeds/003_f42733e749d9adef.txt:589). */
  receivedAt: 'logistics',

  localTreatmentProvider: 'plan',
  prisonSpoc: 'plan',
  medicinesContinuation: 'plan',

  engagementStatus: 'engagement',
  interventionsDelivered: 'engagement',
  riskIssues: 'engagement',
  futureNeeds: 'engagement',

  treatmentPlanned: 'clinical',
  onOst: 'clinical',
  ostMedicine: 'clinical',
  doseMg: 'clinical',
  opiateHistory: 'clinical',
  lastPrisonDoseAt: 'clinical',
  naloxone: 'clinical',
  bridgingScript: 'clinical',
  bbvStatus: 'clinical',
  dir: 'clinical',

  fromEstablishment: 'transfer',
  toEstablishment: 'transfer',
  transferredAt: 'transfer',

  holdingEstablishment: 'alert',
  urgentContinuityNeed: 'alert',

  withdrawnAt: 'withdrawal',
} as const;

export type FieldName = keyof typeof FIELD_CLASSES;
export type FieldClass = (typeof FIELD_CLASSES)[FieldName];

/** Everything the hub knows that a notice could draw on; absent fields are simply not sent. */
export type DisclosureRecord = { prisonNumber: string } & { [K in FieldName]?: unknown };

export const ALL_FIELDS = Object.keys(FIELD_CLASSES) as FieldName[];

export function fieldsOfClass(...classes: FieldClass[]): FieldName[] {
  return ALL_FIELDS.filter((field) => classes.includes(FIELD_CLASSES[field]));
}

/** Fields that say something about a person's treatment or health. */
export const CLINICAL_FIELDS: readonly FieldName[] = fieldsOfClass('clinical');

/**
 * Fields that, with or without the prisonNumber, point at one person: a notice carrying any of
 * them is identifying. The alert fields are deliberately not here.
 */
export const IDENTIFYING_FIELDS: readonly FieldName[] = fieldsOfClass(
  'identity',
  'logistics',
  'plan',
  'engagement',
  'clinical',
  'transfer',
).filter((field) => !['releaseArea', 'prisonSpoc'].includes(field));
