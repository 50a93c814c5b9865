import type { OstPlanV1 } from '@throughcare/contracts';

import { releasePlanEssentials, type ReleasePlanFacts } from './release-plan-essentials';

const RECORDED = { recordedBy: 'j.smith', recordedAt: '2026-12-01T10:00:00Z' };
const LEEDS_CP = {
  organisationId: 'leeds-cp',
  name: 'Leeds Community Treatment',
  spoc: { name: 'Duty worker', email: 'spoc@leeds-cp.example', phone: '0113 000 0001' },
};
const LEI_SPOC = { name: 'Healthcare SPOC', email: 'spoc@hmp-leeds.example' };
const APPOINTMENT = { at: '2026-12-21T10:00:00Z', organisationId: 'leeds-cp' };

function facts(overrides: Partial<ReleasePlanFacts>): ReleasePlanFacts {
  return {
    localTreatmentProvider: LEEDS_CP,
    prisonSpoc: LEI_SPOC,
    clinical: { onOst: true },
    ostPlan: null,
    bridgingRequest: null,
    naloxone: null,
    ...overrides,
  };
}

describe(releasePlanEssentials.name, () => {
  it('carries the provider, the SPOC and the booked first dose (REL-01, OST-01)', () => {
    const ostPlan: OstPlanV1 = {
      arrangement: 'COMMUNITY_DOSE_BOOKED',
      communityAppointment: {
        at: '2026-12-18T13:00:00Z',
        organisationId: 'leeds-cp',
        pharmacy: { name: 'Kirkgate Pharmacy' },
      },
      ...RECORDED,
    };
    const naloxone = { outcome: 'ISSUED' as const, trainingGiven: true, ...RECORDED };
    expect(releasePlanEssentials(facts({ ostPlan, naloxone }))).toEqual({
      localTreatmentProvider: LEEDS_CP,
      prisonSpoc: LEI_SPOC,
      medicinesContinuation: {
        kind: 'COMMUNITY_APPOINTMENT',
        at: '2026-12-18T13:00:00Z',
        organisationId: 'leeds-cp',
        pharmacy: 'Kirkgate Pharmacy',
      },
      naloxone: { issued: true, trainingGiven: true },
      gaps: [],
    });
  });

  it('names the issued script and the appointment it reaches (OST-03)', () => {
    const ostPlan: OstPlanV1 = {
      arrangement: 'BRIDGING_SCRIPT',
      communityAppointment: APPOINTMENT,
      ...RECORDED,
    };
    const bridgingRequest = {
      status: 'ISSUED' as const,
      coverUntil: '2026-12-21',
      issued: {
        form: 'FP10MDA' as const,
        issuedAt: '2026-12-17T15:00:00Z',
        coverUntil: '2026-12-21',
      },
    };
    expect(
      releasePlanEssentials(facts({ ostPlan, bridgingRequest })).medicinesContinuation,
    ).toEqual({
      kind: 'BRIDGING_SCRIPT',
      status: 'ISSUED',
      form: 'FP10MDA',
      coverUntil: '2026-12-21',
      firstCommunityAppointment: APPOINTMENT,
    });
  });

  it('shows a script planned before the request opens', () => {
    const ostPlan: OstPlanV1 = { arrangement: 'BRIDGING_SCRIPT', ...RECORDED };
    expect(releasePlanEssentials(facts({ ostPlan })).medicinesContinuation).toEqual({
      kind: 'BRIDGING_SCRIPT',
      status: 'PLANNED',
    });
  });

  it('gives the recorded reason for release without supply (OST-04)', () => {
    const ostPlan: OstPlanV1 = {
      arrangement: 'NONE',
      reason: 'Declined continued prescribing',
      reassessmentPlannedFor: '2026-12-18T14:00:00Z',
      ...RECORDED,
    };
    const naloxone = { outcome: 'DECLINED' as const, ...RECORDED };
    expect(releasePlanEssentials(facts({ ostPlan, naloxone }))).toEqual({
      localTreatmentProvider: LEEDS_CP,
      prisonSpoc: LEI_SPOC,
      medicinesContinuation: {
        kind: 'NONE',
        reason: 'Declined continued prescribing',
        reassessmentPlannedFor: '2026-12-18T14:00:00Z',
      },
      naloxone: { issued: false, outcome: 'DECLINED' },
      gaps: [],
    });
  });

  it('lists what the plan must include and lacks (REL-01)', () => {
    const sut = releasePlanEssentials(facts({ localTreatmentProvider: null, prisonSpoc: null }));
    expect(sut).toEqual({
      localTreatmentProvider: null,
      prisonSpoc: null,
      medicinesContinuation: { kind: 'NOT_YET_ARRANGED' },
      naloxone: { issued: 'unknown' },
      gaps: ['NO_LOCAL_TREATMENT_PROVIDER', 'NO_PRISON_SPOC', 'NO_OST_ARRANGEMENT'],
    });
  });

  it('has nothing to continue for someone not on OST', () => {
    const sut = releasePlanEssentials(facts({ clinical: { onOst: false } }));
    expect(sut.medicinesContinuation).toEqual({ kind: 'NOT_ON_OST' });
    expect(sut.gaps).toEqual([]);
  });
});
