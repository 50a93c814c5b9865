import { CLINICAL_FIELDS } from './disclosure-fields';

/**
 * How each field name that can travel on a hub topic is protected between services and at rest
 * outside the service that owns it (docs/security/data-protection.md). The name decides at any
 * depth, so a field is protected wherever a contract nests it.
 *
 * - clinical: special-category health data (UK GDPR art. 9) or free text that may state it:
 *   treatment, medication and dose, substance use, the DIR, naloxone, bridging scripts, risk
 *   issues and future needs (DIR free text, which can state a BBV status).
 * - identifying: names a person, prisoner or member of staff, or reaches them (name, e-mail,
 *   phone, date of birth, a prescriber's registration, who recorded or authorised something).
 * - reference: ids, codes, instants, flags and counts that say nothing about health or who a
 *   person is; they travel in clear because routing, ordering and deduplication need them. The
 *   prisonNumber is one: the partition key and the CloudEvent subject.
 *
 * Clinical and identifying fields are sealed on every topic and dead-letter queue, and so is any
 * field not listed here. Every field of every contract is listed (a spec walks the contract
 * schemas), so a new field cannot ship without someone deciding how it travels.
 */
export type WireFieldProtection = 'clinical' | 'identifying' | 'reference';

/** Wire names beyond the notice fields of FIELD_CLASSES, by what they hold. */
const CLINICAL_WIRE_FIELDS = [
  // Release and reception payloads (docs/hub-interface.md §3): the whole clinical block is sealed.
  'clinical',
  'substanceMisuse',
  'opiateUse',
  'alcohol',
  // Person record and continuity record: DIR, OST plan, naloxone and bridging script, whole.
  'ostPlan',
  'plan',
  // What the reception said (OST, opiate use), and the treatment provider that knows the person.
  'atReception',
  'communityProviderId',
  'outcome',
  'issued',
  'bridgingRequest',
  'substances',
  'substance',
  'route',
  'primary',
  'treatment',
  'modalities',
  'previousTreatment',
  'notes',
  'riskIssues',
  'futureNeeds',
  'interventionsDelivered',
  'engagementStatus',
  'medicinesContinuation',
  'healthcareSectionCompletedAt',
  // Healthcare's blood-borne virus status (DIS-17), whole and field by field.
  'bbvStatus',
  'hiv',
  'hepatitisB',
  'hepatitisC',
  'testedAt',
  'caratSectionCompletedAt',
  'arrangement',
  'communityAppointment',
  'communityAppointmentAt',
  'reassessmentPlannedFor',
  'trainingGiven',
  'form',
  'coverFrom',
  'coverUntil',
  // Free text beside a clinical decision (why no OST plan, why naloxone was declined).
  'reason',
  // What a recipient did about a notice (a script dispensed, a naloxone kit given), and when.
  'action',
  'kind',
] as const;

const IDENTIFYING_WIRE_FIELDS = [
  'name',
  'firstName',
  'lastName',
  'fullName',
  'givenName',
  'familyName',
  'dateOfBirth',
  'email',
  'phone',
  'address',
  'postcode',
  'nhsNumber',
  'offenderManager',
  'keyworker',
  'prescriber',
  'pharmacy',
  'spoc',
  'secondContact',
  'registrationNumber',
  'recordedBy',
  'authorisedBy',
  'requestedBy',
] as const;

/** Reviewed and carried in clear: ids, codes, instants, flags, counts, routing. */
const REFERENCE_WIRE_FIELDS = [
  // CloudEvents envelope and the hub's extension attributes.
  'specversion',
  'id',
  'source',
  'type',
  'subject',
  'time',
  'datacontenttype',
  'correlationid',
  'data',
  'episodeid',
  'custodychange',
  'previousreleasedate',
  'occurredat',
  'consentversion',
  'acknowledgementId',
  'acknowledgedAt',
  // Identifiers and versions.
  'eventId',
  // The provisional release a retraction withdraws (REL-09).
  'retractedEventId',
  // Who reported an intake event for a prison (`source`): the system, e.g. HMPPS, and its id.
  'system',
  'prisonNumber',
  'episodeId',
  'noticeId',
  'deliveryId',
  'decisionId',
  'dirId',
  'requestId',
  'overrideId',
  'riskOverrideId',
  'subscriptionId',
  'organisationId',
  'recordedByOrganisation',
  'version',
  'revision',
  'consentVersion',
  // Where and when: custody logistics, no treatment information.
  'establishment',
  'establishments',
  'fromEstablishment',
  'toEstablishment',
  'holdingEstablishment',
  'holder',
  'episode',
  'custodyEpisode',
  'court',
  'receptionType',
  'releaseType',
  'releaseKind',
  'releaseDate',
  'previousReleaseDate',
  'releaseArea',
  'localAuthorityCode',
  'localAuthorityCodes',
  'supervision',
  'onLicence',
  'receivedAt',
  'transferredAt',
  'dischargedAt',
  'releasedAt',
  'occurredAt',
  'recordedAt',
  'acceptedAt',
  'updatedAt',
  'openedAt',
  'issuedAt',
  'dueAt',
  'at',
  'expiresAt',
  'milestone',
  'shortNotice',
  'fridayOrPreHoliday',
  'late',
  // A release reported before it is certain (REL-09): a flag, no treatment information.
  'provisional',
  'urgent',
  'status',
  'cause',
  'release',
  'continuity',
  'communityProvider',
  'cjitCaseload',
  'cjit',
  // Consent flags and risk-override facts that decide a disclosure (never the reason).
  'communityTreatment',
  'probation',
  'ndtms',
  'releasePlanSigned',
  'ground',
  'scope',
  'consentSoughtFirst',
  'personInformed',
  // The disclosure audit names fields and rules, never values.
  'noticeType',
  'recipientRole',
  'decision',
  'rule',
  'citation',
  'fields',
  'decidedAt',
  // Deliveries, subscriptions and the directory (the signing secret is sealed on its own).
  'channel',
  'createdAt',
  'nextAttemptAt',
  'deliveredAt',
  'replays',
  'attempts',
  'attemptNumber',
  'startedAt',
  'statusCode',
  'latencyMs',
  'error',
  'requestedAt',
  'url',
  'types',
  'encryptedSecret',
  'previousSecretValidUntil',
  'enabledAt',
  'failingSince',
  'disabledAt',
  'paused',
  'role',
  // Query parameters (HTTP only).
  'from',
  'to',
  'cursor',
  'limit',
] as const;

function classify(
  names: readonly string[],
  protection: WireFieldProtection,
): [string, WireFieldProtection][] {
  return names.map((name) => [name, protection]);
}

/** Every wire field name and how it travels. The notice fields' clinical class carries over. */
export const WIRE_FIELD_PROTECTION: Readonly<Record<string, WireFieldProtection>> =
  Object.fromEntries([
    ...classify(REFERENCE_WIRE_FIELDS, 'reference'),
    ...classify(CLINICAL_FIELDS, 'clinical'),
    ...classify(CLINICAL_WIRE_FIELDS, 'clinical'),
    ...classify(IDENTIFYING_WIRE_FIELDS, 'identifying'),
  ]);

/**
 * Whether a field with this name is sealed wherever it travels: clinical, identifying, or not
 * classified at all (fail closed: an unreviewed field is never carried in clear).
 */
export function isProtectedWireField(name: string): boolean {
  return !Object.hasOwn(WIRE_FIELD_PROTECTION, name) || WIRE_FIELD_PROTECTION[name] !== 'reference';
}

/** The names classified clinical or identifying (log redaction lists them; docs/security/data-protection.md). */
export const PROTECTED_WIRE_FIELD_NAMES: readonly string[] = Object.keys(
  WIRE_FIELD_PROTECTION,
).filter((name) => WIRE_FIELD_PROTECTION[name] !== 'reference');
