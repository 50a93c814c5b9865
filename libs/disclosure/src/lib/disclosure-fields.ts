/**
 * Every field a notice can carry, with the class that decides who may see it. The disclosure
 * rules speak in these names; a field not listed here can never be sent.
 *
 * - identity: the person's id (a notice's CloudEvent `subject`).
 * - logistics: where and when the release happens; no treatment information.
 * - plan: the release plan's essentials (REL-01).
 * - engagement: the offender manager's without-consent set (DIS-07).
 * - clinical: treatment, medication, the DIR: consent or a risk override only.
 * - bbv: healthcare's blood-borne virus status: only with the DIR, under consent and a signed
 *   plan, and to the receiving prison; never to the OM, never under a risk override (DIS-17).
 * - transfer: the move between prisons (DIS-11).
 * - alert: the non-identifying unplanned-release alert (docs/hub-interface.md §4).
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
  /** When a reception took place: the CJIT record request (DIS-16). */
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
  dir: 'clinical',

  bbvStatus: 'bbv',

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
  'bbv',
  'transfer',
).filter((field) => !['releaseArea', 'prisonSpoc'].includes(field));
