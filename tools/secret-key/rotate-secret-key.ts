import { Client } from 'pg';

import { decryptSecret, encryptSecret } from '@throughcare/webhooks';

// Rotates HUB_SECRET_KEY (docs/operations.md "Rotate keys and secrets"): every webhook signing
// secret sealed under the old key is opened and sealed again under the new one, in one
// transaction, with the api and the notifiers stopped. The secrets themselves do not change, so
// subscribers notice nothing. Run again, it finds nothing left under the old key.
//   HUB_SECRET_KEY_OLD=<old> HUB_SECRET_KEY=<new> DATABASE_URL=<owner> npm run rotate-secret-key

interface SealedColumn {
  /** schema.table, and the key naming a row in messages (never a value). */
  table: string;
  id: string;
  column: string;
  /** A sealed value inside a json column: its property. */
  jsonProperty?: string;
}

// Where HUB_SECRET_KEY seals: each subscription (api and the notifier's copy, current and
// previous secret), and the answers kept for an Idempotency-Key replay of a registration or a
// rotation, which show the secret again.
const SEALED_COLUMNS: SealedColumn[] = [
  { table: 'api.subscription', id: 'id', column: 'encrypted_secret' },
  { table: 'notifier.webhook_subscription', id: 'id', column: 'encrypted_secret' },
  { table: 'notifier.webhook_subscription', id: 'id', column: 'previous_encrypted_secret' },
  {
    table: 'api.idempotency_key',
    id: "caller || ' ' || key",
    column: 'response_body',
    jsonProperty: 'encryptedSecret',
  },
];

type Outcome = 'resealed' | 'current';

/** The value under the new key, or 'current' when it already is; throws when neither key opens. */
function reseal(sealed: string, oldKey: string, newKey: string, where: string): string {
  try {
    decryptSecret(sealed, newKey);
    return 'current';
  } catch {
    // Not yet under the new key: it must open under the old one.
  }
  try {
    return encryptSecret(decryptSecret(sealed, oldKey), newKey);
  } catch {
    throw new Error(`${where} opens under neither key: check HUB_SECRET_KEY_OLD; nothing changed`);
  }
}

async function resealColumn(
  db: Client,
  target: SealedColumn,
  oldKey: string,
  newKey: string,
): Promise<Record<Outcome, number>> {
  const counts: Record<Outcome, number> = { resealed: 0, current: 0 };
  const value = target.jsonProperty ? `${target.column}->>'${target.jsonProperty}'` : target.column;
  const { rows } = await db.query<{ row_id: string; sealed: string }>(
    `SELECT ${target.id} AS row_id, ${value} AS sealed FROM ${target.table}
      WHERE ${value} IS NOT NULL FOR UPDATE`,
  );
  for (const row of rows) {
    const where = `${target.table} ${row.row_id} (${target.column})`;
    const next = reseal(row.sealed, oldKey, newKey, where);
    if (next === 'current') {
      counts.current += 1;
      continue;
    }
    const assignment = target.jsonProperty
      ? `${target.column} = jsonb_set(${target.column}::jsonb, '{${target.jsonProperty}}', to_jsonb($1::text))::json`
      : `${target.column} = $1`;
    await db.query(`UPDATE ${target.table} SET ${assignment} WHERE ${target.id} = $2`, [
      next,
      row.row_id,
    ]);
    counts.resealed += 1;
  }
  return counts;
}

async function main(): Promise<void> {
  const oldKey = process.env['HUB_SECRET_KEY_OLD'];
  const newKey = process.env['HUB_SECRET_KEY'];
  const url = process.env['DATABASE_URL'];
  if (!oldKey || !newKey || !url)
    throw new Error('set HUB_SECRET_KEY_OLD, HUB_SECRET_KEY (the new key) and DATABASE_URL');
  if (oldKey === newKey) throw new Error('HUB_SECRET_KEY_OLD and HUB_SECRET_KEY are the same');
  // Both must be 32 bytes, base64: sealing a probe checks them before anything is read.
  for (const key of [oldKey, newKey]) encryptSecret('probe', key);
  const db = new Client({ connectionString: url });
  await db.connect();
  try {
    await db.query('BEGIN');
    for (const target of SEALED_COLUMNS) {
      const counts = await resealColumn(db, target, oldKey, newKey);
      console.log(
        `${target.table}.${target.column}: ${counts.resealed} re-sealed, ${counts.current} already under the new key`,
      );
    }
    await db.query('COMMIT');
  } catch (error) {
    await db.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await db.end();
  }
}

main().catch((error: Error) => {
  // Messages name tables and row ids, never a key or a secret.
  console.error(`rotate-secret-key: ${error.message}`);
  process.exit(1);
});
