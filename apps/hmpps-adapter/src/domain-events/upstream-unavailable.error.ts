/**
 * The hub API, Prisoner Search or HMPPS Auth could not be reached or answered 429/5xx: the
 * message is not handled and is delivered again (an SNS retry, a Kafka redelivery).
 */
export class UpstreamUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UpstreamUnavailableError';
  }
}

/** An HMPPS message that can never be handled (malformed): 400 on SNS, the DLQ on Kafka. */
export class InvalidHmppsMessageError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'InvalidHmppsMessageError';
  }
}
