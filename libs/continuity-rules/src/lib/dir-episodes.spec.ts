import {
  custodyEpisodes,
  decideDirWrite,
  decideOnArrival,
  type CustodyMovement,
  type DirOnRecord,
} from './dir-episodes';

// A person received at Leeds, moved to Moorland, released, and received again at Leeds.
const RECEIVED_LEI = {
  kind: 'RECEPTION',
  at: '2026-11-02T14:05:00Z',
  establishment: 'LEI',
  cjitCaseload: 'leeds-cjit',
} as const;
const TRANSFERRED_TO_MDI = {
  kind: 'TRANSFER',
  at: '2026-11-10T08:30:00Z',
  fromEstablishment: 'LEI',
  toEstablishment: 'MDI',
} as const;
const RECEIVED_AT_MDI = {
  kind: 'RECEPTION',
  at: '2026-11-10T16:00:00Z',
  establishment: 'MDI',
} as const;
const DISCHARGED_MDI = {
  kind: 'RELEASE',
  at: '2026-12-18T09:40:00Z',
  establishment: 'MDI',
  how: 'DISCHARGE',
} as const;
const RECEIVED_AGAIN_LEI = {
  kind: 'RECEPTION',
  at: '2027-02-01T15:00:00Z',
  establishment: 'LEI',
} as const;

const FIRST_EPISODE = { receivedAt: '2026-11-02T14:05:00Z', establishment: 'LEI' };
const SECOND_EPISODE = { receivedAt: '2027-02-01T15:00:00Z', establishment: 'LEI' };

const FIRST_DIR: DirOnRecord = {
  dirId: 'dir-1',
  episode: FIRST_EPISODE,
  version: 1,
  holder: 'LEI',
};

describe(custodyEpisodes.name, () => {
  it('splits the history at releases, whatever order the movements arrived in', () => {
    const history: CustodyMovement[] = [
      RECEIVED_AGAIN_LEI,
      DISCHARGED_MDI,
      RECEIVED_LEI,
      TRANSFERRED_TO_MDI,
    ];
    expect(custodyEpisodes(history)).toEqual([
      {
        ref: FIRST_EPISODE,
        receptions: [FIRST_EPISODE],
        heldAt: 'MDI',
        closedAt: '2026-12-18T09:40:00Z',
      },
      { ref: SECOND_EPISODE, receptions: [SECOND_EPISODE], heldAt: 'LEI', closedAt: null },
    ]);
  });
});

describe(decideDirWrite.name, () => {
  it('creates the first DIR of an episode at healthcare triage (DIR-02)', () => {
    const sut = decideDirWrite([RECEIVED_LEI], [], {
      custodyEpisode: FIRST_EPISODE,
      establishment: 'LEI',
      recordedAt: '2026-11-02T18:05:00Z',
    });
    expect(sut).toEqual({ action: 'CREATE', episode: FIRST_EPISODE, version: 1, holder: 'LEI' });
  });

  it('makes a second PUT for the same episode a new version, keeping the first (DIR-04)', () => {
    const sut = decideDirWrite([RECEIVED_LEI], [FIRST_DIR], {
      custodyEpisode: { receivedAt: '2026-11-02T14:05:00.000Z', establishment: 'LEI' },
      establishment: 'LEI',
      recordedAt: '2026-11-05T10:00:00Z',
    });
    expect(sut).toEqual({
      action: 'UPDATE',
      dirId: 'dir-1',
      episode: FIRST_EPISODE,
      version: 2,
      previousVersion: 1,
      holder: 'LEI',
    });
  });

  it('updates, never duplicates, when the receiving prison writes from its own reception (DIR-01)', () => {
    const history = [RECEIVED_LEI, TRANSFERRED_TO_MDI, RECEIVED_AT_MDI];
    const sut = decideDirWrite(history, [FIRST_DIR], {
      custodyEpisode: { receivedAt: RECEIVED_AT_MDI.at, establishment: 'MDI' },
      establishment: 'MDI',
      recordedAt: '2026-11-10T18:00:00Z',
    });
    expect(sut).toEqual({
      action: 'UPDATE',
      dirId: 'dir-1',
      episode: FIRST_EPISODE,
      version: 2,
      previousVersion: 1,
      holder: 'MDI',
    });
  });

  it('creates a new DIR for the episode a reception after a release starts (DIR-01)', () => {
    const history = [RECEIVED_LEI, TRANSFERRED_TO_MDI, DISCHARGED_MDI, RECEIVED_AGAIN_LEI];
    const sut = decideDirWrite(history, [{ ...FIRST_DIR, holder: 'MDI' }], {
      custodyEpisode: SECOND_EPISODE,
      establishment: 'LEI',
      recordedAt: '2027-02-01T19:00:00Z',
    });
    expect(sut).toEqual({ action: 'CREATE', episode: SECOND_EPISODE, version: 1, holder: 'LEI' });
  });

  it.each([
    [
      'a reception the hub has not seen',
      { receivedAt: '2026-10-01T10:00:00Z', establishment: 'LEI' },
      'LEI',
      '2026-11-05T10:00:00Z',
      'no custody episode opened by that reception',
    ],
    [
      'an episode that has ended',
      FIRST_EPISODE,
      'MDI',
      '2026-12-19T10:00:00Z',
      'the custody episode ended on 2026-12-18T09:40:00Z',
    ],
    [
      'the sending prison after the transfer',
      FIRST_EPISODE,
      'LEI',
      '2026-11-11T10:00:00Z',
      'the person was held at MDI, not LEI, at 2026-11-11T10:00:00Z',
    ],
  ])('refuses a write for %s', (_, custodyEpisode, establishment, recordedAt, reason) => {
    const history = [RECEIVED_LEI, TRANSFERRED_TO_MDI, DISCHARGED_MDI];
    const sut = decideDirWrite(history, [FIRST_DIR], {
      custodyEpisode,
      establishment,
      recordedAt,
    });
    expect(sut).toEqual({ action: 'REFUSE', reason });
  });
});

describe(decideOnArrival.name, () => {
  it('starts a new episode on reception and asks the CJIT that holds the person for its record (DIR-06)', () => {
    const sut = decideOnArrival([RECEIVED_LEI], [], RECEIVED_LEI);
    expect(sut).toEqual({
      dir: { action: 'START_NEW', episode: FIRST_EPISODE },
      actions: [
        { kind: 'REQUEST_CJIT_RECORD', organisationId: 'leeds-cjit', establishment: 'LEI' },
      ],
    });
  });

  it('hands the DIR to the receiving prison on transfer, the same day (TRF-01)', () => {
    const sut = decideOnArrival(
      [RECEIVED_LEI, TRANSFERRED_TO_MDI],
      [FIRST_DIR],
      TRANSFERRED_TO_MDI,
    );
    expect(sut).toEqual({
      dir: { action: 'ATTACH', dirId: 'dir-1', holder: 'MDI' },
      actions: [
        { kind: 'HAND_OFF_DIR', dirId: 'dir-1', fromEstablishment: 'LEI', toEstablishment: 'MDI' },
      ],
    });
  });

  it('attaches the DIR already handed off when the receiving prison records its reception (DIR-01)', () => {
    const history = [RECEIVED_LEI, TRANSFERRED_TO_MDI, RECEIVED_AT_MDI];
    const sut = decideOnArrival(history, [{ ...FIRST_DIR, holder: 'MDI' }], RECEIVED_AT_MDI);
    expect(sut).toEqual({ dir: { action: 'ATTACH', dirId: 'dir-1', holder: 'MDI' }, actions: [] });
  });

  it('has nothing to hand off when no DIR was written before the transfer', () => {
    const sut = decideOnArrival([RECEIVED_LEI, TRANSFERRED_TO_MDI], [], TRANSFERRED_TO_MDI);
    expect(sut).toEqual({ dir: { action: 'NONE_YET', episode: FIRST_EPISODE }, actions: [] });
  });

  it("never attaches the previous episode's DIR to a reception after a release", () => {
    const history = [RECEIVED_LEI, DISCHARGED_MDI, RECEIVED_AGAIN_LEI];
    const sut = decideOnArrival(history, [FIRST_DIR], RECEIVED_AGAIN_LEI);
    expect(sut).toEqual({ dir: { action: 'START_NEW', episode: SECOND_EPISODE }, actions: [] });
  });
});
