/**
 * Lockout after repeated failures (CSL-2): a wrong password or code counts; the count-th in a row
 * locks the account for a while; a success clears the count. Pure, so the rule is unit-tested.
 */
export interface LockoutPolicy {
  attempts: number;
  minutes: number;
}

export interface LockoutState {
  failedAttempts: number;
  lockedUntil: Date | null;
}

export function isLocked(state: LockoutState, now: Date): boolean {
  return state.lockedUntil !== null && state.lockedUntil.getTime() > now.getTime();
}

export function afterFailure(state: LockoutState, policy: LockoutPolicy, now: Date): LockoutState {
  const failedAttempts = state.failedAttempts + 1;
  if (failedAttempts < policy.attempts) return { failedAttempts, lockedUntil: state.lockedUntil };
  return { failedAttempts: 0, lockedUntil: new Date(now.getTime() + policy.minutes * 60_000) };
}

export const AFTER_SUCCESS: LockoutState = { failedAttempts: 0, lockedUntil: null };
