import 'reflect-metadata';

import { randomBytes, randomUUID } from 'node:crypto';

import { KafkaContext } from '@nestjs/microservices';
import { IsInt, IsString, Min } from 'class-validator';
import { Kafka, logLevel, type Consumer, type EachMessagePayload } from 'kafkajs';
import { Registry } from 'prom-client';
import { DataSource } from 'typeorm';

import { SystemClock } from '@throughcare/clock';
import { KafkaHeader, buildCloudEvent, type Topic } from '@throughcare/contracts';

import { ConsumedEventRunner } from '../src/lib/consumer/consumed-event.runner';
import type { ConsumerDeclaration, EventOf } from '../src/lib/consumer/consumer-declaration';
import { DeadLetterPublisher } from '../src/lib/dead-letter/dead-letter.publisher';
import { FieldProtection } from '../src/lib/field-protection/field-protection.service';
import { Inbox } from '../src/lib/inbox/inbox.service';
import { KafkaProducer } from '../src/lib/kafka/kafka-producer.service';
import { ensureTopics } from '../src/lib/kafka/topic-provisioner';
import { messagingTablesUp } from '../src/lib/messaging-tables.sql';
import type { MessagingOptions } from '../src/lib/messaging.options';
import { OutboxRelay } from '../src/lib/outbox/outbox-relay.service';
import { Outbox } from '../src/lib/outbox/outbox.service';

// libs/messaging on the real broker and database: the outbox relay, the inbox and the consumer
// runner, the heart of "nothing lost, nothing twice". Each case has topics of its own (no other
// suite reads them) and the run's database holds this suite's own schema.

const RUN = randomBytes(4).toString('hex');
const SCHEMA = `messaging_${RUN}`;
const PING = 'throughcare.test.ping';
const BROKERS = process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092';

class PingV1 {
  @IsString() prisonNumber!: string;
  @IsInt() @Min(0) n!: number;
}

const options: MessagingOptions = {
  serviceName: `messaging-test-${RUN}`,
  schema: SCHEMA,
  brokers: BROKERS,
  topicPartitions: 1,
  outboxPollIntervalMs: 100,
  fieldKeys: {
    currentKeyId: process.env['HUB_FIELD_KEY_ID'] ?? '',
    keys: process.env['HUB_FIELD_KEYS'] ?? '',
  },
};

const kafka = new Kafka({
  clientId: `messaging-test-${RUN}`,
  brokers: BROKERS.split(','),
  logLevel: logLevel.NOTHING,
});
const opener = new FieldProtection(options);
let dataSource: DataSource;
const stops: Array<() => Promise<unknown>> = [];

/** A test-only topic: the runner reads it as it reads any hub topic. */
async function topicFor(
  name: string,
): Promise<ConsumerDeclaration<Topic, { [PING]: typeof PingV1 }>> {
  const topic = `throughcare.messaging-test-${RUN}-${name}.v1`;
  // A broker just started may not yet serve a topic it has just created: asked again until it does.
  await eventually(() => ensureTopics(kafka, [topic, `${topic}.dlq`], 1));
  return { topic: topic as Topic, classes: { [PING]: PingV1 } };
}

/** One service instance's messaging, as MessagingModule wires it. */
function instance() {
  const registry = new Registry();
  const producer = new KafkaProducer(options);
  const fields = new FieldProtection(options);
  const runner = new ConsumedEventRunner(
    new DeadLetterPublisher(producer, fields),
    fields,
    dataSource,
    options,
    new SystemClock(),
    registry,
  );
  const relay = new OutboxRelay(dataSource, producer, fields, options, registry);
  return {
    producer,
    runner,
    relay,
    registry,
    outbox: new Outbox(options),
    inbox: new Inbox(options),
  };
}

type Instance = ReturnType<typeof instance>;
type Ping = EventOf<ConsumerDeclaration<Topic, { [PING]: typeof PingV1 }>>;

async function started(): Promise<Instance> {
  const it = instance();
  await eventually(() => it.producer.onModuleInit());
  stops.push(() => it.producer.onApplicationShutdown());
  return it;
}

/** A consumer group running `handle` through the runner, as a Nest @EventPattern does. */
async function consume(
  it: Instance,
  declaration: ConsumerDeclaration,
  groupId: string,
  handle: (event: Ping) => Promise<void>,
): Promise<Consumer> {
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 100, retry: { retries: 3 } });
  await consumer.connect();
  await consumer.subscribe({ topic: declaration.topic, fromBeginning: true });
  await consumer.run({
    eachMessage: ({ message, partition, topic, heartbeat }: EachMessagePayload) =>
      it.runner.run(
        new KafkaContext([message, partition, topic, consumer, heartbeat, undefined as never]),
        declaration,
        (event) => handle(event as Ping),
      ),
  });
  stops.push(() => consumer.disconnect());
  return consumer;
}

/** Everything on `topic` from the beginning, with headers. */
async function readAll(
  topic: string,
): Promise<Array<{ value: string; headers: Record<string, string> }>> {
  const read: Array<{ value: string; headers: Record<string, string> }> = [];
  const consumer = kafka.consumer({ groupId: `reader-${randomUUID()}`, maxWaitTimeInMs: 100 });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(message.headers ?? {}))
        headers[name] = String(value);
      // Opened as a consumer opens them: the relay seals fields on the way out.
      read.push({ value: opener.openConsumedValue(message.value?.toString() ?? ''), headers });
    },
  });
  stops.push(() => consumer.disconnect());
  return read;
}

function ping(n: number, id: string = randomUUID()) {
  return buildCloudEvent({
    id,
    type: PING,
    time: new Date(),
    data: { prisonNumber: 'A1234BC', n },
  });
}

async function publish(topic: string, values: string[]): Promise<void> {
  const producer = kafka.producer();
  await producer.connect();
  await producer.send({ topic, messages: values.map((value) => ({ key: 'A1234BC', value })) });
  await producer.disconnect();
}

async function eventually<T>(assertion: () => T | Promise<T>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await assertion();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

async function counted(registry: Registry, outcome: string): Promise<number> {
  const metric = await registry.getSingleMetric('throughcare_events_consumed_total')?.get();
  return (metric?.values ?? [])
    .filter((value) => value.labels['outcome'] === outcome)
    .reduce((sum, value) => sum + value.value, 0);
}

beforeAll(async () => {
  dataSource = new DataSource({ type: 'postgres', url: process.env['DATABASE_URL'] });
  await dataSource.initialize();
  await dataSource.query(`CREATE SCHEMA "${SCHEMA}"`);
  for (const statement of messagingTablesUp(SCHEMA)) await dataSource.query(statement);
  await dataSource.query(`CREATE TABLE "${SCHEMA}".effect (event_id text, n int)`);
});

afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop().catch(() => undefined);
});

afterAll(async () => {
  await dataSource.query(`DROP SCHEMA "${SCHEMA}" CASCADE`);
  await dataSource.destroy();
});

describe('libs/messaging on the real broker and database', () => {
  it('two outbox relays on one schema publish every row once, in order', async () => {
    const { topic } = await topicFor('relay');
    const [a, b] = [await started(), await started()];
    for (const it of [a, b]) {
      await it.relay.onApplicationBootstrap();
      stops.push(() => it.relay.onModuleDestroy());
    }
    const writers = [a, b];
    // 40 events in 20 transactions, written through both instances at once.
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        dataSource.transaction((manager) =>
          (writers[i % 2] as Instance).outbox.write(manager, [
            { topic, key: 'A1234BC', event: ping(2 * i) },
            { topic, key: 'A1234BC', event: ping(2 * i + 1) },
          ]),
        ),
      ),
    );
    const read = await readAll(topic);
    await eventually(() => expect(read).toHaveLength(40));
    const ids = read.map((message) => (JSON.parse(message.value) as { id: string }).id);
    expect(new Set(ids).size).toBe(40);
    // Each transaction's pair stays in order (one key, one partition, rows in id order).
    const ns = read.map((message) => (JSON.parse(message.value) as { data: { n: number } }).data.n);
    for (let i = 0; i < 20; i += 1) expect(ns.indexOf(2 * i)).toBeLessThan(ns.indexOf(2 * i + 1));
    await eventually(async () =>
      expect(await dataSource.query(`SELECT 1 FROM "${SCHEMA}".outbox`)).toHaveLength(0),
    );
  });

  it('the inbox lets one delivery of an event through, however often it comes', async () => {
    const declaration = await topicFor('inbox');
    const it = await started();
    const twice = JSON.stringify(ping(7, 'same-event'));
    await publish(declaration.topic, [twice, twice, JSON.stringify(ping(8))]);
    await consume(it, declaration, `inbox-${RUN}`, (event) =>
      dataSource.transaction(async (manager) => {
        if (await it.inbox.claim(manager, 'test', event.envelope.id, event.topic))
          await manager.query(`INSERT INTO "${SCHEMA}".effect VALUES ($1, $2)`, [
            event.envelope.id,
            event.data.n,
          ]);
      }),
    );
    await eventually(async () => expect(await counted(it.registry, 'processed')).toBe(3));
    const effects: Array<{ n: number }> = await dataSource.query(
      `SELECT n FROM "${SCHEMA}".effect WHERE n IN (7, 8) ORDER BY n`,
    );
    expect(effects.map((row) => row.n)).toEqual([7, 8]);
  });

  it('dead-letters poison once with its reason and goes on to the next message', async () => {
    const declaration = await topicFor('poison');
    const it = await started();
    const handled: number[] = [];
    await publish(declaration.topic, [
      'not json',
      JSON.stringify({ ...ping(1), data: { prisonNumber: 'A1234BC', n: -1 } }),
      JSON.stringify({ ...ping(2), type: 'throughcare.test.unknown' }),
      JSON.stringify(ping(3)),
    ]);
    await consume(it, declaration, `poison-${RUN}`, async (event) => {
      handled.push(event.data.n);
    });
    await eventually(() => expect(handled).toEqual([3]));
    const dead = await readAll(`${declaration.topic}.dlq`);
    await eventually(() => expect(dead).toHaveLength(3));
    expect(dead.map((message) => message.headers[KafkaHeader.DeadLetterReason])).toEqual([
      'value is not valid JSON',
      expect.stringContaining(`invalid ${PING}: n`),
      `unknown type throughcare.test.unknown on ${declaration.topic}`,
    ]);
    expect(await counted(it.registry, 'dead_lettered')).toBe(3);
  });

  it('retries a transient failure in process and handles the message once it passes', async () => {
    const declaration = await topicFor('transient');
    const it = await started();
    let attempts = 0;
    await publish(declaration.topic, [JSON.stringify(ping(5))]);
    await consume(it, declaration, `transient-${RUN}`, async () => {
      attempts += 1;
      if (attempts < 3) throw new Error('lock timeout');
    });
    await eventually(async () => expect(await counted(it.registry, 'processed')).toBe(1));
    expect(attempts).toBe(3);
    expect(await counted(it.registry, 'retried')).toBe(2);
    expect(await counted(it.registry, 'dead_lettered')).toBe(0);
  });

  it('a restarted consumer goes on from its committed offset: nothing lost, nothing twice', async () => {
    const declaration = await topicFor('restart');
    const it = await started();
    const seen: number[] = [];
    const handle = async (event: Ping) => {
      seen.push(event.data.n);
    };
    await publish(
      declaration.topic,
      [1, 2, 3].map((n) => JSON.stringify(ping(n))),
    );
    const first = await consume(it, declaration, `restart-${RUN}`, handle);
    await eventually(() => expect(seen).toEqual([1, 2, 3]));
    await first.disconnect();
    await publish(
      declaration.topic,
      [4, 5].map((n) => JSON.stringify(ping(n))),
    );
    await consume(await started(), declaration, `restart-${RUN}`, handle);
    await eventually(() => expect(seen).toEqual([1, 2, 3, 4, 5]));
  });
});
