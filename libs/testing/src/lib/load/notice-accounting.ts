import type { TestDatabase } from '../infra/test-database';
import type { ReceivedWebhook } from '../webhook-sink';
import {
  WORKLOAD_AREA,
  WORKLOAD_NOTICE_TYPES,
  WORKLOAD_RECIPIENT_PATHS,
  type WorkloadArea,
} from './throughcare-workload';

/** One notice as a subscriber saw it. */
export interface ReceivedNotice {
  webhookId: string;
  type: string;
  subject: string | undefined;
  path: string;
  receivedAt: number;
  rule: string | undefined;
}

export function receivedNotices(received: readonly ReceivedWebhook[]): ReceivedNotice[] {
  return received
    .filter((r) => r.status >= 200 && r.status < 300)
    .map((r) => {
      const body = JSON.parse(r.body) as {
        type: string;
        subject?: string;
        data?: { disclosure?: { rule?: string } };
      };
      return {
        webhookId: String(r.headers['webhook-id']),
        type: body.type,
        subject: body.subject,
        path: r.path,
        receivedAt: r.receivedAt,
        rule: body.data?.disclosure?.rule,
      };
    });
}

/** What the workload's people were owed, and what arrived (issue 13, "What must be true" 1). */
export interface NoticeAccount {
  people: number;
  expected: number;
  delivered: number;
  /** `<prisonNumber> <type> <path>` of each owed notice that never arrived. */
  missing: string[];
  /**
   * Owed notices that arrived under two or more webhook-ids: a second notice for the same thing,
   * which a subscriber deduplicating on webhook-id cannot recognise.
   */
  duplicates: string[];
  /**
   * Notices (owed or other) whose one webhook-id was accepted more than once: a resend after the
   * sender lost the answer (at-least-once; subscribers dedupe on webhook-id).
   */
  redeliveries: number;
  /** Any other notice the people's events produced (continuity, record requests), delivered. */
  otherNotices: number;
}

function key(prisonNumber: string, type: string, path: string): string {
  return `${prisonNumber} ${type} ${path}`;
}

/** Counts, for the people given, owed notices against those the sink accepted. */
export function accountNotices(
  notices: readonly ReceivedNotice[],
  prisonNumbers: readonly string[],
): NoticeAccount {
  const people = new Set(prisonNumbers);
  const owed = new Map<string, Set<string>>();
  for (const prisonNumber of people)
    for (const type of WORKLOAD_NOTICE_TYPES)
      for (const path of WORKLOAD_RECIPIENT_PATHS)
        owed.set(key(prisonNumber, type, path), new Set());
  let otherNotices = 0;
  const accepts = new Map<string, number>();
  for (const notice of notices) {
    if (!notice.subject || !people.has(notice.subject)) continue;
    const acceptKey = `${notice.path} ${notice.webhookId}`;
    accepts.set(acceptKey, (accepts.get(acceptKey) ?? 0) + 1);
    const ids = owed.get(key(notice.subject, notice.type, notice.path));
    if (ids) ids.add(notice.webhookId);
    else otherNotices += 1;
  }
  const entries = [...owed.entries()];
  return {
    people: people.size,
    expected: owed.size,
    delivered: entries.filter(([, ids]) => ids.size > 0).length,
    missing: entries.filter(([, ids]) => ids.size === 0).map(([k]) => k),
    duplicates: entries.filter(([, ids]) => ids.size > 1).map(([k]) => k),
    redeliveries: [...accepts.values()].filter((count) => count > 1).length,
    otherNotices,
  };
}

/** What the notifier's ledger says about the people given (nothing stuck, nothing withheld). */
export interface LedgerAccount {
  /** Community or OM deliveries withheld although everyone consented (the consent race). */
  wronglyWithheld: number;
  /** Disclosure decisions for the area's CJIT, provider or OM taken with no consent on record. */
  decidedWithoutConsent: number;
  /** Deliveries still PENDING (waiting or retrying). */
  pending: number;
  /** Deliveries whose schedule ran out. */
  failed: number;
  /** Withheld deliveries by `<notice type> to <recipient role>`, to see which race lost. */
  withheldByKind: Record<string, number>;
  /** Deliveries by status, for the report. */
  byStatus: Record<string, number>;
}

export async function accountLedger(
  db: Pick<TestDatabase, 'rows' | 'count'>,
  prisonNumbers: readonly string[],
  area: WorkloadArea = WORKLOAD_AREA,
): Promise<LedgerAccount> {
  const rows = await db.rows<{
    status: string;
    recipient_role: string;
    type: string;
    count: string;
  }>(
    `SELECT d.status, d.recipient_role, n.type, count(*) AS count
       FROM notifier.delivery d JOIN notifier.notice n ON n.id = d.notice_id
      WHERE n.prison_number = ANY($1)
      GROUP BY d.status, d.recipient_role, n.type`,
    [prisonNumbers],
  );
  const byStatus: Record<string, number> = {};
  let wronglyWithheld = 0;
  const withheldByKind: Record<string, number> = {};
  for (const row of rows) {
    byStatus[row.status] = (byStatus[row.status] ?? 0) + Number(row.count);
    // Every person consented to every scope with a signed plan: no recipient of theirs may be
    // withheld (a non-identifying ALERT is not a WITHHELD delivery).
    if (row.status !== 'WITHHELD') continue;
    wronglyWithheld += Number(row.count);
    const kind = `${row.type.replace('throughcare.notice.', '')} to ${row.recipient_role}`;
    withheldByKind[kind] = (withheldByKind[kind] ?? 0) + Number(row.count);
  }
  const decidedWithoutConsent = await db.count(
    `SELECT count(*) FROM notifier.disclosure_decision
      WHERE prison_number = ANY($1) AND organisation_id = ANY($2) AND consent_version IS NULL`,
    [prisonNumbers, [area.cjit, area.provider, area.probation]],
  );
  return {
    wronglyWithheld,
    decidedWithoutConsent,
    withheldByKind,
    pending: byStatus['PENDING'] ?? 0,
    failed: byStatus['FAILED'] ?? 0,
    byStatus,
  };
}
