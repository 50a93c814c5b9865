import { milestonesToRearm } from './release-retracted.handler';

const PLAN = 'a1f0c2d3-0000-4000-8000-000000000001';
const OLD_PLAN = 'a1f0c2d3-0000-4000-8000-000000000002';

describe(milestonesToRearm.name, () => {
  it('arms again the standing plan’s milestones the release stood down', () => {
    const rows = [
      { id: '1', kind: 'SIX_WEEKS', status: 'SENT', releaseEventId: PLAN },
      { id: '2', kind: 'TWO_DAYS', status: 'SUPERSEDED', releaseEventId: PLAN },
      { id: '3', kind: 'DAY_OF_RELEASE', status: 'SUPERSEDED', releaseEventId: PLAN },
    ] as const;
    expect(milestonesToRearm(rows, PLAN).map((m) => m.id)).toEqual(['2', '3']);
  });

  it('never arms a kind the episode already sent, nor an older plan’s milestones', () => {
    const rows = [
      { id: '1', kind: 'SIX_WEEKS', status: 'SENT', releaseEventId: OLD_PLAN },
      { id: '2', kind: 'SIX_WEEKS', status: 'SUPERSEDED', releaseEventId: PLAN },
      { id: '3', kind: 'TWO_DAYS', status: 'SUPERSEDED', releaseEventId: OLD_PLAN },
    ] as const;
    expect(milestonesToRearm(rows, PLAN)).toEqual([]);
  });

  it('arms one milestone per kind', () => {
    const rows = [
      { id: '1', kind: 'TWO_DAYS', status: 'SUPERSEDED', releaseEventId: PLAN },
      { id: '2', kind: 'TWO_DAYS', status: 'SUPERSEDED', releaseEventId: PLAN },
    ] as const;
    expect(milestonesToRearm(rows, PLAN).map((m) => m.id)).toEqual(['1']);
  });
});
