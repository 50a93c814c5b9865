/**
 * How long the hub keeps what it holds (docs/security/database-roles-and-retention.md). Pure:
 * the services' sweeps turn it into cutoffs against the hub clock.
 */
export interface RetentionPolicy {
  /** A released person's record, counted from the last thing the hub heard about them. */
  personDataDays: number;
  /** A finished delivery and the notice body it carried, counted from its creation. */
  deliveryDays: number;
  /** The attempts of a finished delivery, counted from the attempt. */
  deliveryAttemptDays: number;
  /** The disclosure audit, counted from the decision: longer than anything it audits. */
  auditDays: number;
  /** A stored answer to an Idempotency-Key (it may hold personal data), from the write. */
  idempotencyDays: number;
  /** Dead-lettered messages on the `.dlq` topics (Kafka retention.ms). */
  dlqDays: number;
  /** How often each service sweeps, in real milliseconds. */
  sweepIntervalMs: number;
}

export interface RetentionCutoffs {
  personData: Date;
  delivery: Date;
  deliveryAttempt: Date;
  audit: Date;
  idempotency: Date;
}

const DAY_MS = 86_400_000;

export function daysToMs(days: number): number {
  return days * DAY_MS;
}

/** Rows older than these instants (as of `now`) are past their retention. */
export function retentionCutoffs(now: Date, policy: RetentionPolicy): RetentionCutoffs {
  const before = (days: number) => new Date(now.getTime() - daysToMs(days));
  return {
    personData: before(policy.personDataDays),
    delivery: before(policy.deliveryDays),
    deliveryAttempt: before(policy.deliveryAttemptDays),
    audit: before(policy.auditDays),
    idempotency: before(policy.idempotencyDays),
  };
}

/**
 * The orderings that keep the audit able to answer for everything it audits, each naming the
 * variable: the audit outlives deliveries and person data; attempts go no later than their
 * delivery; a stored answer never outlives the person it may describe.
 */
export function retentionPolicyProblems(policy: RetentionPolicy): string[] {
  const problems: string[] = [];
  if (policy.auditDays <= policy.personDataDays)
    problems.push('RETENTION_AUDIT_DAYS: must be longer than RETENTION_PERSON_DATA_DAYS');
  if (policy.auditDays <= policy.deliveryDays)
    problems.push('RETENTION_AUDIT_DAYS: must be longer than RETENTION_DELIVERY_DAYS');
  if (policy.deliveryAttemptDays > policy.deliveryDays)
    problems.push('RETENTION_DELIVERY_ATTEMPT_DAYS: must not exceed RETENTION_DELIVERY_DAYS');
  if (policy.idempotencyDays > policy.personDataDays)
    problems.push('RETENTION_IDEMPOTENCY_DAYS: must not exceed RETENTION_PERSON_DATA_DAYS');
  return problems;
}
