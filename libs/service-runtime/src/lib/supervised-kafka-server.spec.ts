import { EventEmitter } from 'node:events';

import type { ConsumerCrashEvent } from 'kafkajs';

import { SupervisedKafkaServer, nextRestartDelay } from './supervised-kafka-server';

/**
 * The supervisor's own decisions, on a stand-in for kafkajs's client: which crashes replace the
 * consumer, how long it waits, and that a closing service is left to close. That a replaced
 * consumer really resumes on a real broker is the chaos suite's broker case.
 */
const EVENTS = {
  CONNECT: 'consumer.connect',
  DISCONNECT: 'consumer.disconnect',
  REBALANCING: 'consumer.rebalancing',
  STOP: 'consumer.stop',
  CRASH: 'consumer.crash',
};

class FakeConsumer extends EventEmitter {
  readonly events = EVENTS;
  disconnected = false;
  constructor(private readonly failConnect: boolean) {
    super();
  }
  async connect(): Promise<void> {
    if (this.failConnect) throw new Error('connect ECONNREFUSED 127.0.0.1:1');
  }
  subscribed = false;
  async subscribe(): Promise<void> {
    this.subscribed = true;
  }
  running = false;
  async run(): Promise<void> {
    this.running = true;
  }
  async disconnect(): Promise<void> {
    this.disconnected = true;
  }
  crash(restart: boolean): void {
    const event: Pick<ConsumerCrashEvent, 'payload'> = {
      payload: { error: new Error('The group is gone'), groupId: 'g', restart },
    };
    this.emit(EVENTS.CRASH, event);
  }
}

class FakeKafka {
  readonly consumers: FakeConsumer[] = [];
  constructor(private readonly connectFailures: { left: number }) {}
  consumer(): FakeConsumer {
    const failing = this.connectFailures.left > 0;
    if (failing) this.connectFailures.left -= 1;
    const consumer = new FakeConsumer(failing);
    this.consumers.push(consumer);
    return consumer;
  }
  producer() {
    return {
      events: {},
      on: () => undefined,
      connect: async () => undefined,
      disconnect: async () => undefined,
    };
  }
}

function supervisedServer(connectFailuresAfterFirst = 0) {
  const failures = { left: 0 };
  const kafka = new FakeKafka(failures);
  const server = new SupervisedKafkaServer(
    { client: { brokers: ['127.0.0.1:1'] }, consumer: { groupId: 'g' } },
    { first: 5, max: 20 },
  );
  jest.spyOn(server, 'createClient').mockImplementation(() => kafka as never);
  return {
    server,
    kafka,
    failNextStarts: () => (failures.left = connectFailuresAfterFirst),
  };
}

async function listen(server: SupervisedKafkaServer): Promise<void> {
  await new Promise<void>((resolve, reject) =>
    server.listen((error) => (error ? reject(error) : resolve())),
  );
}

const waitFor = async (condition: () => boolean): Promise<void> => {
  for (let i = 0; i < 200 && !condition(); i += 1) await new Promise((r) => setTimeout(r, 5));
  expect(condition()).toBe(true);
};

describe('SupervisedKafkaServer', () => {
  it('leaves a crash that kafkajs restarts itself to kafkajs', async () => {
    const { server, kafka } = supervisedServer();
    await listen(server);
    kafka.consumers[0]!.crash(true);
    await new Promise((r) => setTimeout(r, 50));
    expect(kafka.consumers).toHaveLength(1);
    expect(server.restarts).toBe(0);
  });

  it('replaces a consumer that stopped for good with a new one on the same handlers', async () => {
    const { server, kafka } = supervisedServer();
    await listen(server);
    kafka.consumers[0]!.crash(false);
    await waitFor(() => server.restarts === 1);
    expect(kafka.consumers).toHaveLength(2);
    expect(kafka.consumers[0]!.disconnected).toBe(true);
    expect(kafka.consumers[1]!.running).toBe(true);
    kafka.consumers[1]!.crash(false);
    await waitFor(() => server.restarts === 2);
  });

  it('tries again, waiting longer each time, while the new consumer cannot start', async () => {
    const { server, kafka, failNextStarts } = supervisedServer(2);
    await listen(server);
    failNextStarts();
    kafka.consumers[0]!.crash(false);
    await waitFor(() => server.restarts === 1);
    expect(kafka.consumers).toHaveLength(4);
  });

  it('does not replace the consumer of a service that is shutting down', async () => {
    const { server, kafka } = supervisedServer();
    await listen(server);
    await server.close();
    kafka.consumers[0]!.crash(false);
    await new Promise((r) => setTimeout(r, 50));
    expect(kafka.consumers).toHaveLength(1);
  });
});

describe('nextRestartDelay', () => {
  it('starts at the first delay and doubles up to the cap', () => {
    const delays = { first: 1_000, max: 30_000 };
    const seen: number[] = [];
    let delay: number | undefined;
    for (let i = 0; i < 7; i += 1) seen.push((delay = nextRestartDelay(delay, delays)));
    expect(seen).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000]);
  });
});
