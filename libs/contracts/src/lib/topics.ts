// Wire names. The first four are the public contract (contract.md §2); the rest are the hub's
// own downstream topics, listed in docs/asyncapi.yaml. Never rename a value: publish a new version.
export const Topics = {
  Reception: 'throughcare.reception.v1',
  Transfer: 'throughcare.transfer.v1',
  Release: 'throughcare.release.v1',
  CourtRelease: 'throughcare.court-release.v1',
  /** Intake events the hub accepted onto a person's record, from HTTP or straight from Kafka. */
  IntakeAccepted: 'throughcare.intake-accepted.v1',
  Directory: 'throughcare.directory.v1',
  NoticeDue: 'throughcare.notice-due.v1',
} as const;

export type Topic = (typeof Topics)[keyof typeof Topics];

export function deadLetterTopic(topic: Topic): string {
  return `${topic}.dlq`;
}

/** Every topic the hub reads or writes, with its dead-letter twin; provisioned at start. */
export function allHubTopics(): string[] {
  return Object.values(Topics).flatMap((topic) => [topic, deadLetterTopic(topic)]);
}
