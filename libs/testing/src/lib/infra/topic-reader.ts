import { Kafka, logLevel, type Consumer } from 'kafkajs';

import { allHubTopics } from '@throughcare/contracts';
import { ensureTopics, openSealedText, parseFieldKeyring } from '@throughcare/messaging';

export interface ReadMessage {
  topic: string;
  key: string | null;
  value: string;
  headers: Record<string, string>;
}

/** Reads topics from the beginning into memory, so a test can assert what was published. */
export class TopicReader {
  readonly messages: ReadMessage[] = [];
  private consumer: Consumer | undefined;

  /**
   * `opened` (the default) opens sealed fields with the run's HUB_FIELD_KEYS, so tests assert on
   * what services see; `raw` keeps what the broker holds, sealed values and all.
   */
  constructor(
    private readonly brokers = process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092',
    private readonly reading: 'opened' | 'raw' = 'opened',
  ) {}

  async start(topics: string[]): Promise<this> {
    const kafka = new Kafka({
      clientId: 'test-topic-reader',
      brokers: this.brokers.split(','),
      logLevel: logLevel.NOTHING,
    });
    // The hub creates its topics at start; a reader that starts first creates them the same way.
    await ensureTopics(kafka, allHubTopics(), Number(process.env['KAFKA_TOPIC_PARTITIONS'] ?? 3));
    this.consumer = kafka.consumer({ groupId: `test-reader-${Date.now()}-${Math.random()}` });
    await this.consumer.connect();
    await this.consumer.subscribe({ topics, fromBeginning: true });
    await this.consumer.run({
      eachMessage: async ({ topic, message }) => {
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(message.headers ?? {}))
          headers[name] = String(value);
        this.messages.push({
          topic,
          key: message.key?.toString() ?? null,
          value: this.readable(message.value?.toString() ?? ''),
          headers,
        });
      },
    });
    return this;
  }

  private readable(value: string): string {
    const keys = process.env['HUB_FIELD_KEYS'];
    const currentKeyId = process.env['HUB_FIELD_KEY_ID'];
    if (this.reading === 'raw' || !keys || !currentKeyId) return value;
    try {
      return openSealedText(parseFieldKeyring({ keys, currentKeyId }), value);
    } catch {
      // Sealed under keys this run does not hold (an earlier run's message on a shared broker):
      // kept as it is, never retried, so the reader moves on.
      return value;
    }
  }

  on(topic: string): ReadMessage[] {
    return this.messages.filter((m) => m.topic === topic);
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
  }
}
