import { dropDatabase } from '@throughcare/persistence';

export default async function globalTeardown(): Promise<void> {
  const url = process.env['DATABASE_URL'];
  if (url && /\/thub_test_[a-z0-9_]+$/.test(url)) await dropDatabase(url);
}
