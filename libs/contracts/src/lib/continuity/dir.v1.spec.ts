import 'reflect-metadata';

import { validatePayload } from '../validation/validate-payload';
import { DirV1 } from './dir.v1';

const VALID_DIR = {
  custodyEpisode: { receivedAt: '2026-11-02T14:05:00Z', establishment: 'LEI' },
  establishment: 'LEI',
  healthcareSectionCompletedAt: '2026-11-02T18:00:00Z',
  substances: [
    { substance: 'OPIATES', route: 'INJECTED', primary: true },
    { substance: 'CRACK_COCAINE', route: 'SMOKED', primary: false },
  ],
  treatment: {
    status: 'ACCESSING',
    modalities: ['OST_MAINTENANCE'],
    previousTreatment: 'COMMUNITY',
  },
  keyworker: { name: 'Alex Reid', email: 'alex.reid@lei-smt.example' },
  cjit: { organisationId: 'leeds-cjit' },
  recordedBy: 'j.smith',
  recordedAt: '2026-11-02T18:05:00Z',
};

function fieldsRefused(input: object): string[] {
  const result = validatePayload(DirV1, input);
  return result.ok ? [] : result.errors.map((error) => error.field);
}

describe(DirV1.name, () => {
  it('accepts a DIR completed to its healthcare section (DIR-02)', () => {
    expect(fieldsRefused(VALID_DIR)).toEqual([]);
  });

  it("records healthcare's blood-borne virus status in the DIR's healthcare section (DIS-17)", () => {
    const bbvStatus = {
      hiv: 'NEGATIVE',
      hepatitisB: 'NOT_TESTED',
      hepatitisC: 'POSITIVE',
      testedAt: '2026-11-02T17:00:00Z',
    };
    expect(fieldsRefused({ ...VALID_DIR, bbvStatus })).toEqual([]);
    expect(fieldsRefused({ ...VALID_DIR, bbvStatus: { hiv: 'MAYBE' } })).toEqual(['bbvStatus.hiv']);
  });

  it.each([
    ['a missing custody episode (DIR-01)', { custodyEpisode: undefined }, ['custodyEpisode']],
    [
      'an episode named without its prison',
      { custodyEpisode: { receivedAt: '2026-11-02T14:05:00Z' } },
      ['custodyEpisode.establishment'],
    ],
    [
      'an uncoded substance',
      { substances: [{ substance: 'SPICE', primary: true }] },
      ['substances.0.substance'],
    ],
    [
      'an unknown treatment status',
      { treatment: { status: 'FINE', modalities: [], previousTreatment: 'NONE' } },
      ['treatment.status'],
    ],
    [
      'a modality listed twice',
      {
        treatment: {
          status: 'ACCESSING',
          modalities: ['PSYCHOSOCIAL', 'PSYCHOSOCIAL'],
          previousTreatment: 'NONE',
        },
      },
      ['treatment.modalities'],
    ],
    ['notes beyond 2,000 characters (DIR-03)', { notes: 'x'.repeat(2001) }, ['notes']],
    [
      'a CJIT named by display name',
      { cjit: { organisationId: 'Leeds CJIT' } },
      ['cjit.organisationId'],
    ],
  ])('refuses %s', (_, change, fields) => {
    expect(fieldsRefused({ ...VALID_DIR, ...change })).toEqual(fields);
  });
});
