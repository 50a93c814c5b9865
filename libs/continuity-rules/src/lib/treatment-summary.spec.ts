import type { ConsentState } from '@throughcare/disclosure';

import type { ReleasePlanEssentials } from './release-plan-essentials';
import { treatmentSummaryFor, type TreatmentSummaryFacts } from './treatment-summary';

const AT = new Date('2026-11-06T09:00:00Z');
const SPOC = { name: 'Healthcare SPOC', email: 'spoc@hmp-leeds.example' };
const PROVIDER = {
  organisationId: 'leeds-cp',
  name: 'Leeds Community Treatment',
  spoc: { name: 'Duty worker', email: 'spoc@leeds-cp.example' },
};
const CONTINUATION = { kind: 'BRIDGING_SCRIPT', status: 'PLANNED' } as const;
const ESSENTIALS: ReleasePlanEssentials = {
  localTreatmentProvider: PROVIDER,
  prisonSpoc: SPOC,
  medicinesContinuation: CONTINUATION,
  naloxone: { issued: 'unknown' },
  gaps: [],
};
const FACTS: TreatmentSummaryFacts = {
  prisonNumber: 'A1234BC',
  releaseDate: '2026-12-18',
  establishment: 'LEI',
  engagementStatus: 'ACCESSING',
  interventionsDelivered: ['OST_MAINTENANCE', 'PSYCHOSOCIAL'],
  riskIssues: ['Overdose risk on release'],
  futureNeeds: ['Community prescribing'],
  clinical: { onOst: true, ostMedicine: 'METHADONE', doseMg: 60, opiateHistory: true },
  treatmentPlanned: ['Methadone maintenance with Leeds Community Treatment'],
  essentials: ESSENTIALS,
};

function consent(version: number, probation: boolean): ConsentState {
  return {
    version,
    communityTreatment: true,
    cjit: true,
    probation,
    ndtms: false,
    releasePlanSigned: true,
  };
}

// The restricted set the OM may have without consent (DIS-07).
const RESTRICTED = {
  prisonNumber: 'A1234BC',
  releaseDate: '2026-12-18',
  establishment: 'LEI',
  engagementStatus: 'ACCESSING',
  interventionsDelivered: ['OST_MAINTENANCE', 'PSYCHOSOCIAL'],
  riskIssues: ['Overdose risk on release'],
  futureNeeds: ['Community prescribing'],
};

describe(treatmentSummaryFor.name, () => {
  it('sends the consented summary with the six-week notice (DIS-08, TIM-07)', () => {
    const sut = treatmentSummaryFor({
      milestone: 'SIX_WEEKS',
      facts: FACTS,
      consent: consent(3, true),
      overrides: [],
      at: AT,
    });
    expect(sut).toEqual({
      milestone: 'SIX_WEEKS',
      updates: null,
      decision: {
        outcome: 'SEND',
        rule: 'om-consented-signed-plan',
        citation: 'DIS-08; DIS-04',
        fieldNames: [
          ...Object.keys(RESTRICTED),
          'treatmentPlanned',
          'onOst',
          'ostMedicine',
          'doseMg',
          'opiateHistory',
          'naloxone',
          'bridgingScript',
          'localTreatmentProvider',
          'prisonSpoc',
          'medicinesContinuation',
        ],
        fields: {
          ...RESTRICTED,
          treatmentPlanned: ['Methadone maintenance with Leeds Community Treatment'],
          onOst: true,
          ostMedicine: 'METHADONE',
          doseMg: 60,
          opiateHistory: true,
          naloxone: { issued: 'unknown' },
          bridgingScript: CONTINUATION,
          localTreatmentProvider: PROVIDER,
          prisonSpoc: SPOC,
          medicinesContinuation: CONTINUATION,
        },
        consentVersion: 3,
        riskOverrideId: null,
      },
    });
  });

  it('updates it with the restricted set at two days once consent is withdrawn (DIS-07)', () => {
    const sut = treatmentSummaryFor({
      milestone: 'TWO_DAYS',
      facts: FACTS,
      consent: consent(4, false),
      overrides: [],
      at: AT,
    });
    expect(sut).toEqual({
      milestone: 'TWO_DAYS',
      updates: 'SIX_WEEKS',
      decision: {
        outcome: 'SEND',
        rule: 'om-restricted-set-without-consent',
        citation: 'DIS-07',
        fieldNames: Object.keys(RESTRICTED),
        fields: RESTRICTED,
        consentVersion: 4,
        riskOverrideId: null,
      },
    });
  });
});
