import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

import type { FieldKeyring } from './field-keyring';

/**
 * `sealed:v1:<keyId>:<base64(iv | ciphertext | tag)>`: AES-256-GCM over the JSON of the value
 * (docs/security/data-protection.md FP-4).
 */
export const SEALED_PREFIX = 'sealed:v1:';

const IV_BYTES = 12;
const TAG_BYTES = 16;

/** A sealed value that does not open: unknown key id, wrong binding, or altered in transit. */
export class SealedValueError extends Error {
  constructor(
    readonly path: string,
    readonly problem: string,
  ) {
    super(`sealed value at ${path || '(whole message)'} does not open: ${problem}`);
    this.name = 'SealedValueError';
  }
}

/**
 * What a sealed value is bound to (FP-5): the event id and the field's path. A value copied into
 * another field or another event no longer opens (the tag covers this associated data).
 */
export interface SealBinding {
  eventId: string;
  path: string;
}

function associatedData(binding: SealBinding): Buffer {
  return Buffer.from(`${SEALED_PREFIX}${binding.eventId}|${binding.path}`, 'utf8');
}

export function isSealed(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith(SEALED_PREFIX);
}

/** Seals any JSON value under the current key; opening gives back the same value and type. */
export function sealValue(keyring: FieldKeyring, value: unknown, binding: SealBinding): string {
  const key = keyring.keys.get(keyring.current) as Buffer;
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(associatedData(binding));
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  const sealed = Buffer.concat([iv, ciphertext, cipher.getAuthTag()]).toString('base64');
  return `${SEALED_PREFIX}${keyring.current}:${sealed}`;
}

/** Opens a sealed value with the key its id names (old keys still open: rotation, FP-10). */
export function openSealedValue(
  keyring: FieldKeyring,
  sealed: string,
  binding: SealBinding,
): unknown {
  const rest = sealed.slice(SEALED_PREFIX.length);
  const separator = rest.indexOf(':');
  const keyId = separator > 0 ? rest.slice(0, separator) : '';
  const key = keyring.keys.get(keyId);
  if (!key)
    throw new SealedValueError(
      binding.path,
      `key id ${JSON.stringify(keyId.slice(0, 32))} is not configured`,
    );
  const bytes = Buffer.from(rest.slice(separator + 1), 'base64');
  if (bytes.length < IV_BYTES + TAG_BYTES) throw new SealedValueError(binding.path, 'too short');
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, IV_BYTES));
    decipher.setAAD(associatedData(binding));
    decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
    const plain = Buffer.concat([
      decipher.update(bytes.subarray(IV_BYTES, bytes.length - TAG_BYTES)),
      decipher.final(),
    ]);
    return JSON.parse(plain.toString('utf8')) as unknown;
  } catch {
    throw new SealedValueError(binding.path, 'authentication failed');
  }
}
