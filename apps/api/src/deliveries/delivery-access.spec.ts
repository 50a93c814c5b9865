import type { DeliveryStatusV1 } from '@throughcare/contracts';

import type { Caller } from '../auth/caller';
import { listScope, maySee, replayRefusal } from './delivery-access';

const ADMIN: Caller = { role: 'admin', establishments: [] };
const LEEDS_CJIT: Caller = { role: 'subscriber', organisationId: 'leeds-cjit', establishments: [] };
const NO_ORGANISATION: Caller = { role: 'subscriber', establishments: [] };

const delivery = (status: DeliveryStatusV1, organisationId = 'leeds-cjit') => ({
  organisationId,
  status,
});

describe(listScope.name, () => {
  it('shows a subscriber its own deliveries without the withheld ones', () => {
    expect(listScope(LEEDS_CJIT)).toEqual({
      ok: true,
      scope: { organisationId: 'leeds-cjit', includeWithheld: false },
    });
  });

  it('accepts a subscriber naming its own organisation', () => {
    expect(listScope(LEEDS_CJIT, 'leeds-cjit')).toEqual(listScope(LEEDS_CJIT));
  });

  it.each([
    ['another organisation', LEEDS_CJIT, 'bradford-cjit'],
    ['no organisation on the key', NO_ORGANISATION, undefined],
  ])('refuses a subscriber with %s', (_case, caller, requested) => {
    expect(listScope(caller, requested)).toEqual({ ok: false });
  });

  it('shows admin everything, withheld included, or one organisation when asked', () => {
    expect(listScope(ADMIN)).toEqual({ ok: true, scope: { includeWithheld: true } });
    expect(listScope(ADMIN, 'bradford-cjit')).toEqual({
      ok: true,
      scope: { organisationId: 'bradford-cjit', includeWithheld: true },
    });
  });
});

describe(maySee.name, () => {
  it.each([
    [LEEDS_CJIT, delivery('DELIVERED'), true],
    [LEEDS_CJIT, delivery('PENDING'), true],
    [LEEDS_CJIT, delivery('WITHHELD'), false],
    [LEEDS_CJIT, delivery('DELIVERED', 'bradford-cjit'), false],
    [NO_ORGANISATION, delivery('DELIVERED'), false],
    [ADMIN, delivery('WITHHELD', 'bradford-cjit'), true],
  ])('%j on %j -> %s', (caller, seen, expected) => {
    expect(maySee(caller, seen)).toBe(expected);
  });
});

describe(replayRefusal.name, () => {
  it.each([
    ['DELIVERED', null],
    ['FAILED', null],
    ['PENDING', 'not-replayable'],
    ['PAUSED', 'not-replayable'],
  ] as const)('lets a subscriber replay its own %s delivery: %s', (status, expected) => {
    expect(replayRefusal(LEEDS_CJIT, delivery(status))).toBe(expected);
  });

  it.each([
    ['an unknown delivery', LEEDS_CJIT, null],
    ["another organisation's delivery", LEEDS_CJIT, delivery('FAILED', 'bradford-cjit')],
    // A 409 here would tell the subscriber a notice about someone was withheld.
    ['its own withheld delivery', LEEDS_CJIT, delivery('WITHHELD')],
  ])('answers not-found for %s', (_case, caller, seen) => {
    expect(replayRefusal(caller, seen)).toBe('not-found');
  });

  it('tells admin that a withheld delivery cannot be replayed', () => {
    expect(replayRefusal(ADMIN, delivery('WITHHELD'))).toBe('not-replayable');
    expect(replayRefusal(ADMIN, delivery('FAILED', 'bradford-cjit'))).toBeNull();
  });
});
