import type { DataSource } from 'typeorm';

import { retentionCutoffs, type RetentionPolicy } from './retention-policy';
import { sweepRetention, type RetentionRule } from './retention-sweep';

export interface RetentionScheduleSettings {
  dataSource: DataSource;
  rules: readonly RetentionRule[];
  policy: RetentionPolicy;
  /** The hub clock (simulated in the demo). */
  now: () => Date;
  /** Told what each sweep deleted, or why it failed; ids and counts only. */
  report: (outcome: { deleted: Record<string, number> } | { error: Error }) => void;
}

/**
 * The reconciler pattern (as the planner's milestones): a sweep at start and every
 * `sweepIntervalMs`, never two at once in one process. Nothing is kept in Redis: what is past
 * its retention is read from the rows each time.
 */
export class RetentionSchedule {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(private readonly settings: RetentionScheduleSettings) {}

  start(): void {
    this.kick();
    this.timer = setInterval(() => this.kick(), this.settings.policy.sweepIntervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One sweep now; resolves with what it deleted. */
  async sweep(): Promise<Record<string, number>> {
    const { dataSource, rules, policy, now } = this.settings;
    return sweepRetention(dataSource, rules, retentionCutoffs(now(), policy));
  }

  private kick(): void {
    if (this.running) return;
    this.running = this.sweep()
      .then((deleted) => this.settings.report({ deleted }))
      .catch((error: Error) => this.settings.report({ error }))
      .finally(() => (this.running = undefined));
  }
}
