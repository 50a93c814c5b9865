// Wire names. The first four are the public contract (docs/hub-interface.md §2); the rest are the hub's
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
  /** Consent versions and risk overrides recorded on a person (API -> notifier). */
  Consent: 'throughcare.consent.v1',
  /** The disclosure audit: every decision made or withheld (notifier -> API timeline). */
  DisclosureDecided: 'throughcare.disclosure-decided.v1',
  /** Every change to a delivery, with its attempts (notifier -> API deliveries view). */
  Delivery: 'throughcare.delivery.v1',
  /** Commands about deliveries: replay (API -> notifier). */
  DeliveryCommand: 'throughcare.delivery-command.v1',
  /** DIR versions, OST plans, naloxone outcomes and issued bridging scripts (API -> continuity). */
  PersonRecord: 'throughcare.person-record.v1',
  /** The continuity service's record of a person after every change (continuity -> API, notifier). */
  Continuity: 'throughcare.continuity.v1',
} as const;

export type Topic = (typeof Topics)[keyof typeof Topics];

export function deadLetterTopic(topic: Topic): string {
  return `${topic}.dlq`;
}

/** Every topic the hub reads or writes, with its dead-letter twin; provisioned at start. */
export function allHubTopics(): string[] {
  return Object.values(Topics).flatMap((topic) => [topic, deadLetterTopic(topic)]);
}
