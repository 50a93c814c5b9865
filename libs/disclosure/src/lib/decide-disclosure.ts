import { activeOverride, consents, type ConsentState, type RiskOverride } from './consent-state';
import type { DisclosureRecord, FieldName } from './disclosure-fields';
import { FIELDS_OF_KIND, RULES, type DisclosureRule } from './disclosure-rules';
import { RECIPIENTS_OF_KIND, type NoticeKind } from './notice-kind';
import { CONSENT_SCOPE_OF_ROLE, isCommunityRole, type RecipientRole } from './recipient-role';

export interface DisclosureQuestion {
  kind: NoticeKind;
  role: RecipientRole;
  /** The consent on record now (null: none ever recorded). */
  consent: ConsentState | null;
  overrides: readonly RiskOverride[];
  /** The moment of sending: overrides are judged in force or expired at this instant. */
  at: Date;
}

/**
 * SEND: an identifying notice of exactly these fields. ALERT: a notice without the person's id
 * (the unplanned-release alert). WITHHOLD: nothing at all.
 */
export type DisclosureOutcome = 'SEND' | 'ALERT' | 'WITHHOLD';

export interface DisclosureDecision {
  outcome: DisclosureOutcome;
  rule: string;
  citation: string;
  /** The names of the fields sent, in catalogue order; empty when withheld. */
  fieldNames: FieldName[];
  /** The values sent; never contains a field outside `fieldNames`. */
  fields: Partial<Record<FieldName, unknown>>;
  /** What the decision rested on, for the audit. */
  consentVersion: number | null;
  riskOverrideId: string | null;
}

interface Basis {
  rule: DisclosureRule;
  outcome: DisclosureOutcome;
  override?: RiskOverride;
}

/**
 * What a recipient may be told, decided from the consent on record at the moment of sending
 * (DIS-01). Pure: the same question always gets the same answer.
 */
export function decideDisclosure(
  question: DisclosureQuestion,
  record: DisclosureRecord,
): DisclosureDecision {
  const basis = basisFor(question);
  const allowed = allowedFields(question.kind, basis);
  const fieldNames = allowed.filter((field) => record[field] !== undefined);
  const fields = Object.fromEntries(fieldNames.map((field) => [field, record[field]]));
  // A rule that allowed nothing of what the record holds sends nothing.
  const outcome = fieldNames.length === 0 ? 'WITHHOLD' : basis.outcome;
  return {
    outcome,
    rule: basis.rule.id,
    citation: basis.rule.citation,
    fieldNames: outcome === 'WITHHOLD' ? [] : fieldNames,
    fields: outcome === 'WITHHOLD' ? {} : fields,
    consentVersion: question.consent?.version ?? null,
    riskOverrideId: basis.override?.overrideId ?? null,
  };
}

/** The field names a recipient may receive for a kind of notice, whatever the record holds. */
export function allowedFieldsFor(question: DisclosureQuestion): FieldName[] {
  return allowedFields(question.kind, basisFor(question));
}

function allowedFields(kind: NoticeKind, basis: Basis): FieldName[] {
  const ofKind = FIELDS_OF_KIND[kind];
  return basis.outcome === 'WITHHOLD'
    ? []
    : ofKind.filter((field) => basis.rule.allows.includes(field));
}

function basisFor(question: DisclosureQuestion): Basis {
  const { kind, role } = question;
  if (!RECIPIENTS_OF_KIND[kind].includes(role))
    return { rule: RULES.notARecipient, outcome: 'WITHHOLD' };
  if (kind === 'CONSENT_WITHDRAWN') return send(RULES.consentWithdrawnNotice);
  if (kind === 'CJIT_RECORD_REQUEST') return cjitRecordRequestBasis(question);
  switch (role) {
    case 'RECEIVING_PRISON':
      return send(RULES.transferCaseFile);
    case 'RELEASING_PRISON':
      return send(
        kind === 'RELEASE' || kind === 'RELEASE_CHANGED'
          ? RULES.noRecipientAlert
          : RULES.prisonDirectCare,
      );
    case 'OFFENDER_MANAGER':
      return offenderManagerBasis(question);
    case 'COMMUNITY_PROVIDER':
    case 'CJIT':
      return communityBasis(question);
  }
}

/** The OM: consented treatment information, else a risk override, else the closed restricted set. */
function offenderManagerBasis({ consent, overrides, at }: DisclosureQuestion): Basis {
  const override = activeOverride(overrides, 'probation', at);
  if (!consents(consent, 'probation'))
    return override ? { ...send(RULES.omRiskOverride), override } : send(RULES.omRestricted);
  const consented = consent?.releasePlanSigned
    ? RULES.omConsentedSignedPlan
    : RULES.omConsentedPlanUnsigned;
  // Consent and an override together allow what either allows: withdrawing consent must never
  // widen what the OM sees.
  return override
    ? { ...send(bothRules(consented, RULES.omRiskOverride)), override }
    : send(consented);
}

function bothRules(first: DisclosureRule, second: DisclosureRule): DisclosureRule {
  return {
    id: `${first.id}+${second.id}`,
    citation: `${first.citation}; ${second.citation}`,
    allows: [...new Set([...first.allows, ...second.allows])],
  };
}

/**
 * A CJIT or community provider: nothing identifying without both the consent for its scope and
 * a signed release plan, unless a risk override covers it. An unplanned release still sends the
 * CJIT a non-identifying alert, so that the gap is never silent.
 */
function communityBasis({ kind, role, consent, overrides, at }: DisclosureQuestion): Basis {
  const scope = CONSENT_SCOPE_OF_ROLE[role];
  if (!scope || !isCommunityRole(role)) return { rule: RULES.notARecipient, outcome: 'WITHHOLD' };
  const consented = consents(consent, scope);
  if (consented && consent?.releasePlanSigned) return send(RULES.communityConsentedSignedPlan);
  const override = activeOverride(overrides, scope, at);
  if (override) return { ...send(RULES.communityRiskOverride), override };
  if (kind === 'UNPLANNED_RELEASE' && role === 'CJIT')
    return { rule: RULES.unplannedNonIdentifyingAlert, outcome: 'ALERT' };
  return {
    rule: consented ? RULES.communityNeedsSignedPlan : RULES.communityNeedsConsent,
    outcome: 'WITHHOLD',
  };
}

/** The record request needs the cjit scope (DIS-16); a signed release plan is not in question yet. */
function cjitRecordRequestBasis({ consent }: DisclosureQuestion): Basis {
  return consents(consent, 'cjit')
    ? send(RULES.cjitRecordRequest)
    : { rule: RULES.communityNeedsConsent, outcome: 'WITHHOLD' };
}

function send(rule: DisclosureRule): Basis {
  return { rule, outcome: 'SEND' };
}
