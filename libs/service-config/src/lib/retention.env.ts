import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';

import { retentionPolicyProblems, type RetentionPolicy } from '@throughcare/persistence';

/**
 * How long the hub keeps what it holds, in days (docs/security/database-roles-and-retention.md
 * says why each default). Every service reads the same variables, so the orderings between them
 * (the audit outlives what it audits) are checked wherever they are set.
 */
export class RetentionEnv {
  /**
   * A released person's record, from the last thing the hub heard about them. At least two
   * years: bridging requests are requests for controlled-drug prescriptions, kept 2 years
   * (RET-01).
   */
  @Type(() => Number) @IsInt() @Min(730) @Max(36_500) RETENTION_PERSON_DATA_DAYS: number = 730;

  /** A finished delivery and the notice body it carried (replay and disputes need them). */
  @Type(() => Number) @IsInt() @Min(7) @Max(36_500) RETENTION_DELIVERY_DAYS: number = 180;

  /** The attempts of a finished delivery (status codes, latencies, errors). */
  @Type(() => Number) @IsInt() @Min(1) @Max(36_500) RETENTION_DELIVERY_ATTEMPT_DAYS: number = 90;

  /** The disclosure audit: six years, longer than person data and deliveries. */
  @Type(() => Number) @IsInt() @Min(365) @Max(36_500) RETENTION_AUDIT_DAYS: number = 2190;

  /**
   * A stored answer to an Idempotency-Key (docs/hub-interface.md §3): a retry within this returns the first
   * answer; the answer may hold personal data (a consent version), so it is not kept for years.
   */
  @Type(() => Number) @IsInt() @Min(1) @Max(36_500) RETENTION_IDEMPOTENCY_DAYS: number = 30;

  /** Dead-lettered messages on the `.dlq` topics (retention.ms, set when topics are provisioned). */
  @Type(() => Number) @IsInt() @Min(1) @Max(365) RETENTION_DLQ_DAYS: number = 14;

  /** How often each service sweeps what is past its retention, in real milliseconds. */
  @Type(() => Number) @IsInt() @Min(1_000) @Max(86_400_000) RETENTION_SWEEP_INTERVAL_MS: number =
    3_600_000;

  retentionPolicy(): RetentionPolicy {
    return {
      personDataDays: this.RETENTION_PERSON_DATA_DAYS,
      deliveryDays: this.RETENTION_DELIVERY_DAYS,
      deliveryAttemptDays: this.RETENTION_DELIVERY_ATTEMPT_DAYS,
      auditDays: this.RETENTION_AUDIT_DAYS,
      idempotencyDays: this.RETENTION_IDEMPOTENCY_DAYS,
      dlqDays: this.RETENTION_DLQ_DAYS,
      sweepIntervalMs: this.RETENTION_SWEEP_INTERVAL_MS,
    };
  }

  protected retentionProblems(): string[] {
    return retentionPolicyProblems(this.retentionPolicy());
  }
}
