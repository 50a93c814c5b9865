import { ConfigResourceTypes, type Kafka } from 'kafkajs';

export interface TopicSettings {
  /**
   * retention.ms of the dead-letter topics (`*.dlq`): a dead letter keeps the whole message, so
   * it is kept only as long as an operator needs to inspect and replay it (RETENTION_DLQ_DAYS).
   */
  dlqRetentionMs?: number;
}

function isDeadLetterTopic(topic: string): boolean {
  return topic.endsWith('.dlq');
}

/**
 * Creates any missing topics (the broker runs with auto.create.topics.enable=false) and gives
 * every dead-letter topic, new or existing, the configured retention.
 */
export async function ensureTopics(
  kafka: Kafka,
  topics: string[],
  numPartitions: number,
  settings: TopicSettings = {},
): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((topic) => !existing.has(topic));
    const retention = settings.dlqRetentionMs;
    const dlqConfig = (topic: string) =>
      retention !== undefined && isDeadLetterTopic(topic)
        ? [{ name: 'retention.ms', value: String(retention) }]
        : [];
    if (missing.length > 0)
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((topic) => ({
          topic,
          numPartitions,
          replicationFactor: 1,
          configEntries: dlqConfig(topic),
        })),
      });
    const existingDlqs = topics.filter((topic) => existing.has(topic) && isDeadLetterTopic(topic));
    if (retention !== undefined && existingDlqs.length > 0)
      await admin.alterConfigs({
        validateOnly: false,
        resources: existingDlqs.map((name) => ({
          type: ConfigResourceTypes.TOPIC,
          name,
          configEntries: dlqConfig(name),
        })),
      });
  } finally {
    await admin.disconnect();
  }
}
