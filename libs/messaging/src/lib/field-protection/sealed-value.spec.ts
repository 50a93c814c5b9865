import { randomBytes } from 'node:crypto';

import { parseFieldKeyring, type FieldKeyring } from './field-keyring';
import {
  SEALED_PREFIX,
  SealedValueError,
  isSealed,
  openSealedValue,
  sealValue,
} from './sealed-value';

function key(): string {
  return randomBytes(32).toString('base64');
}

const binding = { eventId: 'e-1', path: 'data.release.clinical' };

describe('sealValue / openSealedValue', () => {
  const oldKey = key();
  const currentKey = key();
  const keyring = parseFieldKeyring({ currentKeyId: 'k2', keys: `k2:${currentKey},k1:${oldKey}` });

  it.each([
    ['a string', 'METHADONE'],
    ['a number', 60.5],
    ['a boolean', false],
    ['an object', { onOst: true, ostMedicine: 'METHADONE', doseMg: 60 }],
    ['an array', ['risk one', 'risk two']],
  ])('opens %s to the same value and type', (_, value) => {
    const sealed = sealValue(keyring, value, binding);
    expect(sealed.startsWith(`${SEALED_PREFIX}k2:`)).toBe(true);
    expect(isSealed(sealed)).toBe(true);
    expect(openSealedValue(keyring, sealed, binding)).toEqual(value);
  });

  it('never shows the value and seals the same value differently each time (random IV)', () => {
    const first = sealValue(keyring, 'Dr Unique Marker', binding);
    const second = sealValue(keyring, 'Dr Unique Marker', binding);
    expect(first).not.toContain('Unique');
    expect(Buffer.from(first.split(':')[3] as string, 'base64').toString('latin1')).not.toContain(
      'Unique',
    );
    expect(first).not.toBe(second);
  });

  it('refuses a tampered ciphertext', () => {
    const sealed = sealValue(keyring, { doseMg: 60 }, binding);
    const body = Buffer.from(sealed.split(':')[3] as string, 'base64');
    body[14] = (body[14] as number) ^ 0x01;
    const tampered = `${SEALED_PREFIX}k2:${body.toString('base64')}`;
    expect(() => openSealedValue(keyring, tampered, binding)).toThrow(SealedValueError);
  });

  it('refuses a value moved to another field or another event (bound by AAD)', () => {
    const sealed = sealValue(keyring, 'METHADONE', binding);
    expect(() =>
      openSealedValue(keyring, sealed, { ...binding, path: 'data.release.releaseArea' }),
    ).toThrow(/authentication failed/);
    expect(() => openSealedValue(keyring, sealed, { ...binding, eventId: 'e-2' })).toThrow(
      SealedValueError,
    );
  });

  it('refuses a key id that is not configured, naming the id and the path, never the value', () => {
    const other = parseFieldKeyring({ currentKeyId: 'k9', keys: `k9:${key()}` });
    const sealed = sealValue(other, 'METHADONE', binding);
    expect(() => openSealedValue(keyring, sealed, binding)).toThrow(
      'sealed value at data.release.clinical does not open: key id "k9" is not configured',
    );
  });

  it('refuses the right key id with the wrong key', () => {
    const impostor = parseFieldKeyring({ currentKeyId: 'k2', keys: `k2:${key()}` });
    const sealed = sealValue(impostor, 'METHADONE', binding);
    expect(() => openSealedValue(keyring, sealed, binding)).toThrow(/authentication failed/);
  });

  it('rotation: values sealed under the old key still open after a new current key is added', () => {
    const before: FieldKeyring = parseFieldKeyring({ currentKeyId: 'k1', keys: `k1:${oldKey}` });
    const sealedBefore = sealValue(before, { doseMg: 30 }, binding);
    expect(sealedBefore.startsWith(`${SEALED_PREFIX}k1:`)).toBe(true);
    expect(openSealedValue(keyring, sealedBefore, binding)).toEqual({ doseMg: 30 });
    // Once the old key is dropped from the list, what it sealed no longer opens.
    const retired = parseFieldKeyring({ currentKeyId: 'k2', keys: `k2:${currentKey}` });
    expect(() => openSealedValue(retired, sealedBefore, binding)).toThrow(/"k1" is not configured/);
  });

  it('refuses a truncated value', () => {
    expect(() => openSealedValue(keyring, `${SEALED_PREFIX}k2:AAAA`, binding)).toThrow(/too short/);
  });
});

describe('parseFieldKeyring', () => {
  it.each([
    [
      'a current id that is not listed',
      { currentKeyId: 'k3', keys: `k1:${key()}` },
      /HUB_FIELD_KEY_ID/,
    ],
    [
      'a short key',
      { currentKeyId: 'k1', keys: `k1:${randomBytes(16).toString('base64')}` },
      /32 bytes/,
    ],
    ['an entry without an id', { currentKeyId: 'k1', keys: `:${key()}` }, /keyId/],
    ['a key id listed twice', { currentKeyId: 'k1', keys: `k1:${key()},k1:${key()}` }, /twice/],
  ])('refuses %s, naming the variable and never the key', (_, settings, message) => {
    expect(() => parseFieldKeyring(settings)).toThrow(message);
    try {
      parseFieldKeyring(settings);
    } catch (error) {
      expect((error as Error).message).not.toContain(settings.keys.split(':')[1]?.slice(0, 20));
    }
  });
});
