import { Algorithm, hash, verify } from '@node-rs/argon2';
import { Secret, TOTP } from 'otpauth';

/**
 * Password hashes are Argon2id with OWASP's second recommended setting (19 MiB, 2 passes, one
 * lane); the encoded hash carries its parameters, so old hashes still verify after a change.
 */
const ARGON2ID = { algorithm: Algorithm.Argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2ID);
}

export async function passwordMatches(encoded: string, password: string): Promise<boolean> {
  try {
    return await verify(encoded, password);
  } catch {
    return false; // a malformed stored hash never signs anyone in
  }
}

/** Verified against when the username is unknown, so the answer takes as long as for a real one. */
let decoyHash: Promise<string> | undefined;
export function decoy(): Promise<string> {
  decoyHash ??= hashPassword("decoy password, never anyone's");
  return decoyHash;
}

export const MIN_PASSWORD_LENGTH = 12;

function totp(secretBase32: string, username: string): TOTP {
  return new TOTP({
    issuer: 'Throughcare Hub',
    label: username,
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    secret: Secret.fromBase32(secretBase32),
  });
}

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** A six-digit code from now, the step before or the step after (clock drift). */
export function totpMatches(
  secretBase32: string,
  username: string,
  code: string,
  now: Date,
): boolean {
  if (!/^\d{6}$/.test(code)) return false;
  return (
    totp(secretBase32, username).validate({ token: code, timestamp: now.getTime(), window: 1 }) !==
    null
  );
}

export function totpCode(secretBase32: string, username: string, now: Date): string {
  return totp(secretBase32, username).generate({ timestamp: now.getTime() });
}

export function totpUri(secretBase32: string, username: string): string {
  return totp(secretBase32, username).toString();
}
