import { randomBytes } from 'node:crypto';
import { Agent, request } from 'node:http';

import { Kafka, logLevel, type Consumer, type Producer } from 'kafkajs';

import { distribution, type Distribution } from '../lib/percentiles';

/**
 * The raw baselines of issue 13, measured in the same run as the hub on the same machine: what
 * kafkajs alone does from producer to consumer, and what plain HTTP POSTs of 2 KB do to the same
 * sink the hub delivers to. The hub's figures are read against these.
 */

export interface KafkaBaseline {
  /** Messages produced and consumed at the maximum (batches of 100, 2 KB values). */
  maxMessages: number;
  maxMsgsPerSecond: number;
  /** Produce-to-consume latency at a fixed rate (one message per send, as a service does). */
  fixedRatePerSecond: number;
  fixedRateLatencyMs: Distribution;
}

export interface HttpBaseline {
  requests: number;
  concurrency: number;
  requestsPerSecond: number;
  latencyMs: Distribution;
}

const VALUE = randomBytes(1024).toString('hex'); // 2 KB, like a rendered notice

async function consumeUntil(
  consumer: Consumer,
  topic: string,
  onMessage: (sentAt: number) => void,
): Promise<void> {
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => onMessage(Number(message.headers?.['sent-at']?.toString())),
  });
}

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
}

async function produceMax(producer: Producer, topic: string, count: number): Promise<void> {
  const batch = 100;
  const inFlight = 8;
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const size = Math.min(batch, count - next);
      next += size;
      const messages = Array.from({ length: size }, () => ({
        value: VALUE,
        headers: { 'sent-at': String(Date.now()) },
      }));
      await producer.send({ topic, messages });
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
}

export async function measureKafkaBaseline(
  brokers: string[],
  seconds: number,
  log: (line: string) => void,
): Promise<KafkaBaseline> {
  const kafka = new Kafka({ clientId: 'bench-e2e-raw', brokers, logLevel: logLevel.NOTHING });
  const stamp = `${Date.now()}-${process.pid}`;
  const admin = kafka.admin();
  await admin.connect();
  const maxTopic = `bench-e2e-raw-max-${stamp}`;
  const rateTopic = `bench-e2e-raw-rate-${stamp}`;
  await admin.createTopics({
    topics: [
      { topic: maxTopic, numPartitions: 3 },
      { topic: rateTopic, numPartitions: 3 },
    ],
    waitForLeaders: true,
  });
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  const consumer = kafka.consumer({ groupId: `bench-e2e-raw-${stamp}` });
  await consumer.connect();
  const joined = new Promise<void>((resolve) =>
    consumer.on(consumer.events.GROUP_JOIN, () => resolve()),
  );

  let consumed = 0;
  let lastConsumedAt = 0;
  const latencies: number[] = [];
  let measuringLatency = false;
  await consumer.subscribe({ topic: rateTopic, fromBeginning: true });
  await consumeUntil(consumer, maxTopic, (sentAt) => {
    consumed += 1;
    lastConsumedAt = Date.now();
    if (measuringLatency) latencies.push(Date.now() - sentAt);
  });
  await joined; // partitions assigned: latency measured from here excludes the group join
  await new Promise((r) => setTimeout(r, 1000));

  // Fixed rate first (warms the connections), then the maximum.
  const rate = 500;
  measuringLatency = true;
  const fixedCount = rate * Math.max(2, Math.round(seconds / 2));
  const started = Date.now();
  for (let i = 0; i < fixedCount; i += 1) {
    const due = started + (i * 1000) / rate;
    const wait = due - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    void producer.send({
      topic: rateTopic,
      messages: [{ value: VALUE, headers: { 'sent-at': String(Date.now()) } }],
    });
  }
  await waitFor(() => consumed >= fixedCount, 30_000);
  measuringLatency = false;
  log(`raw kafkajs: ${fixedCount} messages at ${rate}/s consumed`);

  const before = consumed;
  const maxCount = 20_000 * Math.max(1, Math.round(seconds / 10));
  const maxStarted = Date.now();
  await produceMax(producer, maxTopic, maxCount);
  await waitFor(() => consumed - before >= maxCount, 60_000);
  const maxSeconds = (lastConsumedAt - maxStarted) / 1000;
  log(`raw kafkajs: ${consumed - before} messages at the maximum in ${maxSeconds.toFixed(1)} s`);

  await consumer.disconnect();
  await producer.disconnect();
  await admin.deleteTopics({ topics: [maxTopic, rateTopic] }).catch(() => undefined);
  await admin.disconnect();
  return {
    maxMessages: consumed - before,
    maxMsgsPerSecond: (consumed - before) / maxSeconds,
    fixedRatePerSecond: rate,
    fixedRateLatencyMs: distribution(latencies),
  };
}

/** Plain node:http POSTs of a 2 KB JSON body, keep-alive, `concurrency` in flight. */
export async function measureHttpBaseline(
  url: string,
  seconds: number,
  concurrency = 16,
): Promise<HttpBaseline> {
  const body = JSON.stringify({ type: 'baseline', data: VALUE.slice(0, 2000) });
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const target = new URL(url);
  const latencies: number[] = [];
  const deadline = Date.now() + seconds * 1000;
  const post = () =>
    new Promise<void>((resolve, reject) => {
      const start = performance.now();
      const req = request(
        {
          host: target.hostname,
          port: target.port,
          path: target.pathname,
          method: 'POST',
          agent,
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
          },
        },
        (res) => {
          res.resume();
          res.on('end', () => {
            latencies.push(performance.now() - start);
            resolve();
          });
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (Date.now() < deadline) await post();
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  return {
    requests: latencies.length,
    concurrency,
    requestsPerSecond: latencies.length / elapsed,
    latencyMs: distribution(latencies),
  };
}
