import type { PersonRun, TestDatabase } from '@throughcare/testing';

import { distribution, type Distribution } from '../lib/percentiles';

/**
 * Where the time between a release POST and its first webhook goes, per person (the first
 * release notice the notifier accepted for them): the hops through Kafka, the planner and
 * continuity to the notifier; the wait for a delivery worker; the attempt itself.
 */
export interface StageLatencies {
  /** Release sent to the notifier storing its first release notice (intake, outbox, Kafka, planner/continuity, Kafka). */
  toNotifierMs: Distribution;
  /** Notice stored to its first disclosure decision (the delivery queue's wait). */
  queuedMs: Distribution;
  /** Decision to the recorded attempt (render, sign, POST, response). */
  attemptMs: Distribution;
}

export async function stageLatencies(
  db: Pick<TestDatabase, 'rows'>,
  runs: readonly PersonRun[],
): Promise<StageLatencies> {
  const accepted = runs.filter((run) => run.releaseAccepted);
  const sentAt = new Map(accepted.map((run) => [run.prisonNumber, run.releaseSentAt]));
  const rows = await db.rows<{
    prison_number: string;
    stored: Date;
    decided: Date | null;
    attempted: Date | null;
  }>(
    `SELECT DISTINCT ON (n.prison_number) n.prison_number, n.created_at AS stored,
            (SELECT min(dd.decided_at) FROM notifier.disclosure_decision dd WHERE dd.notice_id = n.id) AS decided,
            (SELECT min(a.started_at) FROM notifier.delivery_attempt a
               JOIN notifier.delivery d ON d.id = a.delivery_id WHERE d.notice_id = n.id) AS attempted
       FROM notifier.notice n
      WHERE n.prison_number = ANY($1) AND n.type LIKE 'throughcare.notice.release.%'
      ORDER BY n.prison_number, n.created_at`,
    [[...sentAt.keys()]],
  );
  const toNotifier: number[] = [];
  const queued: number[] = [];
  const attempt: number[] = [];
  for (const row of rows) {
    const sent = sentAt.get(row.prison_number) as number;
    const stored = new Date(row.stored).getTime();
    toNotifier.push(stored - sent);
    if (row.decided) queued.push(new Date(row.decided).getTime() - stored);
    if (row.decided && row.attempted)
      attempt.push(new Date(row.attempted).getTime() - new Date(row.decided).getTime());
  }
  return {
    toNotifierMs: distribution(toNotifier),
    queuedMs: distribution(queued),
    attemptMs: distribution(attempt),
  };
}
