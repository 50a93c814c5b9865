import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

// Subscription signing secrets are stored and carried only encrypted (AES-256-GCM) under the
// hub's HUB_SECRET_KEY, so a database dump or a Kafka topic never holds a usable secret.

const VERSION = 'v1';

function keyBytes(base64Key: string): Buffer {
  const key = Buffer.from(base64Key, 'base64');
  if (key.length !== 32) throw new Error('HUB_SECRET_KEY must be 32 bytes, base64-encoded');
  return key;
}

export function encryptSecret(plain: string, base64Key: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyBytes(base64Key), iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [
    VERSION,
    iv.toString('base64'),
    cipher.getAuthTag().toString('base64'),
    body.toString('base64'),
  ].join('.');
}

export function decryptSecret(sealed: string, base64Key: string): string {
  const [version, iv, tag, body] = sealed.split('.');
  if (version !== VERSION || !iv || !tag || !body) throw new Error('unrecognised sealed secret');
  const decipher = createDecipheriv('aes-256-gcm', keyBytes(base64Key), Buffer.from(iv, 'base64'));
  decipher.setAuthTag(Buffer.from(tag, 'base64'));
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString(
    'utf8',
  );
}
