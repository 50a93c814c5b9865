import { IntakeEventType, type IntakeEvent } from '@throughcare/contracts';
import {
  buildCourtRelease,
  buildDischarge,
  buildReception,
  buildReleaseCancelled,
  buildReleaseEvent,
  buildTransfer,
} from '@throughcare/testing';

import type { PersonCustody } from './custody-episode';
import { decideIntake } from './decide-intake';

const T = IntakeEventType;
const reception = (o = {}): IntakeEvent => ({ type: T.ReceptionReceived, data: buildReception(o) });
const transfer = (o = {}): IntakeEvent => ({ type: T.TransferCompleted, data: buildTransfer(o) });
const planned = (o = {}): IntakeEvent => ({ type: T.ReleasePlanned, data: buildReleaseEvent(o) });
const cancelled = (o = {}): IntakeEvent => ({
  type: T.ReleaseCancelled,
  data: buildReleaseCancelled(o),
});
const discharged = (o = {}): IntakeEvent => ({
  type: T.ReleaseDischarged,
  data: buildDischarge(o),
});
const courtRelease = (o = {}): IntakeEvent => ({
  type: T.CourtReleaseReleased,
  data: buildCourtRelease(o),
});

let episodes = 0;
function apply(events: Array<[IntakeEvent, string]>): ReturnType<typeof decideIntake>[] {
  let person: PersonCustody = { prisonNumber: 'A1234BC', episode: null };
  return events.map(([event, occurredAt]) => {
    const outcome = decideIntake(person, event, {
      occurredAt: new Date(occurredAt),
      today: '2026-11-02',
      newEpisodeId: () => `episode-${++episodes}`,
    });
    if (outcome.accepted) person = outcome.person;
    return outcome;
  });
}

function last(events: Array<[IntakeEvent, string]>) {
  return apply(events).at(-1)!;
}

describe(decideIntake.name, () => {
  it.each([
    ['a reception opens an episode', [[reception(), '2026-11-02T14:05:00Z']], 'RECEIVED'],
    [
      'a transfer moves the person on',
      [
        [reception(), '2026-11-02T14:00:00Z'],
        [transfer(), '2026-11-10T08:30:00Z'],
      ],
      'TRANSFERRED',
    ],
    [
      'the receiving prison records its reception after a transfer',
      [
        [reception(), '2026-11-02T14:00:00Z'],
        [transfer(), '2026-11-10T08:30:00Z'],
        [reception({ establishment: 'MDI' }), '2026-11-10T09:15:00Z'],
      ],
      'RECEIVED',
    ],
    [
      'a release is planned',
      [
        [reception(), '2026-11-02T14:00:00Z'],
        [planned(), '2026-11-03T10:00:00Z'],
      ],
      'RELEASE_PLANNED',
    ],
    [
      'a new date supersedes the plan',
      [
        [planned(), '2026-11-03T10:00:00Z'],
        [planned({ releaseDate: '2026-12-22' }), '2026-11-04T10:00:00Z'],
      ],
      'RELEASE_REPLANNED',
    ],
    [
      'a cancellation clears the plan',
      [
        [planned(), '2026-11-03T10:00:00Z'],
        [cancelled(), '2026-11-04T10:00:00Z'],
      ],
      'RELEASE_CANCELLED',
    ],
    [
      'a discharge closes the episode',
      [
        [planned(), '2026-11-03T10:00:00Z'],
        [discharged(), '2026-12-18T09:40:00Z'],
      ],
      'DISCHARGED',
    ],
    [
      'a court release closes the episode',
      [
        [reception(), '2026-11-02T14:00:00Z'],
        [courtRelease(), '2026-11-20T15:10:00Z'],
      ],
      'RELEASED_FROM_COURT',
    ],
    [
      'a reception after a release opens a new episode',
      [
        [discharged(), '2026-11-02T09:00:00Z'],
        [reception(), '2026-11-05T09:00:00Z'],
      ],
      'RECEIVED',
    ],
    [
      'a late transfer after a newer one is kept but changes nothing',
      [
        [transfer({ fromEstablishment: 'MDI', toEstablishment: 'WWI' }), '2026-11-12T08:00:00Z'],
        [transfer(), '2026-11-10T08:30:00Z'],
      ],
      'RECORDED_LATE',
    ],
    [
      'a late reception for a person first seen mid-episode is its start',
      [
        [transfer(), '2026-11-10T08:30:00Z'],
        [reception(), '2026-11-02T14:05:00Z'],
      ],
      'RECEIVED',
    ],
    [
      'an older plan arriving after a newer one changes nothing',
      [
        [planned({ releaseDate: '2026-12-22' }), '2026-11-04T10:00:00Z'],
        [planned(), '2026-11-03T10:00:00Z'],
      ],
      'RECORDED_LATE',
    ],
  ] as Array<[string, Array<[IntakeEvent, string]>, string]>)('%s', (_name, events, change) => {
    const outcome = last(events);
    expect(outcome).toMatchObject({ accepted: true, change });
  });

  it.each([
    [
      'a second discharge from the same episode',
      [
        [discharged(), '2026-12-18T09:40:00Z'],
        [discharged(), '2026-12-18T10:00:00Z'],
      ],
      /already released from this custody episode/,
    ],
    [
      'a transfer from a prison the person is known not to be in',
      [
        [reception({ establishment: 'LEI' }), '2026-11-02T14:00:00Z'],
        [transfer({ fromEstablishment: 'MDI', toEstablishment: 'WWI' }), '2026-11-10T08:30:00Z'],
      ],
      /held at LEI, not MDI/,
    ],
    [
      'a release for someone already released',
      [
        [discharged(), '2026-11-02T09:00:00Z'],
        [planned(), '2026-11-03T10:00:00Z'],
      ],
      /released on .* and has not been received since/,
    ],
    [
      'a transfer of someone released and not received since',
      [
        [courtRelease(), '2026-11-02T09:00:00Z'],
        [transfer(), '2026-11-10T08:30:00Z'],
      ],
      /has not been received since/,
    ],
    [
      'a reception while already in custody',
      [
        [reception(), '2026-11-02T14:00:00Z'],
        [reception({ establishment: 'MDI' }), '2026-11-05T14:00:00Z'],
      ],
      /already in custody at LEI .* a transfer/,
    ],
    [
      'a second reception at the prison the episode opened in',
      [
        [reception(), '2026-11-02T14:00:00Z'],
        [reception(), '2026-11-05T14:00:00Z'],
      ],
      /already in custody at LEI .* a transfer/,
    ],
    [
      'a reception at the receiving prison dated before the transfer',
      [
        [reception(), '2026-11-02T14:00:00Z'],
        [transfer(), '2026-11-10T08:30:00Z'],
        [reception({ establishment: 'MDI' }), '2026-11-09T14:00:00Z'],
      ],
      /already in custody at MDI .* a transfer/,
    ],
    [
      'a cancellation with no planned release',
      [
        [reception(), '2026-11-02T14:00:00Z'],
        [cancelled(), '2026-11-03T10:00:00Z'],
      ],
      /no planned release to cancel/,
    ],
    [
      'a release planned at a prison the person has left',
      [
        [transfer(), '2026-11-02T08:30:00Z'],
        [planned({ establishment: 'LEI' }), '2026-11-03T10:00:00Z'],
      ],
      /held at MDI, not LEI/,
    ],
    [
      'a release date in the past',
      [[planned({ releaseDate: '2026-11-01' }), '2026-11-02T10:00:00Z']],
      /releaseDate 2026-11-01 is in the past/,
    ],
    [
      'a discharge from a prison the person is not in',
      [
        [transfer(), '2026-11-02T08:30:00Z'],
        [discharged({ establishment: 'LEI' }), '2026-11-03T10:00:00Z'],
      ],
      /held at MDI, not LEI/,
    ],
    [
      'a court release after a discharge',
      [
        [discharged(), '2026-11-02T09:00:00Z'],
        [courtRelease(), '2026-11-03T15:10:00Z'],
      ],
      /already released/,
    ],
  ] as Array<[string, Array<[IntakeEvent, string]>, RegExp]>)(
    'refuses %s, with the reason',
    (_name, events, reason) => {
      const outcome = last(events);
      expect(outcome.accepted).toBe(false);
      expect(outcome.accepted ? '' : outcome.reason).toMatch(reason);
    },
  );

  it('opens a record for a person it has never seen, whatever the first event', () => {
    for (const event of [transfer(), planned(), cancelled(), discharged(), courtRelease()]) {
      const outcome = last([[event, '2026-11-10T08:30:00Z']]);
      expect(outcome).toMatchObject({ accepted: true, opened: true });
    }
  });

  it('keeps the current location when an older transfer arrives late', () => {
    const outcomes = apply([
      [transfer({ fromEstablishment: 'MDI', toEstablishment: 'WWI' }), '2026-11-12T08:00:00Z'],
      [transfer(), '2026-11-10T08:30:00Z'],
    ]);
    const final = outcomes.at(-1)!;
    expect(final.accepted && final.person.episode?.establishment).toBe('WWI');
  });

  it('reports the date a re-plan replaced, for the rescheduled notice', () => {
    const outcome = last([
      [planned(), '2026-11-03T10:00:00Z'],
      [planned({ releaseDate: '2026-12-22' }), '2026-11-04T10:00:00Z'],
    ]);
    expect(outcome).toMatchObject({ previousReleaseDate: '2026-12-18' });
  });

  it('keeps the custody episode when the receiving prison records its reception after a transfer', () => {
    const [received, , arrived] = apply([
      [reception(), '2026-11-02T14:00:00Z'],
      [transfer(), '2026-11-10T08:30:00Z'],
      [reception({ establishment: 'MDI' }), '2026-11-10T09:15:00Z'],
    ]);
    if (!received?.accepted || !arrived?.accepted) throw new Error('both accepted');
    expect(arrived.episodeId).toBe(received.episodeId);
    expect(arrived.opened).toBe(false);
    expect(arrived.person.episode).toMatchObject({ establishment: 'MDI', status: 'IN_CUSTODY' });
  });

  describe('a provisional release retracted (REL-09)', () => {
    const dischargeId = '0b6c3f1e-2d4a-4c8e-9f10-5a7b8c9d0e1f';
    const retracted = (o = {}): IntakeEvent => ({
      type: T.ReleaseRetracted,
      data: {
        eventId: '1c7d4a2f-3e5b-4d9f-8a21-6b8c9d0e1f2a',
        prisonNumber: 'A1234BC',
        establishment: 'LEI',
        retractedEventId: dischargeId,
        ...o,
      },
    });
    const plannedThenLeft = (leaving: IntakeEvent): Array<[IntakeEvent, string]> => [
      [reception(), '2026-11-02T14:00:00Z'],
      [planned({ releaseDate: '2026-12-18' }), '2026-11-03T10:00:00Z'],
      [leaving, '2026-12-18T09:40:00Z'],
    ];

    it('reopens the episode with its plan when the provisional discharge is retracted', () => {
      const outcome = last([
        ...plannedThenLeft(discharged({ eventId: dischargeId, provisional: true })),
        [retracted(), '2026-12-18T09:52:00Z'],
      ]);
      expect(outcome).toMatchObject({
        accepted: true,
        change: 'RELEASE_RETRACTED',
        opened: false,
        previousReleaseDate: '2026-12-18',
        person: {
          episode: {
            status: 'RELEASE_PLANNED',
            closedAt: null,
            closedBy: null,
            release: { releaseDate: '2026-12-18' },
          },
        },
      });
    });

    it('reopens an episode with no plan after a provisional court release', () => {
      const outcome = last([
        [reception(), '2026-11-02T14:00:00Z'],
        [courtRelease({ eventId: dischargeId, provisional: true }), '2026-11-20T15:10:00Z'],
        [retracted(), '2026-11-20T17:00:00Z'],
      ]);
      expect(outcome).toMatchObject({
        accepted: true,
        change: 'RELEASE_RETRACTED',
        previousReleaseDate: null,
        person: { episode: { status: 'IN_CUSTODY', closedAt: null } },
      });
    });

    it('keeps the same episode, so a later discharge ends it once', () => {
      const outcomes = apply([
        ...plannedThenLeft(discharged({ eventId: dischargeId, provisional: true })),
        [retracted(), '2026-12-18T09:52:00Z'],
        [discharged(), '2026-12-18T11:00:00Z'],
      ]);
      const [received, , , back, left] = outcomes;
      if (!received?.accepted || !back?.accepted || !left?.accepted)
        throw new Error('all accepted');
      expect(left).toMatchObject({ change: 'DISCHARGED', opened: false });
      expect([back.episodeId, left.episodeId]).toEqual([received.episodeId, received.episodeId]);
    });

    it.each([
      [
        'a confirmed discharge',
        plannedThenLeft(discharged({ eventId: dischargeId })),
        retracted(),
        'confirmed, not provisional',
      ],
      [
        'another event than the one that closed the episode',
        plannedThenLeft(discharged({ provisional: true })),
        retracted(),
        'is not the release that closed',
      ],
      [
        'a person still in custody',
        [[reception(), '2026-11-02T14:00:00Z']] as Array<[IntakeEvent, string]>,
        retracted(),
        'not recorded as released',
      ],
      [
        'a person the hub never saw',
        [] as Array<[IntakeEvent, string]>,
        retracted(),
        'not recorded as released',
      ],
      [
        'another prison than the one that released',
        plannedThenLeft(discharged({ eventId: dischargeId, provisional: true })),
        retracted({ establishment: 'MDI' }),
        'released from LEI, not MDI',
      ],
    ])('refuses a retraction of %s', (_what, before, retraction, reason) => {
      const outcome = last([...before, [retraction, '2026-12-18T10:00:00Z']]);
      expect(outcome.accepted).toBe(false);
      expect(!outcome.accepted && outcome.reason).toContain(reason);
    });

    it('refuses a retraction dated before the release, and a second one', () => {
      const early = last([
        ...plannedThenLeft(discharged({ eventId: dischargeId, provisional: true })),
        [retracted(), '2026-12-18T09:00:00Z'],
      ]);
      expect(!early.accepted && early.reason).toContain('predates the release');
      const twice = last([
        ...plannedThenLeft(discharged({ eventId: dischargeId, provisional: true })),
        [retracted(), '2026-12-18T09:52:00Z'],
        [retracted({ eventId: '2d8e5b3a-4f6c-4e0a-9b32-7c9d0e1f2a3b' }), '2026-12-18T09:53:00Z'],
      ]);
      expect(twice.accepted).toBe(false);
    });
  });
});
