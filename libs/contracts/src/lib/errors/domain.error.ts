/** Why a request or event was refused. Each transport maps a code to its own form (HTTP status, DLQ reason). */
export enum DomainErrorCode {
  NotFound = 'not-found',
  Conflict = 'conflict',
  IdempotencyKeyReused = 'idempotency-key-reused',
  Unprocessable = 'unprocessable',
}

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
