import { execFile } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { promisify } from 'node:util';

import { dropDatabase, ensureDatabase } from '@throughcare/persistence';
import { TestDatabase, WORKSPACE_ROOT, migrateAll } from '@throughcare/testing';
import { decryptSecret, encryptSecret } from '@throughcare/webhooks';

/*
 * Rotating HUB_SECRET_KEY (docs/operations.md): every signing secret sealed under the old key is
 * sealed again under the new one (subscriptions in both schemas, the previous secret, the answer
 * kept for an Idempotency-Key replay); the secrets are unchanged; a second run changes nothing;
 * a wrong old key changes nothing at all. On a database of its own: the run's database holds
 * other suites' subscriptions under the run's key.
 */

const newKey = () => randomBytes(32).toString('base64');

describe('rotating HUB_SECRET_KEY', () => {
  const url = (process.env['DATABASE_URL'] as string).replace(
    /\/[^/?]+(\?.*)?$/,
    `/thub_rotate_${Date.now().toString(36)}$1`,
  );
  let db: TestDatabase;
  const oldKey = newKey();
  const nextKey = newKey();
  const id = randomUUID();
  const secret = `whsec_${randomBytes(24).toString('base64')}`;
  const previous = `whsec_${randomBytes(24).toString('base64')}`;

  const rotate = (env: Record<string, string>) =>
    promisify(execFile)(
      process.execPath,
      ['-r', './tools/register-ts.js', 'tools/secret-key/rotate-secret-key.ts'],
      { cwd: WORKSPACE_ROOT, env: { ...process.env, DATABASE_URL: url, ...env }, timeout: 60_000 },
    );
  const sealedValues = async () => {
    const [api] = await db.rows<{ s: string }>(
      'SELECT encrypted_secret AS s FROM api.subscription WHERE id = $1',
      [id],
    );
    const [notifier] = await db.rows<{ s: string; p: string }>(
      'SELECT encrypted_secret AS s, previous_encrypted_secret AS p FROM notifier.webhook_subscription WHERE id = $1',
      [id],
    );
    const [kept] = await db.rows<{ s: string }>(
      "SELECT response_body->>'encryptedSecret' AS s FROM api.idempotency_key WHERE key = $1",
      [id],
    );
    return [api?.s, notifier?.s, notifier?.p, kept?.s] as string[];
  };

  beforeAll(async () => {
    await ensureDatabase(url);
    await migrateAll(
      { ...process.env, DATABASE_URL: url },
      `${process.env['TEST_LOG_DIR']}/rotate`,
    );
    db = new TestDatabase(url);
    const sealed = encryptSecret(secret, oldKey);
    await db.rows(
      `INSERT INTO api.organisation (organisation_id, type, name, spoc, created_at)
       VALUES ('rotate-org', 'CJIT', 'Rotate', '{}', now())`,
    );
    await db.rows(
      `INSERT INTO api.subscription (id, organisation_id, url, types, encrypted_secret, created_at)
       VALUES ($1, 'rotate-org', 'https://example.org/hook', '{throughcare.notice.*}', $2, now())`,
      [id, sealed],
    );
    await db.rows(
      `INSERT INTO notifier.webhook_subscription (id, organisation_id, url, types, encrypted_secret, previous_encrypted_secret)
       VALUES ($1, 'rotate-org', 'https://example.org/hook', '{throughcare.notice.*}', $2, $3)`,
      [id, sealed, encryptSecret(previous, oldKey)],
    );
    await db.rows(
      `INSERT INTO api.idempotency_key (caller, key, method, path, request_hash, response_status, response_body, created_at)
       VALUES ('admin', $1, 'POST', '/v1/subscriptions', 'hash', 201, $2, now())`,
      [id, JSON.stringify({ id, encryptedSecret: sealed })],
    );
  }, 180_000);

  afterAll(async () => {
    await db?.close();
    await dropDatabase(url);
  });

  it('refuses a wrong old key and changes nothing', async () => {
    const before = await sealedValues();

    await expect(rotate({ HUB_SECRET_KEY_OLD: newKey(), HUB_SECRET_KEY: nextKey })).rejects.toThrow(
      /opens under neither key/,
    );
    expect(await sealedValues()).toEqual(before);
  }, 90_000);

  it('re-seals every secret under the new key, unchanged, and a second run finds nothing to do', async () => {
    const first = await rotate({ HUB_SECRET_KEY_OLD: oldKey, HUB_SECRET_KEY: nextKey });
    const [api, notifier, previousSealed, kept] = await sealedValues();

    expect(first.stdout).toMatch(/api\.subscription\.encrypted_secret: 1 re-sealed/);
    expect([api, notifier, kept].map((s) => decryptSecret(s as string, nextKey))).toEqual([
      secret,
      secret,
      secret,
    ]);
    expect(decryptSecret(previousSealed as string, nextKey)).toBe(previous);
    expect(() => decryptSecret(api as string, oldKey)).toThrow();
    const again = await rotate({ HUB_SECRET_KEY_OLD: oldKey, HUB_SECRET_KEY: nextKey });
    expect(again.stdout).not.toMatch(/[1-9]\d* re-sealed/);
    expect(await sealedValues()).toEqual([api, notifier, previousSealed, kept]);
  }, 90_000);
});
