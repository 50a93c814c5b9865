import 'reflect-metadata';

import { randomBytes, randomUUID } from 'node:crypto';

import { Client } from 'pg';

import { redactCredentials } from '@throughcare/observability';
import { MigrationEnv, validateEnv } from '@throughcare/service-config';

import { hashApiKey } from './auth/api-key.guard';

// Run by `npm run hub` after the migrations, as the owner (DATABASE_URL): on first start (no API
// key at all) and without HUB_ADMIN_KEY, creates the first admin key, keeps only its hash as every
// other key, and writes the key once to standard output, which the start command shows on the
// terminal and never writes to a log file (docs/configuration.md, "First admin key").
// Standard output carries one line, `first-admin-key <id> <key>`, or nothing.
async function main(): Promise<void> {
  const { DATABASE_URL } = validateEnv(MigrationEnv, process.env);
  if (process.env['HUB_ADMIN_KEY']) return;
  const client = new Client({ connectionString: DATABASE_URL });
  await client.connect();
  try {
    await client.query('BEGIN');
    // Two starts at once: the second waits here, then finds the first's key.
    await client.query('LOCK TABLE api.api_key IN SHARE ROW EXCLUSIVE MODE');
    const existing = await client.query<{ n: string }>('SELECT count(*) AS n FROM api.api_key');
    if (Number(existing.rows[0]?.n) > 0) {
      await client.query('ROLLBACK');
      return;
    }
    // The same shape as keys issued through POST /v1/api-keys (ApiKeysHandler).
    const key = `thk_${randomBytes(32).toString('base64url')}`;
    const id = randomUUID();
    await client.query(
      `INSERT INTO api.api_key (id, organisation_id, role, establishments, key_hash, created_at)
       VALUES ($1, NULL, 'admin', '{}', $2, now())`,
      [id, hashApiKey(key)],
    );
    await client.query('COMMIT');
    process.stdout.write(`first-admin-key ${id} ${key}\n`);
  } finally {
    await client.end();
  }
}

main().catch((error: Error) => {
  process.stderr.write(redactCredentials(`first admin key not created: ${error.message}\n`));
  process.exit(1);
});
