/** An event that can never be processed (invalid, or contradicting what the hub knows): DLQ it. */
export class PermanentEventError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'PermanentEventError';
  }
}
