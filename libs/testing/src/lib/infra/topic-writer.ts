import { Kafka, Partitioners, logLevel, type Producer } from 'kafkajs';

import { buildCloudEvent } from '@throughcare/contracts';

/** Publishes as a prison system would: CloudEvents straight onto a topic, keyed by prisonNumber. */
export class TopicWriter {
  private producer: Producer | undefined;

  constructor(private readonly brokers = process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092') {}

  async start(): Promise<this> {
    const kafka = new Kafka({
      clientId: 'test-prison-system',
      brokers: this.brokers.split(','),
      logLevel: logLevel.NOTHING,
    });
    this.producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await this.producer.connect();
    return this;
  }

  async publishEvent(
    topic: string,
    type: string,
    data: { eventId: string; prisonNumber: string },
  ): Promise<void> {
    const event = buildCloudEvent({
      id: data.eventId,
      type,
      subject: data.prisonNumber,
      time: new Date(),
      data,
      source: 'nomis-test',
    });
    await this.publishRaw(topic, data.prisonNumber, JSON.stringify(event));
  }

  async publishRaw(topic: string, key: string, value: string): Promise<void> {
    await this.producer?.send({ topic, messages: [{ key, value }] });
  }

  async stop(): Promise<void> {
    await this.producer?.disconnect();
  }
}
