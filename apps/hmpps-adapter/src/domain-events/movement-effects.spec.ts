import type { HmppsAdapterConfig } from '../config/hmpps-adapter.config';
import type { CourtCandidatesRepository } from '../court-candidates/court-candidates.repository';
import type {
  PersonReleases,
  ProvisionalReleasesRepository,
  StoredRelease,
} from '../provisional-releases/provisional-releases.repository';
import type { SearchPrisoner } from '../release-dates/planned-release';
import type { PrisonerSearchClient } from '../release-dates/prisoner-search.client';
import type { AdapterRecordsRepository, CustodyPosition } from './adapter-records.repository';
import type { HubAction } from './hmpps-event-mapping';
import type { HubAnswer, HubIntakeClient } from './hub-intake.client';
import { MovementEffects } from './movement-effects';

type Movement = Extract<HubAction, { establishment: string }>;

function setup(
  options: {
    position?: CustodyPosition;
    prisoner?: SearchPrisoner;
    answers?: Partial<Record<string, HubAnswer>>;
    areas?: Record<string, string>;
  } = {},
) {
  const posted: Array<[string, Record<string, unknown>]> = [];
  const moves: string[] = [];
  const closed: string[] = [];
  const hub = {
    post: async (path: string, body: Record<string, unknown>) => {
      posted.push([path, body]);
      return options.answers?.[path] ?? { accepted: true };
    },
  } as unknown as HubIntakeClient;
  const search = {
    enabled: true,
    prisoner: async () => options.prisoner,
  } as unknown as PrisonerSearchClient;
  const records = {
    position: async () => options.position,
    move: async (_n: string, position: { establishment: string }) => {
      moves.push(position.establishment);
    },
    notePlannedRelease: async () => undefined,
  } as unknown as AdapterRecordsRepository;
  const courts = {
    open: async () => undefined,
    closeBefore: async (prisonNumber: string) => {
      closed.push(prisonNumber);
    },
  } as unknown as CourtCandidatesRepository;
  const config = {
    releaseAreas: new Map(Object.entries(options.areas ?? { MDI: 'E08000035' })),
  } as unknown as HmppsAdapterConfig;
  // The person's release rows in memory, as the repository keeps them (latest by releasedAt).
  const rows: StoredRelease[] = [];
  const person = {
    latest: async () => [...rows].sort((a, b) => a.releasedAt.localeCompare(b.releasedAt)).at(-1),
    record: async (release: StoredRelease) => {
      if (!rows.some((row) => row.hubEventId === release.hubEventId))
        rows.push({ ...release, returnedAt: null });
    },
    confirm: async (id: string) => {
      for (const row of rows) if (row.hubEventId === id) row.status = 'CONFIRMED';
    },
    returned: async (id: string, at: string, retracted: boolean) => {
      for (const row of rows)
        if (row.hubEventId === id) {
          row.returnedAt = at;
          if (retracted) row.status = 'RETRACTED';
        }
    },
  } as unknown as PersonReleases;
  const releases = {
    forPerson: async <T>(_n: string, work: (r: PersonReleases) => Promise<T>) => work(person),
  } as unknown as ProvisionalReleasesRepository;
  return {
    sut: new MovementEffects(hub, search, records, courts, releases, config),
    posted,
    moves,
    closed,
    rows,
  };
}

const movement = (kind: Movement['kind'], extra: Partial<Movement> = {}): Movement =>
  ({
    kind,
    prisonNumber: 'A1234BC',
    establishment: 'MDI',
    occurredAt: '2026-03-02T10:15:00.000Z',
    stream: 'delayed',
    ...extra,
  }) as Movement;

const position = (establishment: string, plannedReleaseDate: string | null = null) => ({
  establishment,
  inTransit: true,
  occurredAt: new Date('2026-03-01T00:00:00Z'),
  plannedReleaseDate,
});

describe(MovementEffects.name, () => {
  it('posts a transfer from the prison last seen, then the receiving prison’s reception', async () => {
    const { sut, posted } = setup({ position: position('SWI') });

    const effect = await sut.apply('m-1', movement('transfer-in'));

    expect(
      posted.map(([path, body]) => [path, body['fromEstablishment'] ?? body['establishment']]),
    ).toEqual([
      ['transfer', 'SWI'],
      ['reception', 'MDI'],
    ]);
    expect(effect.hubEventIds).toHaveLength(2);
  });

  it('names the HMPPS message behind every hub event it posts, for the hub timeline (HMPPS-7)', async () => {
    const { sut, posted } = setup({
      position: position('SWI'),
      prisoner: { prisonerNumber: 'A1234BC', prisonId: 'MDI', releaseDate: '2027-01-14' },
    });

    await sut.apply('sns-message-7', movement('transfer-in'));
    await sut.apply('sns-message-8', movement('discharge'));

    expect(posted.map(([path, body]) => [path, body['source']])).toEqual([
      ['transfer', { system: 'HMPPS', eventId: 'sns-message-7' }],
      ['reception', { system: 'HMPPS', eventId: 'sns-message-7' }],
      ['release', { system: 'HMPPS', eventId: 'sns-message-7' }],
      ['discharge', { system: 'HMPPS', eventId: 'sns-message-8' }],
    ]);
  });

  it('posts only the reception when the adapter has not seen the person before', async () => {
    const { sut, posted } = setup();

    await sut.apply('m-1', movement('transfer-in'));

    expect(posted.map(([path]) => path)).toEqual(['reception']);
  });

  it('posts no reception when the hub refuses the transfer, and says why', async () => {
    const { sut, posted, moves } = setup({
      position: position('SWI'),
      answers: { transfer: { accepted: false, status: 403, detail: 'not held here (ACC-3)' } },
    });

    const effect = await sut.apply('m-1', movement('transfer-in'));

    expect(posted.map(([path]) => path)).toEqual(['transfer']);
    expect(moves).toEqual([]);
    expect(effect).toMatchObject({
      status: 'refused',
      outcome: 'transfer refused 403: not held here (ACC-3)',
    });
  });

  it.each([
    ['a release area', { MDI: 'E08000035' }, ['reception', 'release']],
    ['no release area', {}, ['reception']],
  ])(
    'with %s for the prison, a reception with a release date posts %j',
    async (_case, areas, paths) => {
      const { sut, posted } = setup({
        areas,
        prisoner: { prisonerNumber: 'A1234BC', prisonId: 'MDI', releaseDate: '2026-06-01' },
      });

      await sut.apply('m-1', movement('reception'));

      expect(posted.map(([path]) => path)).toEqual(paths);
    },
  );

  it('does not post a release date already posted', async () => {
    const { sut, posted } = setup({
      position: position('MDI', '2026-06-01'),
      prisoner: { prisonerNumber: 'A1234BC', prisonId: 'MDI', releaseDate: '2026-06-01' },
    });

    const effect = await sut.apply('m-1', {
      kind: 'release-dates-changed',
      prisonNumber: 'A1234BC',
      occurredAt: '2026-03-02T10:15:00.000Z',
      stream: 'delayed',
    });

    expect(posted).toEqual([]);
    expect(effect.outcome).toBe('release dates: 2026-06-01 unchanged');
  });

  it.each(['reception', 'transfer-in', 'court-candidate', 'court-return'] as const)(
    'an immediate-stream %s posts nothing (HMPPS-10)',
    async (kind) => {
      const { sut, posted } = setup({ position: position('SWI') });

      const effect = await sut.apply('m-1', movement(kind, { stream: 'immediate' }));

      expect(posted).toEqual([]);
      expect(effect.status).toBe('noted');
    },
  );

  it.each([
    ['court-return', ['A1234BC'], []],
    ['temporary-absence', [], []],
    ['hospital-release', [], []],
    ['transfer-out', [], []],
  ] as const)('%s closes court candidacies %j and posts %j', async (kind, closedFor, paths) => {
    const { sut, posted, closed } = setup();

    await sut.apply('m-1', movement(kind));

    expect(closed).toEqual(closedFor);
    expect(posted.map(([path]) => path)).toEqual(paths);
  });

  describe('provisional and confirmed releases (HMPPS-10)', () => {
    const at = (minutes: number) =>
      new Date(Date.parse('2026-03-02T10:15:00.000Z') + minutes * 60_000).toISOString();

    it('posts the immediate stream’s release at once, marked provisional, under an id of the person and movement', async () => {
      const { sut, posted, rows } = setup();

      const first = await sut.apply('m-1', movement('discharge', { stream: 'immediate' }));
      const second = setup();
      await second.sut.apply('m-other', movement('discharge', { stream: 'immediate' }));

      expect(posted).toEqual([
        [
          'discharge',
          expect.objectContaining({ provisional: true, dischargedAt: at(0), establishment: 'MDI' }),
        ],
      ]);
      expect(first).toMatchObject({
        status: 'accepted',
        outcome: 'provisional discharge accepted',
      });
      // Another HMPPS message about the same movement: the same hub event id.
      expect(second.posted[0]?.[1]['eventId']).toBe(posted[0]?.[1]['eventId']);
      expect(rows).toMatchObject([{ status: 'PROVISIONAL', releasedAt: at(0) }]);
    });

    it('a flap: a second immediate release posts nothing, the reception back retracts the first', async () => {
      const { sut, posted, rows } = setup();

      await sut.apply('m-1', movement('discharge', { stream: 'immediate' }));
      const again = await sut.apply(
        'm-2',
        movement('discharge', { stream: 'immediate', occurredAt: at(1) }),
      );
      const back = await sut.apply(
        'm-3',
        movement('reception', { stream: 'immediate', occurredAt: at(4) }),
      );

      expect(again).toMatchObject({
        status: 'noted',
        outcome: 'release already provisional: nothing posted',
      });
      expect(posted.map(([path]) => path)).toEqual(['discharge', 'release-retracted']);
      expect(posted[1]?.[1]).toMatchObject({
        retractedEventId: posted[0]?.[1]['eventId'],
        establishment: 'MDI',
        occurredAt: at(4),
        source: { system: 'HMPPS', eventId: 'm-3' },
      });
      expect(back).toMatchObject({ status: 'accepted', outcome: 'release retracted accepted' });
      expect(rows).toMatchObject([{ status: 'RETRACTED', returnedAt: at(4) }]);
    });

    it('the delayed stream’s copy confirms the provisional release and posts nothing; a later reception is a reception', async () => {
      const { sut, posted, rows } = setup();

      await sut.apply('m-1', movement('discharge', { stream: 'immediate' }));
      const confirmed = await sut.apply('m-2', movement('discharge', { occurredAt: at(-1) }));
      const copy = await sut.apply(
        'm-3',
        movement('discharge', { stream: 'immediate', occurredAt: at(2) }),
      );
      await sut.apply('m-4', movement('reception', { occurredAt: at(60 * 24) }));

      expect(confirmed).toMatchObject({
        status: 'noted',
        outcome: 'provisional release confirmed by the delayed stream: nothing posted',
      });
      expect(copy.status).toBe('noted');
      expect(posted.map(([path]) => path)).toEqual(['discharge', 'reception']);
      expect(rows).toMatchObject([{ status: 'CONFIRMED', returnedAt: at(60 * 24) }]);
    });

    it('a release seen first on the delayed stream is posted confirmed, and its immediate copy afterwards posts nothing', async () => {
      const { sut, posted } = setup();

      await sut.apply('m-1', movement('discharge'));
      await sut.apply('m-2', movement('discharge', { stream: 'immediate', occurredAt: at(1) }));

      expect(posted).toHaveLength(1);
      expect(posted[0]?.[1]).not.toHaveProperty('provisional');
    });

    it('records nothing when the hub refuses the provisional release, so the delayed copy is posted', async () => {
      const { sut, posted, rows } = setup({
        answers: { discharge: { accepted: false, status: 409, detail: 'already released' } },
      });

      await sut.apply('m-1', movement('discharge', { stream: 'immediate' }));
      await sut.apply('m-2', movement('discharge'));

      expect(rows).toEqual([]);
      expect(posted.map(([path, body]) => [path, body['provisional']])).toEqual([
        ['discharge', true],
        ['discharge', undefined],
      ]);
    });
  });
});
