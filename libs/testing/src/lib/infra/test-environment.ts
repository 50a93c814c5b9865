import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { WORKSPACE_ROOT } from './hub-processes';

/**
 * The environment of one test run: its own database, Redis key prefix and Kafka consumer
 * groups, so that it never reads or writes another run's state.
 */
export function testRunEnvironment(runId: string): Record<string, string> {
  const baseUrl = process.env['TEST_DATABASE_BASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432';
  return {
    NODE_ENV: 'test',
    LOG_LEVEL: process.env['LOG_LEVEL'] ?? 'info',
    DATABASE_URL: `${baseUrl}/thub_test_${runId}`,
    REDIS_URL: process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379',
    BULL_PREFIX: `thub-test-${runId}`,
    KAFKA_BROKERS: process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092',
    KAFKA_GROUP_SUFFIX: `-test-${runId}`,
    HUB_ADMIN_KEY: randomBytes(24).toString('hex'),
    HUB_SECRET_KEY: randomBytes(32).toString('base64'),
    HUB_FIELD_KEYS: testFieldKeys(),
    HUB_FIELD_KEY_ID: 'k2',
    WEBHOOK_ALLOWED_HOSTS: '127.0.0.1,::1',
    WEBHOOK_RETRY_SCHEDULE: '300ms,600ms,900ms',
    WEBHOOK_TIMEOUT_MS: '3000',
    OUTBOX_POLL_INTERVAL_MS: '100',
    MILESTONE_RECONCILE_INTERVAL_MS: '1000',
    TEST_LOG_DIR: join(WORKSPACE_ROOT, '.cache', 'test-logs', runId),
  };
}

/**
 * The field keys of every test run on this machine: generated at the first run into the
 * git-ignored .cache/ (never in the repo), then kept, because test runs share one broker and a
 * new run's consumers read its topics from the beginning; keys new per run would dead-letter
 * every earlier run's messages. An old key follows the current one, as after a rotation.
 */
function testFieldKeys(): string {
  const file = join(WORKSPACE_ROOT, '.cache', 'test-field-keys');
  mkdirSync(join(WORKSPACE_ROOT, '.cache'), { recursive: true });
  const keys = ['k2', 'k1'].map((id) => `${id}:${randomBytes(32).toString('base64')}`).join(',');
  try {
    writeFileSync(file, keys, { mode: 0o600, flag: 'wx' });
  } catch {
    // Already generated (by an earlier run, or a concurrent one): keep those.
  }
  return readFileSync(file, 'utf8').trim();
}

/** The variables a test run shares between Jest's global setup and its test files. */
export const TEST_ENV_KEYS = [
  'DATABASE_URL',
  'BULL_PREFIX',
  'KAFKA_GROUP_SUFFIX',
  'HUB_ADMIN_KEY',
  'HUB_SECRET_KEY',
  'HUB_FIELD_KEYS',
  'HUB_FIELD_KEY_ID',
  'TEST_LOG_DIR',
] as const;
