import type { TestDatabase, WebhookSink } from '@throughcare/testing';

import { RECIPIENTS } from './demo-scenario';

interface NoticeBody {
  type: string;
  subject?: string;
  time: string;
  data: Record<string, unknown> & { disclosure?: { rule: string } };
}

/** Prints, per recipient and in time order, what arrived at its webhook and what was withheld. */
export async function printWhatEachRecipientReceived(
  sink: WebhookSink,
  db: TestDatabase,
): Promise<void> {
  console.log('\n================ what each recipient received ================');
  for (const recipient of RECIPIENTS) {
    console.log(`\n${recipient.name} (${recipient.organisationId}):`);
    const received = sink
      .acceptedAt(recipient.path)
      .map((r) => ({ id: r.headers['webhook-id'], notice: JSON.parse(r.body) as NoticeBody }))
      .sort((a, b) => a.notice.time.localeCompare(b.notice.time));
    for (const { id, notice } of received) {
      const { disclosure, ...fields } = notice.data;
      console.log(
        `  ${notice.time}  ${notice.type.replace('throughcare.notice.', '')}  ${notice.subject ?? '(no one named)'}  ${JSON.stringify(fields)}  [${disclosure?.rule}] ${String(id)}`,
      );
    }
    const withheld = await db.rows<{ type: string; prison_number: string; rule: string }>(
      `SELECT n.type, n.prison_number, d.rule FROM notifier.disclosure_decision d JOIN notifier.notice n ON n.id = d.notice_id
       WHERE d.organisation_id = $1 AND d.decision = 'WITHHOLD' ORDER BY n.content->>'dueAt'`,
      [recipient.organisationId],
    );
    for (const row of withheld) {
      console.log(
        `  withheld: ${row.type.replace('throughcare.notice.', '')} about ${row.prison_number} (${row.rule})`,
      );
    }
    if (received.length + withheld.length === 0) console.log('  nothing');
  }
  const gaps = await db.rows<{ notice_type: string; prison_number: string; rule: string }>(
    `SELECT notice_type, prison_number, rule FROM notifier.disclosure_decision
      WHERE decision = 'UNROUTED' ORDER BY id`,
  );
  for (const row of gaps) {
    console.log(
      `\nrouting gap: ${row.notice_type.replace('throughcare.notice.', '')} about ${row.prison_number} (${row.rule})`,
    );
  }
  console.log('\n===============================================================\n');
}
