import 'reflect-metadata';

import { validatePayload } from '../validation/validate-payload';
import { OstPlanV1 } from './ost-plan.v1';

const RECORDED = { recordedBy: 'j.smith', recordedAt: '2026-12-15T11:00:00Z' };

function fieldsRefused(input: object): string[] {
  const result = validatePayload(OstPlanV1, input);
  return result.ok ? [] : result.errors.map((error) => error.field);
}

describe(OstPlanV1.name, () => {
  it.each([
    [
      'a dose booked on the release day (docs/hub-interface.md §6, OST-02)',
      {
        arrangement: 'COMMUNITY_DOSE_BOOKED',
        communityAppointment: { at: '2026-12-18T13:00:00Z', organisationId: 'leeds-cp' },
        lastPrisonDoseAt: null,
        ...RECORDED,
      },
    ],
    [
      'a bridging script to a later prescribing appointment, with a pharmacy (OST-03)',
      {
        arrangement: 'BRIDGING_SCRIPT',
        communityAppointment: {
          at: '2026-12-21T10:00:00Z',
          organisationId: 'leeds-cp',
          pharmacy: { name: 'Kirkgate Pharmacy' },
        },
        lastPrisonDoseAt: '2026-12-18T07:30:00Z',
        ...RECORDED,
      },
    ],
    ['a bridging script with no appointment yet', { arrangement: 'BRIDGING_SCRIPT', ...RECORDED }],
    [
      'no supply, with the reason and the planned re-assessment (OST-04)',
      {
        arrangement: 'NONE',
        reason: 'Declined continued prescribing; wants to detox in the community',
        reassessmentPlannedFor: '2026-12-18T14:00:00Z',
        ...RECORDED,
      },
    ],
    [
      "docs/hub-interface.md §6's example exactly as written (no recordedBy / recordedAt)",
      {
        arrangement: 'COMMUNITY_DOSE_BOOKED',
        communityAppointment: { at: '2026-12-18T13:00:00Z', organisationId: 'leeds-cp' },
        lastPrisonDoseAt: null,
      },
    ],
  ])('accepts %s', (_, input) => {
    expect(fieldsRefused(input)).toEqual([]);
  });

  it.each([
    [
      'COMMUNITY_DOSE_BOOKED without its appointment',
      { arrangement: 'COMMUNITY_DOSE_BOOKED' },
      ['communityAppointment'],
    ],
    [
      'NONE without a reason or a re-assessment (OST-04)',
      { arrangement: 'NONE' },
      ['reason', 'reassessmentPlannedFor'],
    ],
    [
      'NONE with an empty reason',
      { arrangement: 'NONE', reason: '', reassessmentPlannedFor: '2026-12-18T14:00:00Z' },
      ['reason'],
    ],
    ['an unknown arrangement', { arrangement: 'DETOX' }, ['arrangement']],
    [
      'an appointment without its organisation',
      {
        arrangement: 'COMMUNITY_DOSE_BOOKED',
        communityAppointment: { at: '2026-12-18T13:00:00Z' },
      },
      ['communityAppointment.organisationId'],
    ],
    [
      'a last dose without an offset',
      { arrangement: 'BRIDGING_SCRIPT', lastPrisonDoseAt: '2026-12-18 07:30' },
      ['lastPrisonDoseAt'],
    ],
  ])('refuses %s', (_, input, fields) => {
    expect(fieldsRefused({ ...RECORDED, ...input })).toEqual(fields);
  });
});
