import { throughcareMeasures } from '@throughcare/continuity-rules';

import {
  releaseDayOf,
  releaseFactOf,
  type EpisodeOnRecord,
  type ReleaseHappened,
} from './release-facts';

const discharge: ReleaseHappened = {
  prisonNumber: 'A1234BC',
  episodeId: 'episode-1',
  how: 'DISCHARGE',
  establishment: 'LEI',
  at: '2026-12-18T09:40:00Z',
};

const court: ReleaseHappened = {
  prisonNumber: 'B2345CD',
  episodeId: 'episode-2',
  how: 'COURT',
  establishment: 'MDI',
  at: '2026-12-10T23:30:00Z',
};

function episode(overrides: Partial<EpisodeOnRecord> = {}): EpisodeOnRecord {
  return {
    planned: { releaseDate: '2026-12-18', clinical: { onOst: true, opiateHistory: true } },
    reception: null,
    ostPlan: null,
    naloxone: null,
    bridgingStatus: null,
    milestoneNotices: [],
    unplannedNotices: [],
    ...overrides,
  };
}

const bridgingPlan = { arrangement: 'BRIDGING_SCRIPT' as const };
const dosePlan = {
  arrangement: 'COMMUNITY_DOSE_BOOKED' as const,
  communityAppointment: { at: '2026-12-18T14:00:00Z', organisationId: 'leeds-cgl' },
};
const nonePlan = {
  arrangement: 'NONE' as const,
  reason: 'Detoxed in custody and chose to stop',
  reassessmentPlannedFor: '2026-12-19T10:00:00Z',
};

describe(releaseDayOf.name, () => {
  it('is the planned date for a discharge, whatever the gate time', () => {
    expect(releaseDayOf({ ...discharge, at: '2026-12-19T00:30:00Z' }, episode())).toBe(
      '2026-12-18',
    );
  });

  it('is the Europe/London day of a court release (BST shifts it)', () => {
    expect(releaseDayOf({ ...court, at: '2026-06-10T23:30:00Z' }, episode({ planned: null }))).toBe(
      '2026-06-11',
    );
  });
});

describe(releaseFactOf.name, () => {
  it.each([
    [
      'not on OST',
      { planned: { releaseDate: '2026-12-18', clinical: { onOst: false } } },
      'NOT_ON_OST',
    ],
    ['on OST, no plan at all', {}, 'NO_PLAN'],
    ['on OST, no plan, a safe-default request opened', { bridgingStatus: 'OPEN' }, 'NO_PLAN'],
    [
      'a bridging plan with the request open',
      { ostPlan: bridgingPlan, bridgingStatus: 'OPEN' },
      'BRIDGING_SCRIPT_REQUESTED',
    ],
    [
      'a bridging plan with the script issued',
      { ostPlan: bridgingPlan, bridgingStatus: 'ISSUED' },
      'BRIDGING_SCRIPT_ISSUED',
    ],
    ['an issued script with no plan', { bridgingStatus: 'ISSUED' }, 'BRIDGING_SCRIPT_ISSUED'],
    ['a community dose booked', { ostPlan: dosePlan }, 'COMMUNITY_DOSE_BOOKED'],
    ['NONE with its reason', { ostPlan: nonePlan }, 'NONE_WITH_REASON'],
  ] as Array<[string, Partial<EpisodeOnRecord>, string]>)(
    'OST continuity: %s',
    (_name, overrides, expected) => {
      expect(releaseFactOf(discharge, episode(overrides)).ostContinuity).toBe(expected);
    },
  );

  it('reads the clinical picture from the reception when no release was planned', () => {
    const fact = releaseFactOf(
      court,
      episode({
        planned: null,
        reception: { substanceMisuse: { onOst: false, opiateUse: true, alcohol: false } },
      }),
    );
    expect(fact).toMatchObject({ opiateHistory: true, ostContinuity: 'NOT_ON_OST' });
  });

  it('gives a planned release its three milestone notices, first delivery as sent', () => {
    const fact = releaseFactOf(
      discharge,
      episode({
        naloxone: 'ISSUED',
        milestoneNotices: [
          {
            milestone: 'SIX_WEEKS',
            dueAt: '2026-11-06T09:00:00Z',
            firstDeliveredAt: '2026-11-06T09:00:05Z',
          },
          { milestone: 'TWO_DAYS', dueAt: '2026-12-16T09:00:00Z', firstDeliveredAt: null },
        ],
      }),
    );
    expect(fact).toEqual({
      prisonNumber: 'A1234BC',
      establishment: 'LEI',
      releaseDate: '2026-12-18',
      opiateHistory: true,
      ostContinuity: 'NO_PLAN',
      naloxone: 'ISSUED',
      releaseArea: null,
      firstAppointmentAttendedAt: null,
      releaseKind: 'PLANNED',
      notices: {
        SIX_WEEKS: { dueAt: '2026-11-06T09:00:00Z', sentAt: '2026-11-06T09:00:05Z' },
        TWO_DAYS: { dueAt: '2026-12-16T09:00:00Z', sentAt: null },
        // Never issued: due on the day, never sent.
        DAY_OF_RELEASE: { dueAt: '2026-12-18T00:00:00.000Z', sentAt: null },
      },
    });
  });

  it('times a court release to its first delivered unplanned notice', () => {
    const fact = releaseFactOf(
      court,
      episode({
        planned: null,
        unplannedNotices: [
          { dueAt: court.at, firstDeliveredAt: null },
          { dueAt: court.at, firstDeliveredAt: '2026-12-10T23:30:42Z' },
          { dueAt: court.at, firstDeliveredAt: '2026-12-10T23:30:12Z' },
        ],
      }),
    );
    expect(fact).toMatchObject({
      releaseKind: 'COURT',
      releaseDate: '2026-12-10',
      releasedAt: court.at,
      firstNoticeSentAt: '2026-12-10T23:30:12Z',
    });
  });

  it('feeds throughcareMeasures: a court release notified in 12 seconds, naloxone issued', () => {
    const facts = [
      releaseFactOf(
        court,
        episode({
          planned: null,
          reception: { substanceMisuse: { onOst: true, opiateUse: true, alcohol: false } },
          ostPlan: bridgingPlan,
          bridgingStatus: 'ISSUED',
          naloxone: 'ISSUED',
          unplannedNotices: [{ dueAt: court.at, firstDeliveredAt: '2026-12-10T23:30:12Z' }],
        }),
      ),
    ];
    const measures = throughcareMeasures(facts, { from: '2026-12-01', to: '2026-12-31' });
    expect(measures.unplanned).toMatchObject({ count: 1, notified: 1, medianSecondsToNotice: 12 });
    expect(measures.naloxoneIssuedOfEligible).toEqual({ count: 1, of: 1, ratio: 1 });
    expect(measures.ost.withScriptOrBookedDose).toEqual({ count: 1, of: 1, ratio: 1 });
  });

  it('carries the release area and the first appointment attended for continuity of care (MEA-06)', () => {
    const fact = releaseFactOf(
      { ...court, releaseArea: 'E08000035' },
      episode({ planned: null, firstAppointmentAttendedAt: '2026-12-01T10:00:00.000Z' }),
    );
    expect(fact).toMatchObject({
      releaseArea: 'E08000035',
      firstAppointmentAttendedAt: '2026-12-01T10:00:00.000Z',
    });
  });
});
