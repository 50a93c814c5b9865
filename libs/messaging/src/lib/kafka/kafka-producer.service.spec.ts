import { EventEmitter } from 'node:events';

import { Kafka } from 'kafkajs';

import type { MessagingOptions } from '../messaging.options';
import { KafkaProducer, PRODUCER_REPLACED_AFTER_FAILURES } from './kafka-producer.service';

/**
 * When the producer is replaced, on a stand-in for kafkajs's producer: a broker restarted under
 * an idempotent producer can leave it refusing every send (out-of-order sequence), which no
 * retry of the same producer mends. The chaos suite's broker case runs the real thing.
 */
class FakeProducer extends EventEmitter {
  sent = 0;
  connects = 0;
  disconnected = false;
  constructor(private readonly refuses: boolean) {
    super();
  }
  async connect(): Promise<void> {
    this.connects += 1;
    this.emit('producer.connect');
  }
  async disconnect(): Promise<void> {
    this.disconnected = true;
    this.emit('producer.disconnect');
  }
  async sendBatch(): Promise<void> {
    if (this.refuses) throw new Error('The broker received an out of order sequence number');
    this.sent += 1;
  }
}

const OPTIONS: MessagingOptions = {
  serviceName: 'unit',
  schema: 'unit',
  brokers: '127.0.0.1:1',
  topicPartitions: 1,
  fieldKeys: { currentKeyId: 'k', keys: '' },
};

function producerWith(firstRefuses: boolean): { producer: KafkaProducer; made: FakeProducer[] } {
  const made: FakeProducer[] = [];
  jest.spyOn(Kafka.prototype, 'producer').mockImplementation(() => {
    const fake = new FakeProducer(made.length === 0 && firstRefuses);
    made.push(fake);
    return fake as never;
  });
  return { producer: new KafkaProducer(OPTIONS), made };
}

const message = { topic: 't', key: 'k', value: '{}' };

afterEach(() => jest.restoreAllMocks());

describe('KafkaProducer', () => {
  it('keeps its producer through failures short of the limit', async () => {
    const { producer, made } = producerWith(true);
    for (let i = 1; i < PRODUCER_REPLACED_AFTER_FAILURES; i += 1)
      await expect(producer.sendBatch([message])).rejects.toThrow('out of order');
    expect(made).toHaveLength(1);
    expect(producer.replacements).toBe(0);
  });

  it('replaces a producer that refuses every send, and the next send goes through the new one', async () => {
    const { producer, made } = producerWith(true);
    for (let i = 0; i < PRODUCER_REPLACED_AFTER_FAILURES; i += 1)
      await expect(producer.sendBatch([message])).rejects.toThrow('out of order');
    expect(made).toHaveLength(2);
    expect(made[0]!.disconnected).toBe(true);
    expect(producer.replacements).toBe(1);
    await producer.sendBatch([message]);
    expect(made[1]!.sent).toBe(1);
    expect(producer.isConnected()).toBe(true);
  });

  it('counts failures in a row only: a success starts the count again', async () => {
    const { producer, made } = producerWith(false);
    jest
      .spyOn(made[0]!, 'sendBatch')
      .mockRejectedValueOnce(new Error('timeout'))
      .mockRejectedValueOnce(new Error('timeout'))
      .mockResolvedValueOnce(undefined)
      .mockRejectedValueOnce(new Error('timeout'))
      .mockRejectedValueOnce(new Error('timeout'));
    for (const outcome of ['fail', 'fail', 'ok', 'fail', 'fail']) {
      const sending = producer.sendBatch([message]);
      if (outcome === 'ok') await sending;
      else await expect(sending).rejects.toThrow('timeout');
    }
    expect(made).toHaveLength(1);
  });
});
