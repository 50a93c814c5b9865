import {
  retentionCutoffs,
  retentionPolicyProblems,
  type RetentionPolicy,
} from './retention-policy';

const policy: RetentionPolicy = {
  personDataDays: 730,
  deliveryDays: 180,
  deliveryAttemptDays: 90,
  auditDays: 2190,
  idempotencyDays: 30,
  dlqDays: 14,
  sweepIntervalMs: 3_600_000,
};

describe('retention policy', () => {
  it('turns days into cutoffs before now', () => {
    const now = new Date('2026-12-03T09:00:00Z');
    const cutoffs = retentionCutoffs(now, policy);
    expect(cutoffs.delivery.toISOString()).toBe('2026-06-06T09:00:00.000Z');
    expect(cutoffs.deliveryAttempt.toISOString()).toBe('2026-09-04T09:00:00.000Z');
    expect(cutoffs.personData.getTime()).toBe(now.getTime() - 730 * 86_400_000);
    expect(cutoffs.audit.getTime()).toBeLessThan(cutoffs.personData.getTime());
  });

  it('accepts the defaults', () => {
    expect(retentionPolicyProblems(policy)).toEqual([]);
  });

  it('refuses an audit that would not outlive what it audits, naming the variable', () => {
    expect(retentionPolicyProblems({ ...policy, auditDays: 730 })).toEqual([
      'RETENTION_AUDIT_DAYS: must be longer than RETENTION_PERSON_DATA_DAYS',
    ]);
    expect(retentionPolicyProblems({ ...policy, auditDays: 400, personDataDays: 300 })).toEqual([]);
    expect(retentionPolicyProblems({ ...policy, deliveryDays: 2190 })).toEqual([
      'RETENTION_AUDIT_DAYS: must be longer than RETENTION_DELIVERY_DAYS',
    ]);
    expect(retentionPolicyProblems({ ...policy, deliveryAttemptDays: 181 })).toEqual([
      'RETENTION_DELIVERY_ATTEMPT_DAYS: must not exceed RETENTION_DELIVERY_DAYS',
    ]);
    expect(retentionPolicyProblems({ ...policy, idempotencyDays: 731 })).toEqual([
      'RETENTION_IDEMPOTENCY_DAYS: must not exceed RETENTION_PERSON_DATA_DAYS',
    ]);
  });
});
