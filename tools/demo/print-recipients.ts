import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';

import { WORKSPACE_ROOT, type TestDatabase, type WebhookSink } from '@throughcare/testing';

import { RECIPIENTS } from './demo-scenario';
import { fit, wrap } from './report-layout';

interface NoticeBody {
  type: string;
  subject?: string;
  time: string;
  data: Record<string, unknown> & { disclosure?: { rule: string } };
}

interface Received {
  recipient: string;
  webhookId: string;
  notice: NoticeBody;
}

/** Rows shown per recipient; the rest are in the raw file. */
const ROWS_SHOWN = 12;

const shortType = (type: string) => type.replace('throughcare.notice.', '');
const when = (instant: string) => instant.slice(0, 16).replace('T', ' ');

/**
 * Prints, per recipient, how many notices arrived and a short table of them (when on the
 * simulated clock, what, about whom, under which disclosure rule), then what was withheld from
 * it and what could not be routed, counted by reason. The notices as received go to `rawFile`.
 */
export async function printWhatEachRecipientReceived(
  sink: WebhookSink,
  db: TestDatabase,
  rawFile: string,
): Promise<void> {
  const all: Received[] = [];
  console.log('\nWHAT EACH RECIPIENT RECEIVED');
  for (const recipient of RECIPIENTS) {
    const received = sink
      .acceptedAt(recipient.path)
      .map((r) => ({
        recipient: recipient.organisationId,
        webhookId: String(r.headers['webhook-id']),
        notice: JSON.parse(r.body) as NoticeBody,
      }))
      .sort((a, b) => a.notice.time.localeCompare(b.notice.time));
    all.push(...received);
    const withheld = await withheldFrom(db, recipient.organisationId);
    console.log(
      fit(
        `\n${recipient.name} (${recipient.organisationId}): ${received.length} received, ${withheld.length} withheld`,
      ),
    );
    printTable(received);
    printByReason('  withheld', withheld);
  }
  printByReason('\nnot routed (no recipient)', await unrouted(db));
  writeRaw(rawFile, all);
  console.log(
    fit(
      `\nraw notices (${all.length}, one JSON object a line): ${relative(WORKSPACE_ROOT, rawFile)}`,
    ),
  );
}

function printTable(received: Received[]): void {
  if (received.length === 0) return;
  console.log(`  ${'when (simulated)'.padEnd(17)} ${'what'.padEnd(26)} ${'about'.padEnd(8)} rule`);
  for (const { notice } of received.slice(0, ROWS_SHOWN)) {
    const row = [
      when(notice.time).padEnd(17),
      shortType(notice.type).padEnd(26),
      (notice.subject ?? '-').padEnd(8),
      notice.data.disclosure?.rule ?? '-',
    ];
    console.log(fit(`  ${row.join(' ')}`));
  }
  if (received.length > ROWS_SHOWN)
    console.log(`  ... and ${received.length - ROWS_SHOWN} more (in the raw notices file)`);
}

interface Decision {
  type: string;
  prisonNumber: string;
  rule: string;
}

/** One line per reason: how many, of which kinds, about whom. */
function printByReason(label: string, decisions: Decision[]): void {
  if (decisions.length === 0) return;
  const byRule = new Map<string, Decision[]>();
  for (const d of decisions) byRule.set(d.rule, [...(byRule.get(d.rule) ?? []), d]);
  console.log(`${label}: ${decisions.length}`);
  for (const [rule, list] of byRule) {
    const people = [...new Set(list.map((d) => d.prisonNumber))].join(', ');
    const kinds = [...new Set(list.map((d) => shortType(d.type)))].join(', ');
    for (const line of wrap(`${list.length} under ${rule} (${kinds}) about ${people}`, 4))
      console.log(line);
  }
}

async function withheldFrom(db: TestDatabase, organisationId: string): Promise<Decision[]> {
  return db.rows<Decision>(
    `SELECT n.type, n.prison_number AS "prisonNumber", d.rule
       FROM notifier.disclosure_decision d JOIN notifier.notice n ON n.id = d.notice_id
      WHERE d.organisation_id = $1 AND d.decision = 'WITHHOLD' ORDER BY n.content->>'dueAt'`,
    [organisationId],
  );
}

async function unrouted(db: TestDatabase): Promise<Decision[]> {
  return db.rows<Decision>(
    `SELECT notice_type AS type, prison_number AS "prisonNumber", rule
       FROM notifier.disclosure_decision WHERE decision = 'UNROUTED' ORDER BY id`,
  );
}

function writeRaw(file: string, received: Received[]): void {
  mkdirSync(dirname(file), { recursive: true });
  const lines = received.map((r) => JSON.stringify(r));
  writeFileSync(file, lines.length > 0 ? `${lines.join('\n')}\n` : '');
}
