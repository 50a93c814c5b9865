import {
  CONSENT_SCOPES,
  ConsentEventType,
  DisclosureDecidedEventType,
  type ConsentScope,
} from '@throughcare/contracts';

import type { ConsentRecordEntity } from '../consent/consent-record.entity';
import type { RiskOverrideEntity } from '../consent/risk-override.entity';
import type { DisclosureRecordEntity } from '../disclosure-audit/disclosure-record.entity';

export interface TimelineEntry {
  at: string;
  kind:
    | 'event'
    | 'notice'
    | 'consent'
    | 'risk-override'
    | 'disclosure'
    | 'dir'
    | 'ost-plan'
    | 'naloxone'
    | 'bridging-request'
    | 'acknowledgement';
  type: string;
  summary: string;
  eventId?: string;
  noticeId?: string;
  /** consent: the version this entry records. */
  version?: number;
  /** risk-override: the override; disclosure: the override it relied on, if any. */
  overrideId?: string;
  decisionId?: string;
  /** dir: the DIR this entry is a version of (one per custody episode). */
  dirId?: string;
  /** bridging-request: the request prescribers act on. */
  requestId?: string;
  deliveryId?: string;
  /** acknowledgement: what the recipient said of the delivery (ACK-01). */
  acknowledgementId?: string;
  organisationId?: string;
  noticeType?: string;
  decision?: string;
  rule?: string;
  fields?: string[];
  consentVersion?: number | null;
}

type ConsentState = Pick<ConsentRecordEntity, ConsentScope | 'releasePlanSigned' | 'version'>;

/** "consent v2: cjit withdrawn; release plan signed": what changed from the previous version. */
export function describeConsentVersion(
  current: ConsentState,
  previous: ConsentState | undefined,
): string {
  const plan = current.releasePlanSigned ? 'release plan signed' : 'release plan not signed';
  const scopes = (wanted: boolean, changedOnly: boolean) =>
    CONSENT_SCOPES.filter(
      (scope) => current[scope] === wanted && (!changedOnly || previous?.[scope] !== wanted),
    );
  const parts = previous
    ? [listed(scopes(true, true), 'granted'), listed(scopes(false, true), 'withdrawn')]
    : [listed(scopes(true, false), 'granted'), listed(scopes(false, false), 'not granted')];
  const changes = parts.filter((part): part is string => part !== undefined);
  if (previous && changes.length === 0) changes.push('no change of scope');
  return `consent v${current.version}: ${[...changes, plan].join('; ')}`;
}

function listed(scopes: ConsentScope[], what: string): string | undefined {
  return scopes.length > 0 ? `${scopes.join(', ')} ${what}` : undefined;
}

/** Consent versions in version order, each described against the one before. */
export function consentEntries(records: ConsentRecordEntity[]): TimelineEntry[] {
  const byVersion = [...records].sort((a, b) => a.version - b.version);
  return byVersion.map((record, index) => ({
    at: record.recordedAt.toISOString(),
    kind: 'consent',
    type: ConsentEventType.ConsentRecorded,
    summary: describeConsentVersion(record, byVersion[index - 1]),
    version: record.version,
  }));
}

/** The ground and the scope, never the reason: that stays on the consent record. */
export function riskOverrideEntry(override: RiskOverrideEntity): TimelineEntry {
  const until = override.expiresAt ? `, until ${override.expiresAt.toISOString()}` : '';
  return {
    at: override.recordedAt.toISOString(),
    kind: 'risk-override',
    type: ConsentEventType.RiskOverrideRecorded,
    summary: `risk override on ${override.ground} for ${override.scope.join(', ')}${until}`,
    overrideId: override.overrideId,
  };
}

/** "throughcare.notice.release.six-weeks" -> "six-weeks"; "throughcare.notice.dir.handoff" -> "dir.handoff". */
export function shortNoticeName(noticeType: string): string {
  return noticeType.replace(/^throughcare\.notice\.(release\.)?/, '');
}

/** "SEND six-weeks to leeds-cjit (CJIT) under <rule>, consent v3: releaseDate, establishment". */
export function describeDisclosure(record: DisclosureRecordEntity): string {
  const recipient = record.organisationId
    ? `to ${record.organisationId}${record.recipientRole ? ` (${record.recipientRole})` : ''}`
    : 'to no organisation';
  const basis = [
    record.consentVersion ? `consent v${record.consentVersion}` : 'no consent on record',
    ...(record.riskOverrideId ? [`risk override ${record.riskOverrideId}`] : []),
  ].join(', ');
  const fields = record.fields.length > 0 ? record.fields.join(', ') : 'no fields';
  return `${record.decision} ${shortNoticeName(record.noticeType)} ${recipient} under ${record.rule}, ${basis}: ${fields}`;
}

export function disclosureEntry(record: DisclosureRecordEntity): TimelineEntry {
  return {
    at: record.decidedAt.toISOString(),
    kind: 'disclosure',
    type: DisclosureDecidedEventType,
    summary: describeDisclosure(record),
    decisionId: record.decisionId,
    noticeId: record.noticeId,
    noticeType: record.noticeType,
    decision: record.decision,
    ...(record.deliveryId ? { deliveryId: record.deliveryId } : {}),
    ...(record.organisationId ? { organisationId: record.organisationId } : {}),
    ...(record.riskOverrideId ? { overrideId: record.riskOverrideId } : {}),
    rule: record.rule,
    fields: record.fields,
    consentVersion: record.consentVersion,
  };
}
