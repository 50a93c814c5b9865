import { Logger } from '@nestjs/common';
import { Kafka, logLevel, type LogEntry } from 'kafkajs';

// kafkajs is kept behind this lib: a replacement such as
// @confluentinc/kafka-javascript's KafkaJS-compatible API would change only this folder.

const logger = new Logger('kafkajs');

function logCreator() {
  return ({ level, log }: LogEntry) => {
    const { message, ...rest } = log;
    const line = `${message} ${JSON.stringify({ broker: rest['broker'], groupId: rest['groupId'], error: rest['error'] })}`;
    if (level <= logLevel.ERROR) logger.error(line);
    else if (level === logLevel.WARN) logger.warn(line);
  };
}

export function parseBrokers(brokers: string): string[] {
  return brokers.split(',').map((broker) => broker.trim());
}

export function createKafka(clientId: string, brokers: string): Kafka {
  return new Kafka({
    clientId,
    brokers: parseBrokers(brokers),
    logLevel: logLevel.WARN,
    logCreator,
    retry: { initialRetryTime: 200, retries: 8 },
  });
}
