import type { ConsentRecordEntity } from '../consent/consent-record.entity';
import type { RiskOverrideEntity } from '../consent/risk-override.entity';
import type { DisclosureRecordEntity } from '../disclosure-audit/disclosure-record.entity';
import {
  consentEntries,
  describeConsentVersion,
  describeDisclosure,
  disclosureEntry,
  riskOverrideEntry,
  shortNoticeName,
} from './timeline-entries';

const NONE = { communityTreatment: false, cjit: false, probation: false, ndtms: false };
const ALL = { communityTreatment: true, cjit: true, probation: true, ndtms: true };

function consent(version: number, overrides: Partial<ConsentRecordEntity> = {}) {
  return {
    prisonNumber: 'A1234BC',
    version,
    ...ALL,
    releasePlanSigned: false,
    recordedBy: 'J. Smith',
    recordedAt: new Date(Date.UTC(2026, 10, version, 9)),
    recordedByOrganisation: 'hmp-leeds',
    createdAt: new Date(Date.UTC(2026, 10, version, 9, 1)),
    ...overrides,
  } satisfies ConsentRecordEntity;
}

function decision(overrides: Partial<DisclosureRecordEntity> = {}): DisclosureRecordEntity {
  return {
    decisionId: '0b9f6b7e-7d5c-4d53-9a53-5b6f1a0c2b11',
    noticeId: '4a3b2c1d-0e9f-4a8b-8c7d-6e5f4a3b2c1d',
    noticeType: 'throughcare.notice.release.six-weeks',
    prisonNumber: 'A1234BC',
    deliveryId: 'delivery-1',
    organisationId: 'leeds-cjit',
    recipientRole: 'CJIT',
    decision: 'SEND',
    rule: 'community-consented-signed-plan',
    citation: 'DIS-04',
    fields: ['releaseDate', 'establishment'],
    consentVersion: 3,
    riskOverrideId: null,
    decidedAt: new Date('2026-11-05T09:00:00Z'),
    receivedAt: new Date('2026-11-05T09:00:01Z'),
    ...overrides,
  };
}

describe(describeConsentVersion.name, () => {
  it.each([
    [
      'a first version lists what is granted and what is not',
      consent(1, { ...ALL, ndtms: false, probation: false }),
      undefined,
      'consent v1: communityTreatment, cjit granted; probation, ndtms not granted; release plan not signed',
    ],
    [
      'a first version with nothing granted',
      consent(1, { ...NONE }),
      undefined,
      'consent v1: communityTreatment, cjit, probation, ndtms not granted; release plan not signed',
    ],
    [
      'a withdrawal names the scope withdrawn',
      consent(2, { cjit: false, releasePlanSigned: true }),
      consent(1, { releasePlanSigned: true }),
      'consent v2: cjit withdrawn; release plan signed',
    ],
    [
      'grants and withdrawals together',
      consent(3, { ...NONE, probation: true, ndtms: true }),
      consent(2, { ...NONE, communityTreatment: true }),
      'consent v3: probation, ndtms granted; communityTreatment withdrawn; release plan not signed',
    ],
    [
      'only the plan signed',
      consent(2, { releasePlanSigned: true }),
      consent(1),
      'consent v2: no change of scope; release plan signed',
    ],
  ])('%s', (_case, current, previous, expected) => {
    expect(describeConsentVersion(current, previous)).toBe(expected);
  });
});

describe(consentEntries.name, () => {
  it('describes each version against the one before, in version order', () => {
    const entries = consentEntries([consent(2, { cjit: false }), consent(1)]);
    expect(entries.map((e) => [e.version, e.summary])).toEqual([
      [
        1,
        'consent v1: communityTreatment, cjit, probation, ndtms granted; release plan not signed',
      ],
      [2, 'consent v2: cjit withdrawn; release plan not signed'],
    ]);
    expect(entries[0]).toMatchObject({
      kind: 'consent',
      type: 'throughcare.consent.recorded',
      at: '2026-11-01T09:00:00.000Z',
    });
  });
});

describe(riskOverrideEntry.name, () => {
  const override: RiskOverrideEntity = {
    overrideId: 'f6c1e0b2-3a4d-4e5f-8a9b-0c1d2e3f4a5b',
    prisonNumber: 'A1234BC',
    ground: 'SELF_HARM_OR_SUICIDE',
    reason: 'Disclosed a plan to take an overdose on release day.',
    scope: ['cjit', 'probation'],
    authorisedBy: 'Dr Patel',
    recordedAt: new Date('2026-11-03T10:00:00Z'),
    consentSoughtFirst: true,
    personInformed: false,
    expiresAt: new Date('2026-12-03T10:00:00Z'),
    recordedByOrganisation: 'hmp-leeds',
    createdAt: new Date('2026-11-03T10:00:01Z'),
  };

  it('names the ground, the scope and the expiry', () => {
    expect(riskOverrideEntry(override)).toEqual({
      at: '2026-11-03T10:00:00.000Z',
      kind: 'risk-override',
      type: 'throughcare.consent.risk-override-recorded',
      summary:
        'risk override on SELF_HARM_OR_SUICIDE for cjit, probation, until 2026-12-03T10:00:00.000Z',
      overrideId: override.overrideId,
    });
  });

  it('never carries the reason', () => {
    expect(JSON.stringify(riskOverrideEntry(override))).not.toContain('overdose');
  });
});

describe(describeDisclosure.name, () => {
  it.each([
    [
      'a send under consent',
      decision(),
      'SEND six-weeks to leeds-cjit (CJIT) under community-consented-signed-plan, consent v3: releaseDate, establishment',
    ],
    [
      'a withholding without consent',
      decision({ decision: 'WITHHOLD', fields: [], consentVersion: null, rule: 'no-consent' }),
      'WITHHOLD six-weeks to leeds-cjit (CJIT) under no-consent, no consent on record: no fields',
    ],
    [
      'a send under a risk override',
      decision({ consentVersion: null, riskOverrideId: 'f6c1e0b2-3a4d-4e5f-8a9b-0c1d2e3f4a5b' }),
      'SEND six-weeks to leeds-cjit (CJIT) under community-consented-signed-plan, no consent on record, risk override f6c1e0b2-3a4d-4e5f-8a9b-0c1d2e3f4a5b: releaseDate, establishment',
    ],
    [
      'an unrouted notice',
      decision({
        decision: 'UNROUTED',
        organisationId: null,
        recipientRole: null,
        noticeType: 'throughcare.notice.dir.handoff',
        fields: [],
        rule: 'no-recipient',
      }),
      'UNROUTED dir.handoff to no organisation under no-recipient, consent v3: no fields',
    ],
  ])('%s', (_case, record, expected) => {
    expect(describeDisclosure(record)).toBe(expected);
  });
});

describe(disclosureEntry.name, () => {
  it('carries the ids, the rule, the fields and the consent version', () => {
    expect(disclosureEntry(decision())).toEqual({
      at: '2026-11-05T09:00:00.000Z',
      kind: 'disclosure',
      type: 'throughcare.disclosure.decided',
      summary: expect.stringContaining('SEND six-weeks'),
      decisionId: '0b9f6b7e-7d5c-4d53-9a53-5b6f1a0c2b11',
      noticeId: '4a3b2c1d-0e9f-4a8b-8c7d-6e5f4a3b2c1d',
      noticeType: 'throughcare.notice.release.six-weeks',
      decision: 'SEND',
      deliveryId: 'delivery-1',
      organisationId: 'leeds-cjit',
      rule: 'community-consented-signed-plan',
      fields: ['releaseDate', 'establishment'],
      consentVersion: 3,
    });
  });
});

describe(shortNoticeName.name, () => {
  it.each([
    ['throughcare.notice.release.six-weeks', 'six-weeks'],
    ['throughcare.notice.release.unplanned-alert', 'unplanned-alert'],
    ['throughcare.notice.treatment-summary', 'treatment-summary'],
    ['something.else', 'something.else'],
  ])('%s -> %s', (type, expected) => {
    expect(shortNoticeName(type)).toBe(expected);
  });
});
