import { randomUUID } from 'node:crypto';

import { DateTime } from 'luxon';

import type { StaffIdentity } from '../accounts/staff-account';
import type { FieldProblem } from '../hub-api/hub-api.client';

export interface FormErrors {
  form: string;
  title: string;
  fields: FieldProblem[];
}

/** Who recorded a write: the signed-in account, as the API keeps it (CSL-5). */
export function recordedBy(identity: StaffIdentity): string {
  return `${identity.displayName} (${identity.username}, console)`.slice(0, 100);
}

type Form = Record<string, unknown>;

function text(form: Form, name: string): string | undefined {
  const value = form[name];
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

/**
 * "2026-12-20 10:30" as London wall time, to the instant the API wants; anything else is passed
 * on as typed, so the API's own validation names the field (shown beside it).
 */
export function londonInstant(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const parsed = DateTime.fromFormat(value.replace('T', ' '), 'yyyy-MM-dd HH:mm', {
    zone: 'Europe/London',
  });
  return parsed.isValid ? (parsed.toUTC().toISO() ?? value) : value;
}

/**
 * The naloxone form as the API's NaloxoneOutcomeV1: radios and a checkbox, so an empty form is
 * sent as it is and the API's own validation names the fields (shown beside them).
 */
export function naloxoneBody(form: Form, identity: StaffIdentity, now: Date): Form {
  const outcome = text(form, 'outcome');
  const reason = text(form, 'reason');
  return {
    ...(outcome ? { outcome } : {}),
    ...(outcome === 'ISSUED' ? { trainingGiven: form['trainingGiven'] === 'yes' } : {}),
    ...(reason && outcome === 'NOT_ELIGIBLE' ? { reason } : {}),
    recordedAt: now.toISOString(),
    recordedBy: recordedBy(identity),
  };
}

export const CONSENT_FIELDS = [
  'communityTreatment',
  'cjit',
  'probation',
  'ndtms',
  'releasePlanSigned',
] as const;

/** The whole consent state as ticked: an unticked box is a `false` (a withdrawal, CON-02). */
export function consentBody(form: Form, identity: StaffIdentity, now: Date): Form {
  const ticked = new Set(([] as unknown[]).concat(form['consent'] ?? []).map(String));
  return {
    ...Object.fromEntries(CONSENT_FIELDS.map((field) => [field, ticked.has(field)])),
    recordedAt: now.toISOString(),
    recordedBy: recordedBy(identity),
  };
}

/** The OST plan (OST-01 to OST-04): only the fields its arrangement uses are sent. */
export function ostPlanBody(form: Form, identity: StaffIdentity, now: Date): Form {
  const arrangement = text(form, 'arrangement');
  const at = londonInstant(text(form, 'appointmentAt'));
  const organisationId = text(form, 'appointmentOrganisationId');
  const appointment =
    arrangement !== 'NONE' && (at || organisationId)
      ? {
          communityAppointment: {
            ...(at ? { at } : {}),
            ...(organisationId ? { organisationId } : {}),
          },
        }
      : {};
  const none =
    arrangement === 'NONE'
      ? {
          ...(text(form, 'reason') ? { reason: text(form, 'reason') } : {}),
          ...(text(form, 'reassessmentPlannedFor')
            ? { reassessmentPlannedFor: londonInstant(text(form, 'reassessmentPlannedFor')) }
            : {}),
        }
      : {};
  const lastDose = londonInstant(text(form, 'lastPrisonDoseAt'));
  return {
    ...(arrangement ? { arrangement } : {}),
    ...appointment,
    ...none,
    ...(lastDose ? { lastPrisonDoseAt: lastDose } : {}),
    recordedAt: now.toISOString(),
    recordedBy: recordedBy(identity),
  };
}

/** Where a form's write is about: the person, and the establishment that records it. */
export interface FormContext {
  prisonNumber: string;
  /** The first of the person's establishments the signed-in person acts for. */
  establishment: string;
  /** The custody episode of the person's latest reception, for the DIR. */
  custodyEpisode?: CustodyEpisodeRef;
}

/**
 * A release from court (docs/hub-interface.md §3, REL-05, OST-06), recorded by the holding prison
 * the signed-in person works at; the hub then sends the unplanned notice and, for someone on OST,
 * opens an urgent bridging request.
 */
export function courtReleaseBody(
  form: Form,
  _identity: StaffIdentity,
  _now: Date,
  context: FormContext,
): Form {
  const area = text(form, 'localAuthorityCode');
  return {
    eventId: randomUUID(),
    prisonNumber: context.prisonNumber,
    holdingEstablishment: context.establishment,
    ...(text(form, 'court') ? { court: text(form, 'court') } : {}),
    ...(text(form, 'releasedAt') ? { releasedAt: londonInstant(text(form, 'releasedAt')) } : {}),
    ...(text(form, 'reason') ? { reason: text(form, 'reason') } : {}),
    ...(area ? { releaseArea: { localAuthorityCode: area } } : {}),
  };
}

/** The id of a form's field on the page: `ost-communityAppointment-at` for that API field. */
export function fieldId(form: string, field: string): string {
  return `${form}-${field.replace(/[^A-Za-z0-9]+/g, '-')}`;
}

/** GOV.UK error summary items: each links to its field. */
export function errorSummary(errors: FormErrors): Array<{ text: string; href: string }> {
  if (errors.fields.length === 0) return [{ text: errors.title, href: `#${errors.form}` }];
  return errors.fields.map((f) => ({ text: f.detail, href: `#${fieldId(errors.form, f.field)}` }));
}

/** The message beside each field, by the field's id. */
export function fieldErrors(errors: FormErrors | undefined): Record<string, string> {
  if (!errors) return {};
  return Object.fromEntries(errors.fields.map((f) => [fieldId(errors.form, f.field), f.detail]));
}

/** A custody episode as the DIR names it: the reception that opened it (DIR-01). */
export interface CustodyEpisodeRef {
  receivedAt: string;
  establishment: string;
}

/** A textarea's lines as a list, blank lines dropped: risk issues, future needs, ... */
function lines(form: Form, name: string): string[] {
  return (text(form, name) ?? '')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
}

/** Checkbox values, one or many, as a list. */
function ticked(form: Form, name: string): string[] {
  return ([] as unknown[]).concat(form[name] ?? []).map(String);
}

/**
 * The Drug Interventions Record (DIR-01 to DIR-04): for the custody episode the person's latest
 * reception opened, written by the establishment the signed-in person works at. The blood-borne
 * virus status goes only with the DIR (DIS-17). Fields left empty are not sent, so the API's own
 * validation names what is missing beside the field.
 */
export function dirBody(
  form: Form,
  identity: StaffIdentity,
  now: Date,
  context: FormContext,
): Form {
  const primary = text(form, 'primarySubstance');
  const primaryRoute = text(form, 'primaryRoute');
  const others = ticked(form, 'otherSubstances').filter((s) => s !== primary);
  const substances = [
    ...(primary
      ? [{ substance: primary, primary: true, ...(primaryRoute ? { route: primaryRoute } : {}) }]
      : []),
    ...others.map((substance) => ({ substance, primary: false })),
  ];
  const status = text(form, 'treatmentStatus');
  const previousTreatment = text(form, 'previousTreatment');
  const bbv = Object.fromEntries(
    (['hiv', 'hepatitisB', 'hepatitisC'] as const).flatMap((virus) =>
      text(form, virus) ? [[virus, text(form, virus)]] : [],
    ),
  );
  const testedAt = londonInstant(text(form, 'bbvTestedAt'));
  const keyworker = text(form, 'keyworkerName');
  const cjit = text(form, 'cjitOrganisationId');
  const sections = ticked(form, 'sectionsCompleted');
  const notes = text(form, 'notes');
  return {
    ...(context.custodyEpisode ? { custodyEpisode: context.custodyEpisode } : {}),
    establishment: context.establishment,
    substances,
    treatment: {
      ...(status ? { status } : {}),
      modalities: ticked(form, 'modalities'),
      ...(previousTreatment ? { previousTreatment } : {}),
    },
    ...(Object.keys(bbv).length > 0 || testedAt
      ? { bbvStatus: { ...bbv, ...(testedAt ? { testedAt } : {}) } }
      : {}),
    ...(sections.includes('healthcare') ? { healthcareSectionCompletedAt: now.toISOString() } : {}),
    ...(sections.includes('carat') ? { caratSectionCompletedAt: now.toISOString() } : {}),
    ...(keyworker ? { keyworker: { name: keyworker } } : {}),
    ...(cjit ? { cjit: { organisationId: cjit } } : {}),
    riskIssues: lines(form, 'riskIssues'),
    futureNeeds: lines(form, 'futureNeeds'),
    treatmentPlanned: lines(form, 'treatmentPlanned'),
    ...(notes ? { notes } : {}),
    recordedAt: now.toISOString(),
    recordedBy: recordedBy(identity),
  };
}

/** Moved to another prison (TRF-01), from the establishment the signed-in person works at. */
export function transferBody(
  form: Form,
  _identity: StaffIdentity,
  _now: Date,
  context: FormContext,
): Form {
  const to = text(form, 'toEstablishment');
  const at = londonInstant(text(form, 'transferredAt'));
  return {
    eventId: randomUUID(),
    prisonNumber: context.prisonNumber,
    fromEstablishment: context.establishment,
    ...(to ? { toEstablishment: to.toUpperCase() } : {}),
    ...(at ? { transferredAt: at } : {}),
  };
}

/** "yes" / "no" radios as a boolean; unanswered is left out for the API to name. */
function yesNo(form: Form, name: string): { [key: string]: boolean } {
  const value = text(form, name);
  return value === 'yes' ? { [name]: true } : value === 'no' ? { [name]: false } : {};
}

/**
 * A planned release, or a new date for one (REL-06): the date, type, licence, area and what the
 * releasing prison knows clinically (OST-01, NAL-03).
 */
export function releaseBody(
  form: Form,
  _identity: StaffIdentity,
  _now: Date,
  context: FormContext,
): Form {
  const releaseDate = text(form, 'releaseDate');
  const releaseType = text(form, 'releaseType');
  const area = text(form, 'localAuthorityCode');
  const medicine = text(form, 'ostMedicine');
  const dose = text(form, 'doseMg');
  const onOst = yesNo(form, 'onOst');
  return {
    eventId: randomUUID(),
    prisonNumber: context.prisonNumber,
    establishment: context.establishment,
    ...(releaseDate ? { releaseDate } : {}),
    ...(releaseType ? { releaseType } : {}),
    supervision: yesNo(form, 'onLicence'),
    ...(area ? { releaseArea: { localAuthorityCode: area.toUpperCase() } } : {}),
    clinical: {
      ...onOst,
      ...(onOst['onOst'] && medicine ? { ostMedicine: medicine } : {}),
      ...(onOst['onOst'] && dose
        ? { doseMg: Number.isNaN(Number(dose)) ? dose : Number(dose) }
        : {}),
      ...yesNo(form, 'opiateHistory'),
    },
  };
}

/** The planned release will not happen (REL-07): the hub stands down the notices not yet sent. */
export function releaseCancelledBody(
  form: Form,
  _identity: StaffIdentity,
  _now: Date,
  context: FormContext,
): Form {
  const reason = text(form, 'reason');
  return {
    eventId: randomUUID(),
    prisonNumber: context.prisonNumber,
    establishment: context.establishment,
    ...(reason ? { reason } : {}),
  };
}

/** The person left the gate: the hub sends the discharged notice. */
export function dischargeBody(
  form: Form,
  _identity: StaffIdentity,
  _now: Date,
  context: FormContext,
): Form {
  const at = londonInstant(text(form, 'dischargedAt'));
  return {
    eventId: randomUUID(),
    prisonNumber: context.prisonNumber,
    establishment: context.establishment,
    ...(at ? { dischargedAt: at } : {}),
  };
}

/**
 * The custody episode a DIR is for: the person's latest reception on the timeline (its `at` is
 * the `receivedAt`, its summary "... at LEI (via ...)" the establishment). Undefined when the hub
 * holds no reception, and the API then names `custodyEpisode` as missing.
 */
export function latestCustodyEpisode(
  entries: Array<{ at: string; kind: string; type: string; summary: string }>,
): CustodyEpisodeRef | undefined {
  const receptions = entries
    .filter((e) => e.kind === 'event' && e.type === 'throughcare.reception.received')
    .sort((a, b) => a.at.localeCompare(b.at));
  const latest = receptions[receptions.length - 1];
  const establishment = latest ? / at ([A-Z]{3})\b/.exec(latest.summary)?.[1] : undefined;
  return latest && establishment ? { receivedAt: latest.at, establishment } : undefined;
}
