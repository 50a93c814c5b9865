import fc from 'fast-check';

import type { ConsentState, RiskOverride } from './consent-state';
import { activeOverride } from './consent-state';
import { rolesLosingAccess } from './consent-withdrawal';
import { decideDisclosure } from './decide-disclosure';
import {
  ALL_FIELDS,
  CLINICAL_FIELDS,
  IDENTIFYING_FIELDS,
  type DisclosureRecord,
} from './disclosure-fields';
import { FIELDS_OF_KIND } from './disclosure-rules';
import { NOTICE_KINDS } from './notice-kind';
import { CONSENT_SCOPE_OF_ROLE, RECIPIENT_ROLES, isCommunityRole } from './recipient-role';
import { routeNotice, type DirectoryEntry, type RoutingFacts } from './route-notice';

const AT = new Date('2026-12-16T09:00:00Z');
const AREAS = ['E08000035', 'E08000032', 'E06000001'];
const ESTABLISHMENTS = ['LEI', 'MDI', 'HLI'];

const consentArb: fc.Arbitrary<ConsentState | null> = fc.option(
  fc.record({
    version: fc.integer({ min: 1, max: 50 }),
    communityTreatment: fc.boolean(),
    cjit: fc.boolean(),
    probation: fc.boolean(),
    ndtms: fc.boolean(),
    releasePlanSigned: fc.boolean(),
  }),
);

// Overrides recorded before or after the send, some expired, with any scope.
const overrideArb: fc.Arbitrary<RiskOverride> = fc.record({
  overrideId: fc.uuid(),
  ground: fc.constantFrom(
    'LIFE_THREATENING',
    'SELF_HARM_OR_SUICIDE',
    'RISK_OF_HARM_TO_PERSON',
    'RISK_OF_HARM_TO_OTHERS',
  ),
  scope: fc.subarray(['communityTreatment', 'cjit', 'probation'] as const, { minLength: 1 }),
  recordedAt: fc
    .integer({ min: -10, max: 10 })
    .map((days) => new Date(AT.getTime() + days * 86_400_000).toISOString()),
  expiresAt: fc.option(
    fc
      .integer({ min: -5, max: 20 })
      .map((d) => new Date(AT.getTime() + d * 86_400_000).toISOString()),
  ),
});

// Any subset of the catalogue, with arbitrary JSON values.
const recordArb: fc.Arbitrary<DisclosureRecord> = fc.subarray(ALL_FIELDS).chain((fields) =>
  fc.tuple(...fields.map(() => fc.jsonValue())).map((values) => {
    const record: DisclosureRecord = { prisonNumber: 'A1234BC' };
    fields.forEach((field, i) => {
      (record as Record<string, unknown>)[field] = values[i] ?? null;
    });
    return record;
  }),
);

const questionArb = fc.record({
  kind: fc.constantFrom(...NOTICE_KINDS),
  role: fc.constantFrom(...RECIPIENT_ROLES),
  consent: consentArb,
  overrides: fc.array(overrideArb, { maxLength: 3 }),
  at: fc.constant(AT),
});

const communityQuestionArb = fc
  .tuple(
    questionArb,
    fc.constantFrom('COMMUNITY_PROVIDER', 'CJIT') as fc.Arbitrary<'COMMUNITY_PROVIDER' | 'CJIT'>,
  )
  .map(([q, role]) => ({ ...q, role }));
const omQuestionArb = questionArb.map((q) => ({ ...q, role: 'OFFENDER_MANAGER' as const }));

describe('disclosure properties', () => {
  it('never sends a community recipient without consent and a signed plan a clinical or identifying field, unless an override is in force', () => {
    fc.assert(
      fc.property(communityQuestionArb, recordArb, (question, record) => {
        const scope = CONSENT_SCOPE_OF_ROLE[question.role]!;
        const consented = question.consent?.[scope] === true && question.consent.releasePlanSigned;
        fc.pre(!consented && activeOverride(question.overrides, scope, AT) === null);
        // The reception-time record request has its own rule and property below.
        fc.pre(question.kind !== 'CJIT_RECORD_REQUEST');
        const decision = decideDisclosure(question, record);
        expect(decision.fieldNames.filter((f) => CLINICAL_FIELDS.includes(f))).toEqual([]);
        if (question.kind !== 'CONSENT_WITHDRAWN') {
          expect(decision.fieldNames.filter((f) => IDENTIFYING_FIELDS.includes(f))).toEqual([]);
          expect(decision.outcome).not.toBe('SEND');
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('sends a CJIT record request only with cjit consent, and never a clinical field', () => {
    fc.assert(
      fc.property(questionArb, recordArb, (question, record) => {
        const decision = decideDisclosure({ ...question, kind: 'CJIT_RECORD_REQUEST' }, record);
        expect(decision.fieldNames.filter((f) => CLINICAL_FIELDS.includes(f))).toEqual([]);
        if (decision.outcome !== 'WITHHOLD') {
          expect(question.role).toBe('CJIT');
          expect(question.consent?.cjit).toBe(true);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('never sends the offender manager a clinical field without probation consent or an override', () => {
    fc.assert(
      fc.property(omQuestionArb, recordArb, (question, record) => {
        fc.pre(question.consent?.probation !== true);
        fc.pre(activeOverride(question.overrides, 'probation', AT) === null);
        const decision = decideDisclosure(question, record);
        expect(decision.fieldNames.filter((f) => CLINICAL_FIELDS.includes(f))).toEqual([]);
      }),
      { numRuns: 2000 },
    );
  });

  it('sends only fields the notice kind carries, that the record holds, with exactly those values', () => {
    fc.assert(
      fc.property(questionArb, recordArb, (question, record) => {
        const decision = decideDisclosure(question, record);
        for (const field of decision.fieldNames) {
          expect(FIELDS_OF_KIND[question.kind]).toContain(field);
          expect(decision.fields[field]).toEqual(record[field]);
        }
        expect(Object.keys(decision.fields).sort()).toEqual([...decision.fieldNames].sort());
        if (decision.outcome === 'WITHHOLD') expect(decision.fieldNames).toEqual([]);
        if (decision.outcome === 'ALERT') expect(decision.fieldNames).not.toContain('prisonNumber');
      }),
      { numRuns: 2000 },
    );
  });

  it('withdrawing a scope never widens what that recipient sees', () => {
    fc.assert(
      fc.property(questionArb, recordArb, (question, record) => {
        fc.pre(question.consent !== null && question.kind !== 'CONSENT_WITHDRAWN');
        const before = question.consent as ConsentState;
        const after: ConsentState = {
          ...before,
          version: before.version + 1,
          communityTreatment: false,
          cjit: false,
          probation: false,
        };
        const was = new Set(decideDisclosure(question, record).fieldNames);
        const now = decideDisclosure({ ...question, consent: after }, record).fieldNames;
        // The unplanned CJIT alert may replace a full notice: its fields are all non-identifying.
        for (const field of now)
          if (IDENTIFYING_FIELDS.includes(field)) expect(was.has(field)).toBe(true);
        // Exactly the recipients who could see something before lose access.
        const losing = rolesLosingAccess(before, after, AT);
        expect(losing.includes('OFFENDER_MANAGER')).toBe(before.probation);
        expect(losing.includes('CJIT')).toBe(before.cjit && before.releasePlanSigned);
        expect(losing.includes('COMMUNITY_PROVIDER')).toBe(
          before.communityTreatment && before.releasePlanSigned,
        );
      }),
      { numRuns: 2000 },
    );
  });

  // Directory entries over a few areas and prisons, so that routing both hits and misses.
  const directoryArb: fc.Arbitrary<DirectoryEntry[]> = fc.uniqueArray(
    fc.record({
      organisationId: fc.stringMatching(/^[a-z]{3,8}-[a-z]{2,4}$/),
      type: fc.constantFrom('COMMUNITY_PROVIDER', 'CJIT', 'PROBATION', 'PRISON'),
      localAuthorityCodes: fc.subarray(AREAS),
      establishments: fc.subarray(ESTABLISHMENTS),
    }),
    { selector: (o) => o.organisationId, maxLength: 8 },
  );
  const factsArb: fc.Arbitrary<RoutingFacts> = fc.record({
    kind: fc.constantFrom(...NOTICE_KINDS),
    releaseArea: fc.option(fc.constantFrom(...AREAS), { nil: undefined }),
    releasingEstablishment: fc.option(fc.constantFrom(...ESTABLISHMENTS), { nil: undefined }),
    receivingEstablishment: fc.option(fc.constantFrom(...ESTABLISHMENTS), { nil: undefined }),
    offenderManagerOrganisationId: fc.option(fc.stringMatching(/^[a-z]{3,8}-[a-z]{2,4}$/), {
      nil: undefined,
    }),
    previouslyTold: fc.array(
      fc.record({
        organisationId: fc.stringMatching(/^[a-z]{3,8}-[a-z]{2,4}$/),
        role: fc.constantFrom(...RECIPIENT_ROLES),
      }),
      { maxLength: 3 },
    ),
  });

  it('delivers only to recipients routing chose, each one covering the notice, and names every gap', () => {
    fc.assert(
      fc.property(
        factsArb,
        directoryArb,
        consentArb,
        fc.array(overrideArb, { maxLength: 2 }),
        recordArb,
        (facts, directory, consent, overrides, record) => {
          const routing = routeNotice(facts, directory);
          // The notifier's pipeline: a delivery per routed recipient, disclosure decided per delivery.
          const reached = routing.recipients
            .map((r) => ({
              ...r,
              decision: decideDisclosure(
                { kind: facts.kind, role: r.role, consent, overrides, at: AT },
                record,
              ),
            }))
            .filter((r) => r.decision.outcome !== 'WITHHOLD');
          for (const r of reached) {
            expect(routing.recipients).toContainEqual({
              organisationId: r.organisationId,
              role: r.role,
            });
            if (facts.kind === 'RELEASE_CHANGED' || facts.kind === 'CONSENT_WITHDRAWN') {
              expect(facts.previouslyTold).toContainEqual({
                organisationId: r.organisationId,
                role: r.role,
              });
              continue;
            }
            const entry = directory.find((o) => o.organisationId === r.organisationId);
            expect(entry).toBeDefined();
            if (isCommunityRole(r.role)) {
              expect(entry!.type).toBe(r.role);
              expect(entry!.localAuthorityCodes).toContain(facts.releaseArea);
            } else if (r.role === 'OFFENDER_MANAGER') {
              expect(entry!.type).toBe('PROBATION');
              expect(r.organisationId).toBe(facts.offenderManagerOrganisationId);
            } else {
              expect(entry!.type).toBe('PRISON');
              expect(entry!.establishments).toContain(
                r.role === 'RECEIVING_PRISON'
                  ? facts.receivingEstablishment
                  : facts.releasingEstablishment,
              );
            }
          }
          // No one at all for a notice that should reach someone: the gap is named, not silent.
          if (
            routing.recipients.length === 0 &&
            facts.kind !== 'RELEASE_CHANGED' &&
            facts.kind !== 'CONSENT_WITHDRAWN'
          )
            expect(routing.gaps.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
