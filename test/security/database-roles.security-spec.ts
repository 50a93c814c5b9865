import { randomUUID } from 'node:crypto';

import { ConfigResourceTypes, Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';

import { Topics, deadLetterTopic } from '@throughcare/contracts';

import {
  runtimeDatabaseUrl,
  runtimeRoleOf,
  type HubDatabaseService,
} from '@throughcare/persistence';
import {
  HUB_SERVICES,
  TestDatabase,
  expectEventually,
  startHub,
  type RunningHub,
} from '@throughcare/testing';

// Issue 12 acceptance 3: each service's database role is refused on another service's schema.
// The run's database was migrated by each service's own migrate.ts (global setup), as the owner.

const PERMISSION_DENIED = '42501';
const ownerUrl = process.env['DATABASE_URL'] as string;

/** A table each schema has (every service's first migration creates its outbox). */
const A_TABLE = 'outbox';

function runtimeUrlOf(service: HubDatabaseService): string {
  return runtimeDatabaseUrl(service, { NODE_ENV: 'test', DATABASE_URL: ownerUrl });
}

async function connectAs(service: HubDatabaseService): Promise<Client> {
  const client = new Client({ connectionString: runtimeUrlOf(service) });
  await client.connect();
  return client;
}

/** The SQLSTATE the statement failed with, or 'ok'. */
async function outcome(client: Client, sql: string): Promise<string> {
  try {
    await client.query(sql);
    return 'ok';
  } catch (error) {
    return (error as { code?: string }).code ?? 'unknown';
  }
}

describe('each service connects as its own role, confined to its own schema', () => {
  const clients = new Map<HubDatabaseService, Client>();

  beforeAll(async () => {
    for (const service of HUB_SERVICES) clients.set(service, await connectAs(service));
  });

  afterAll(async () => {
    await Promise.all([...clients.values()].map((client) => client.end()));
  });

  const pairs = HUB_SERVICES.flatMap((service) =>
    HUB_SERVICES.filter((other) => other !== service).map((other) => [service, other] as const),
  );

  it.each(pairs)('%s is refused reading and writing the %s schema', async (service, other) => {
    const client = clients.get(service) as Client;
    const statements = [
      `SELECT count(*) FROM "${other}".${A_TABLE}`,
      `INSERT INTO "${other}".inbox (consumer, event_id, topic) VALUES ('probe', 'probe', 'probe')`,
      `UPDATE "${other}".inbox SET topic = 'probe'`,
      `DELETE FROM "${other}".inbox`,
      `CREATE TABLE "${other}".probe (id int)`,
    ];
    for (const sql of statements)
      expect([sql, await outcome(client, sql)]).toEqual([sql, PERMISSION_DENIED]);
  });

  it.each(HUB_SERVICES)('%s reads and writes its own schema', async (service) => {
    const client = clients.get(service) as Client;
    await client.query('BEGIN');
    await client.query(
      `INSERT INTO "${service}".inbox (consumer, event_id, topic) VALUES ('probe', 'probe', 'probe')`,
    );
    const { rows } = await client.query(`SELECT count(*)::int AS n FROM "${service}".inbox`);
    await client.query('ROLLBACK');
    expect(rows[0].n).toBeGreaterThanOrEqual(1);
    // What the outbox relay and the advisory locks need, without any grant of their own.
    expect(await outcome(client, `LISTEN ${service}_probe`)).toBe('ok');
    expect(await outcome(client, 'SELECT pg_advisory_unlock_all()')).toBe('ok');
  });

  it.each(HUB_SERVICES)(
    '%s is refused DDL, on its own schema and anywhere else',
    async (service) => {
      const client = clients.get(service) as Client;
      const statements = [
        `CREATE TABLE "${service}".probe (id int)`,
        `ALTER TABLE "${service}".${A_TABLE} ADD COLUMN probe int`,
        `DROP TABLE "${service}".${A_TABLE}`,
        `TRUNCATE "${service}".${A_TABLE}`,
        `CREATE INDEX probe_idx ON "${service}".${A_TABLE} (id)`,
        `CREATE TABLE public.probe (id int)`,
        `CREATE TEMPORARY TABLE probe (id int)`,
        `CREATE SCHEMA probe`,
      ];
      // 42501 is "permission denied", and "must be owner" too.
      for (const sql of statements)
        expect([sql, await outcome(client, sql)]).toEqual([sql, PERMISSION_DENIED]);
      // The migrations table is read only.
      expect(await outcome(client, `DELETE FROM "${service}"."${service}_migrations"`)).toBe(
        PERMISSION_DENIED,
      );
    },
  );

  it('the disclosure audit and consent history are insert-only for their services', async () => {
    const notifier = clients.get('notifier') as Client;
    const api = clients.get('api') as Client;
    expect(await outcome(notifier, 'DELETE FROM notifier.disclosure_decision')).toBe(
      PERMISSION_DENIED,
    );
    expect(await outcome(notifier, "UPDATE notifier.disclosure_decision SET rule = 'x'")).toBe(
      PERMISSION_DENIED,
    );
    for (const table of ['consent_record', 'risk_override', 'disclosure_record']) {
      expect(await outcome(api, `DELETE FROM api.${table}`)).toBe(PERMISSION_DENIED);
      expect(await outcome(api, `UPDATE api.${table} SET prison_number = 'x'`)).toBe(
        PERMISSION_DENIED,
      );
    }
  });

  it('no runtime role is the migration role, or can do more than its grants', async () => {
    const db = new TestDatabase(ownerUrl);
    try {
      const [owner] = await db.rows<{ user: string }>('SELECT current_user AS user');
      const roles = await db.rows<{ rolname: string; powerful: boolean }>(
        `SELECT rolname, rolsuper OR rolcreaterole OR rolcreatedb OR rolbypassrls AS powerful
           FROM pg_roles WHERE rolname = ANY($1)`,
        [HUB_SERVICES.map((service) => runtimeRoleOf(service).name)],
      );
      expect(roles).toHaveLength(HUB_SERVICES.length);
      for (const role of roles) {
        expect(role.rolname).not.toBe(owner?.user);
        expect(role.powerful).toBe(false);
      }
    } finally {
      await db.close();
    }
  });
});

describe('a running hub', () => {
  let hub: RunningHub;
  let db: TestDatabase;

  // Past its retention before the hub starts: each service sweeps at start, as its own role.
  const oldNoticeId = randomUUID();
  const oldDeliveryId = `msg_${randomUUID()}`;
  const twoHundredDaysAgo = new Date(Date.now() - 200 * 86_400_000);

  beforeAll(async () => {
    db = new TestDatabase(ownerUrl);
    await db.rows(
      `INSERT INTO notifier.notice (id, type, prison_number, content, created_at)
       VALUES ($1, 'throughcare.notice.release.day-of', 'Z9999ZZ', '{}'::jsonb, $2)`,
      [oldNoticeId, twoHundredDaysAgo],
    );
    await db.rows(
      `INSERT INTO notifier.delivery (id, notice_id, organisation_id, recipient_role, status, created_at)
       VALUES ($1, $2, 'retention-probe', 'CJIT', 'DELIVERED', $3)`,
      [oldDeliveryId, oldNoticeId, twoHundredDaysAgo],
    );
    hub = await startHub(
      { ...process.env },
      3900,
      `${process.env['TEST_LOG_DIR']}/security-db-roles`,
    );
  });

  afterAll(async () => {
    await hub?.stop();
    await db?.close();
  });

  it('connects to PostgreSQL as each service runtime role, never as the migration role', async () => {
    const database = new URL(ownerUrl).pathname.slice(1);
    const sessions = await db.rows<{ application_name: string; usename: string }>(
      `SELECT DISTINCT application_name, usename FROM pg_stat_activity
        WHERE datname = $1 AND application_name LIKE 'throughcare-%'`,
      [database],
    );
    const seen = new Map(sessions.map((s) => [s.application_name, s.usename]));
    for (const service of HUB_SERVICES)
      expect([service, seen.get(`throughcare-${service}`)]).toEqual([
        service,
        runtimeRoleOf(service).name,
      ]);
  });

  it('keeps dead letters only as long as RETENTION_DLQ_DAYS (default 14 days)', async () => {
    const kafka = new Kafka({
      clientId: 'security-db-roles',
      brokers: (process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092').split(','),
      logLevel: logLevel.NOTHING,
    });
    const admin = kafka.admin();
    await admin.connect();
    try {
      const dlqs = [deadLetterTopic(Topics.Reception), deadLetterTopic(Topics.Continuity)];
      const described = await admin.describeConfigs({
        includeSynonyms: false,
        resources: dlqs.map((name) => ({
          type: ConfigResourceTypes.TOPIC,
          name,
          configNames: ['retention.ms'],
        })),
      });
      const retention = described.resources.map((resource) => [
        resource.resourceName,
        resource.configEntries.find((entry) => entry.configName === 'retention.ms')?.configValue,
      ]);
      expect(retention).toEqual(dlqs.map((name) => [name, String(14 * 86_400_000)]));
    } finally {
      await admin.disconnect();
    }
  });

  it("sweeps what is past its retention at start (the notifier's retention job, as its role)", async () => {
    await expectEventually(async () => {
      expect(
        await db.count('SELECT count(*) FROM notifier.delivery WHERE id = $1', [oldDeliveryId]),
      ).toBe(0);
      expect(
        await db.count('SELECT count(*) FROM notifier.notice WHERE id = $1', [oldNoticeId]),
      ).toBe(0);
    });
    const notifier = hub.services.get('notifier');
    const metrics = await (await fetch(`http://127.0.0.1:${notifier?.port}/metrics`)).text();
    expect(metrics).toMatch(
      /throughcare_retention_deleted_total\{[^}]*rule="notifier.delivery"[^}]*\} [1-9]/,
    );
  });
});
