import { releaseSteps, type ReleaseStepFacts } from './release-steps';

const SETTLED: ReleaseStepFacts = {
  daysToRelease: 10,
  opiateHistory: true,
  onOst: true,
  naloxone: 'ISSUED',
  ostPlan: 'BRIDGING_SCRIPT',
  recipientsForArea: 2,
  deliveryStatuses: ['DELIVERED'],
};

describe('the throughcare steps of an upcoming release', () => {
  it('is not at risk when every step is settled', () => {
    expect(releaseSteps(SETTLED)).toEqual({
      naloxone: 'ISSUED',
      ostPlan: 'BRIDGING_SCRIPT',
      recipientsForArea: 2,
      noticeDelivery: 'DELIVERED',
      risks: [],
    });
  });

  it('is at risk without a naloxone outcome only from two days out (NAL-03)', () => {
    const missing = { ...SETTLED, naloxone: null };
    expect(releaseSteps({ ...missing, daysToRelease: 3 })).toMatchObject({
      naloxone: 'MISSING',
      risks: [],
    });
    expect(releaseSteps({ ...missing, daysToRelease: 2 }).risks).toEqual(['NALOXONE_MISSING']);
    expect(releaseSteps({ ...missing, opiateHistory: false, daysToRelease: 0 })).toMatchObject({
      naloxone: 'NOT_NEEDED',
      risks: [],
    });
  });

  it('is at risk on OST with no plan (OST-05), whatever the date', () => {
    expect(releaseSteps({ ...SETTLED, ostPlan: null }).risks).toEqual(['OST_WITHOUT_PLAN']);
    expect(releaseSteps({ ...SETTLED, ostPlan: null, onOst: false }).ostPlan).toBe('NOT_NEEDED');
  });

  it('is at risk with no community recipient for the area (REL-04)', () => {
    expect(releaseSteps({ ...SETTLED, recipientsForArea: 0 }).risks).toEqual([
      'NO_RECIPIENT_FOR_AREA',
    ]);
  });

  it('is at risk with a failed or withheld notice, the worst delivery showing', () => {
    expect(
      releaseSteps({ ...SETTLED, deliveryStatuses: ['DELIVERED', 'FAILED', 'WITHHELD'] }),
    ).toMatchObject({ noticeDelivery: 'FAILED', risks: ['NOTICE_FAILED', 'NOTICE_WITHHELD'] });
    expect(releaseSteps({ ...SETTLED, deliveryStatuses: [] }).noticeDelivery).toBe('NONE');
  });
});
