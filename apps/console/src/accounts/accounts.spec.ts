import { hashPassword, newTotpSecret, passwordMatches, totpCode, totpMatches } from './credentials';
import { afterFailure, AFTER_SUCCESS, isLocked } from './lockout';
import { bindingProblems, coversEstablishment, type StaffIdentity } from './staff-account';

const POLICY = { attempts: 3, minutes: 15 };
const NOW = new Date('2026-12-03T10:00:00Z');

describe('lockout after repeated failures (CSL-2)', () => {
  it('locks on the third failure in a row, for the policy minutes, and a success clears the count', () => {
    let state = AFTER_SUCCESS;
    state = afterFailure(state, POLICY, NOW);
    state = afterFailure(state, POLICY, NOW);
    expect(isLocked(state, NOW)).toBe(false);
    state = afterFailure(state, POLICY, NOW);
    expect(isLocked(state, NOW)).toBe(true);
    expect(isLocked(state, new Date(NOW.getTime() + 15 * 60_000))).toBe(false);
    expect(afterFailure(AFTER_SUCCESS, POLICY, NOW)).toEqual({
      failedAttempts: 1,
      lockedUntil: null,
    });
  });
});

describe('credentials (CSL-2)', () => {
  it('hashes with Argon2id and verifies only the right password', async () => {
    const encoded = await hashPassword('a long enough password');
    expect(encoded).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    await expect(passwordMatches(encoded, 'a long enough password')).resolves.toBe(true);
    await expect(passwordMatches(encoded, 'a long enough passworD')).resolves.toBe(false);
    await expect(passwordMatches('not a hash', 'anything')).resolves.toBe(false);
  });

  it('accepts the TOTP code of now and of the step either side, not older ones', () => {
    const secret = newTotpSecret();
    expect(totpMatches(secret, 'a', totpCode(secret, 'a', NOW), NOW)).toBe(true);
    expect(
      totpMatches(secret, 'a', totpCode(secret, 'a', new Date(NOW.getTime() - 30_000)), NOW),
    ).toBe(true);
    expect(
      totpMatches(secret, 'a', totpCode(secret, 'a', new Date(NOW.getTime() - 120_000)), NOW),
    ).toBe(false);
    expect(totpMatches(secret, 'a', 'abcdef', NOW)).toBe(false);
  });
});

describe('roles and their binding (CSL-1, CSL-4)', () => {
  it('binds prison roles to establishments and community roles to an organisation', () => {
    const base = {
      username: 'rita.r',
      establishments: [] as string[],
      organisationId: null as string | null,
    };
    expect(bindingProblems({ ...base, role: 'release-team', establishments: ['LEI'] })).toEqual([]);
    expect(bindingProblems({ ...base, role: 'release-team' }).map((p) => p.field)).toEqual([
      'establishments',
    ]);
    expect(
      bindingProblems({ ...base, role: 'probation', organisationId: 'yorks-probation' }),
    ).toEqual([]);
    expect(
      bindingProblems({ ...base, role: 'probation', establishments: ['LEI'] }).map((p) => p.field),
    ).toEqual(['organisationId', 'establishments']);
    expect(
      bindingProblems({ ...base, role: 'admin', establishments: ['LEI'] }).map((p) => p.field),
    ).toEqual(['role']);
    expect(bindingProblems({ ...base, role: 'superuser' }).map((p) => p.field)).toEqual(['role']);
  });

  it('lets a person act only for their own establishments; an admin for all; community roles for none', () => {
    const person = (role: StaffIdentity['role'], establishments: string[]): StaffIdentity => ({
      accountId: 'x',
      username: 'x',
      displayName: 'X',
      role,
      establishments,
      organisationId: null,
    });
    expect(coversEstablishment(person('healthcare', ['LEI']), 'LEI')).toBe(true);
    expect(coversEstablishment(person('healthcare', ['LEI']), 'MDI')).toBe(false);
    expect(coversEstablishment(person('admin', []), 'MDI')).toBe(true);
    expect(coversEstablishment(person('community-service', ['LEI']), 'LEI')).toBe(false);
  });
});
