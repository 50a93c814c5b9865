import { randomBytes } from 'node:crypto';

import { decryptSecret, encryptSecret } from './secret-cipher';

describe(encryptSecret.name, () => {
  const key = randomBytes(32).toString('base64');

  it('round-trips and never contains the plain secret', () => {
    const sealed = encryptSecret('whsec_abc', key);
    expect(sealed).not.toContain('whsec_abc');
    expect(decryptSecret(sealed, key)).toBe('whsec_abc');
  });

  it('refuses a tampered ciphertext', () => {
    const sealed = encryptSecret('whsec_abc', key);
    const parts = sealed.split('.');
    parts[3] = Buffer.from('whsec_abd').toString('base64');
    expect(() => decryptSecret(parts.join('.'), key)).toThrow();
  });

  it('refuses a key of the wrong length', () => {
    expect(() => encryptSecret('x', Buffer.from('short').toString('base64'))).toThrow(/32 bytes/);
  });
});
