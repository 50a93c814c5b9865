import { Client } from 'pg';

const DATABASE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** Runs `fn` on the server's `postgres` database, for the database named in `url`. */
async function onServer(
  url: string,
  fn: (client: Client, name: string) => Promise<void>,
): Promise<void> {
  const name = new URL(url).pathname.replace(/^\//, '');
  if (!DATABASE_NAME.test(name)) throw new Error('DATABASE_URL must name a database of [a-z0-9_]');
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await fn(client, name);
  } finally {
    await client.end();
  }
}

/** Creates the database named in the URL when it does not exist (demo and test runs). */
export function ensureDatabase(url: string): Promise<void> {
  return onServer(url, async (client, name) => {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${name}"`);
  });
}

export function dropDatabase(url: string): Promise<void> {
  return onServer(url, async (client, name) => {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  });
}
