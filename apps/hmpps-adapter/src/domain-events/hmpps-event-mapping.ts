import {
  ESTABLISHMENT_PATTERN,
  PRISON_NUMBER_PATTERN,
  validatePayload,
  type FieldError,
} from '@throughcare/contracts';

import { HmppsDomainEventDto } from './hmpps-domain-event.dto';

// Wire names of the HMPPS event types we read (docs/hmpps-adapter.md, HMPPS-1): the delayed,
// reversal-free NOMIS stream and the immediate Prisoner Search stream.
export const HmppsEventTypes = {
  Received: 'prison-offender-events.prisoner.received',
  Released: 'prison-offender-events.prisoner.released',
  SentenceDatesChanged: 'prison-offender-events.prisoner.sentence-dates-changed',
  SearchReceived: 'prisoner-offender-search.prisoner.received',
  SearchReleased: 'prisoner-offender-search.prisoner.released',
  SearchUpdated: 'prisoner-offender-search.prisoner.updated',
} as const;

/** `delayed`: prison-offender-events (about 45 minutes late, reversals suppressed); `immediate`: Prisoner Search. */
export type HmppsStream = 'delayed' | 'immediate';

interface Movement {
  prisonNumber: string;
  /** The prison the event names (`additionalInformation.prisonId`). */
  establishment: string;
  /** UTC, millisecond precision: the hub's instant format. */
  occurredAt: string;
  stream: HmppsStream;
}

/** What one HMPPS event means to the hub (HMPPS-2). */
export type HubAction =
  | ({ kind: 'reception' } & Movement)
  | ({ kind: 'transfer-out' } & Movement)
  | ({ kind: 'transfer-in' } & Movement)
  | ({ kind: 'discharge' } & Movement)
  | ({ kind: 'court-candidate' } & Movement)
  | ({ kind: 'court-return' } & Movement)
  | ({ kind: 'hospital-release' } & Movement)
  | ({ kind: 'temporary-absence' } & Movement)
  | { kind: 'release-dates-changed'; prisonNumber: string; occurredAt: string; stream: HmppsStream }
  | { kind: 'not-relevant'; prisonNumber: string; occurredAt: string }
  | { kind: 'unknown'; eventType: string; reason?: string; why: string };

export type HubActionKind = HubAction['kind'];

export type MappingResult =
  { ok: true; event: HmppsDomainEventDto; action: HubAction } | { ok: false; errors: FieldError[] };

type MovementKind = Exclude<HubActionKind, 'release-dates-changed' | 'not-relevant' | 'unknown'>;

// prison-offender-events and Prisoner Search use the same reasons (HMPPS-2). A reason absent
// from a table is kept and counted, never guessed (HMPPS-3).
const RECEIVED_REASONS: Readonly<Record<string, MovementKind>> = {
  ADMISSION: 'reception',
  // Re-admission on an existing booking: received back after a release, which is how Prisoner
  // Search shows a reversed release. A reception, so it retracts a provisional release
  // (HMPPS-10) and is otherwise handled as an admission (HMPPS-3).
  READMISSION: 'reception',
  TRANSFERRED: 'transfer-in',
  RETURN_FROM_COURT: 'court-return',
  TEMPORARY_ABSENCE_RETURN: 'temporary-absence',
};

const RELEASED_REASONS: Readonly<Record<string, MovementKind>> = {
  RELEASED: 'discharge',
  TRANSFERRED: 'transfer-out',
  SENT_TO_COURT: 'court-candidate',
  TEMPORARY_ABSENCE_RELEASE: 'temporary-absence',
  RELEASED_TO_HOSPITAL: 'hospital-release',
};

const MOVEMENT_TABLES: Readonly<
  Record<string, { reasons: Readonly<Record<string, MovementKind>>; stream: HmppsStream }>
> = {
  [HmppsEventTypes.Received]: { reasons: RECEIVED_REASONS, stream: 'delayed' },
  [HmppsEventTypes.Released]: { reasons: RELEASED_REASONS, stream: 'delayed' },
  [HmppsEventTypes.SearchReceived]: { reasons: RECEIVED_REASONS, stream: 'immediate' },
  [HmppsEventTypes.SearchReleased]: { reasons: RELEASED_REASONS, stream: 'immediate' },
};

// Prisoner Search's categoriesChanged value for a sentence (release-date) change.
const SENTENCE_CATEGORY = 'SENTENCE';

/**
 * Validates an HMPPS domain event (the `Message` of an SNS notification, or a bridged Kafka
 * value) and maps it to the hub's action. Pure: no clock, no I/O; the same input always maps
 * to the same action.
 */
export function mapHmppsEvent(input: unknown): MappingResult {
  const validated = validatePayload(HmppsDomainEventDto, input, { allowUnknownFields: true });
  if (!validated.ok) return validated;
  const event = validated.value;
  const occurredAt = normaliseInstant(event.occurredAt);
  if (!occurredAt) return fieldError('occurredAt', 'must be a real instant');
  const prisonNumber = prisonNumberOf(event);
  if (typeof prisonNumber !== 'string') return { ok: false, errors: [prisonNumber] };
  return { ok: true, event, action: actionFor(event, prisonNumber, occurredAt) };
}

function actionFor(
  event: HmppsDomainEventDto,
  prisonNumber: string,
  occurredAt: string,
): HubAction {
  const { eventType } = event;
  const movements = MOVEMENT_TABLES[eventType];
  if (movements) return movementAction(event, movements, prisonNumber, occurredAt);
  if (eventType === HmppsEventTypes.SentenceDatesChanged)
    return { kind: 'release-dates-changed', prisonNumber, occurredAt, stream: 'delayed' };
  if (eventType === HmppsEventTypes.SearchUpdated) {
    const categories = event.additionalInformation?.categoriesChanged ?? [];
    // Only a sentence change moves a release date; location, alerts and the rest do not.
    if (categories.includes(SENTENCE_CATEGORY))
      return { kind: 'release-dates-changed', prisonNumber, occurredAt, stream: 'immediate' };
    return { kind: 'not-relevant', prisonNumber, occurredAt };
  }
  const reason = event.additionalInformation?.reason;
  return { kind: 'unknown', eventType, reason, why: 'event type not read by the adapter' };
}

function movementAction(
  event: HmppsDomainEventDto,
  table: { reasons: Readonly<Record<string, MovementKind>>; stream: HmppsStream },
  prisonNumber: string,
  occurredAt: string,
): HubAction {
  const reason = event.additionalInformation?.reason;
  const kind = reason === undefined ? undefined : table.reasons[reason];
  if (!kind)
    return { kind: 'unknown', eventType: event.eventType, reason, why: 'reason not mapped' };
  const establishment = event.additionalInformation?.prisonId;
  if (!establishment || !ESTABLISHMENT_PATTERN.test(establishment))
    return {
      kind: 'unknown',
      eventType: event.eventType,
      reason,
      why: 'prisonId is not a 3-letter prison code',
    };
  return { kind, prisonNumber, establishment, occurredAt, stream: table.stream };
}

/** The NOMS number from additionalInformation or personReference; both present must agree. */
function prisonNumberOf(event: HmppsDomainEventDto): string | FieldError {
  const fromInformation = event.additionalInformation?.nomsNumber;
  const fromReference = event.personReference?.identifiers?.find(
    (identifier) => identifier.type === 'NOMS',
  )?.value;
  if (fromInformation && fromReference && fromInformation !== fromReference)
    return { field: 'personReference', messages: ['NOMS identifier differs from nomsNumber'] };
  const prisonNumber = fromInformation ?? fromReference;
  if (!prisonNumber)
    return { field: 'additionalInformation.nomsNumber', messages: ['a NOMS number is required'] };
  if (!PRISON_NUMBER_PATTERN.test(prisonNumber))
    return { field: 'additionalInformation.nomsNumber', messages: ['must look like A1234BC'] };
  return prisonNumber;
}

/**
 * HMPPS instants carry an offset and up to nanoseconds; the hub's are UTC milliseconds. The
 * fraction is truncated (never rounded up into the next second).
 */
export function normaliseInstant(value: string): string | undefined {
  // Date.parse rolls 30 February over into March; a day past its month's end is refused.
  const [year, month, day] = value.slice(0, 10).split('-').map(Number);
  if (!year || !month || !day || day > new Date(Date.UTC(year, month, 0)).getUTCDate())
    return undefined;
  const truncated = value.replace(/\.(\d{1,3})\d*/, (_match, digits: string) => `.${digits}`);
  const epochMs = Date.parse(truncated);
  return Number.isNaN(epochMs) ? undefined : new Date(epochMs).toISOString();
}

function fieldError(field: string, message: string): MappingResult {
  return { ok: false, errors: [{ field, messages: [message] }] };
}
