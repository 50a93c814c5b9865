import type { Distribution } from '../lib/percentiles';
import type { HttpBaseline, KafkaBaseline } from './baselines';
import type { IdleRss } from './idle-rss';
import type { PhaseResult } from './load-phase';

export interface BenchE2eReport {
  generatedAt: string;
  durationSeconds: number;
  machine: {
    cpuModel: string;
    cores: number;
    memoryGiB: number;
    kernel: string;
    node: string;
    postgres: string;
    kafka: string;
  };
  settings: Record<string, unknown> & { instances: number };
  baselines: { kafka: KafkaBaseline; http: HttpBaseline };
  idleRss: { source: IdleRss; build: IdleRss } | undefined;
  phases: PhaseResult[];
}

const fmt = (value: number, digits = 0): string =>
  Number.isFinite(value)
    ? value.toLocaleString('en-GB', {
        maximumFractionDigits: digits,
        minimumFractionDigits: digits,
      })
    : 'n/a';

const p50p99 = (d: Distribution): string => `${fmt(d.p50)} / ${fmt(d.p99)}`;

function table(header: string[], rows: string[][]): string[] {
  return [
    `| ${header.join(' | ')} |`,
    `| ${header.map((_, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ];
}

function phaseRows(phases: PhaseResult[]): string[] {
  return table(
    [
      'phase',
      'people (accepted/started)',
      'people/s',
      'release intake p50/p99 ms',
      'all intake p50/p99 ms',
      'intake to first webhook p50/p99 ms',
      'notices/s (load / incl. drain)',
      'errors',
      'missing',
      'duplicates / same-id redeliveries',
      'wrongly withheld',
      'decided without consent',
      'pending / failed after drain',
    ],
    phases.map((p) => [
      p.label,
      `${p.peopleAccepted}/${p.peopleStarted}`,
      fmt(p.achievedPeoplePerSecond, 1),
      p50p99(p.releaseIntakeMs),
      p50p99(p.allIntakeMs),
      p50p99(p.firstWebhookMs),
      `${fmt(p.noticesPerSecondDuringLoad, 1)} / ${fmt(p.noticesPerSecond, 1)}`,
      Object.entries(p.errors)
        .map(([status, count]) => `${count}× ${status}`)
        .join(', ') || '0',
      `${p.notices.missing} of ${p.notices.expected}`,
      `${p.notices.duplicates} / ${p.notices.redeliveries}`,
      String(p.ledger.wronglyWithheld),
      String(p.ledger.decidedWithoutConsent),
      `${p.ledger.pending} / ${p.ledger.failed}`,
    ]),
  );
}

function stageRows(phases: PhaseResult[]): string[] {
  return table(
    [
      'phase',
      'release sent to notice stored in the notifier p50/p99 ms',
      'stored to disclosure decision (delivery queue) p50/p99 ms',
      'decision to attempt recorded p50/p99 ms',
    ],
    phases.map((p) => [
      p.label,
      p50p99(p.stages.toNotifierMs),
      p50p99(p.stages.queuedMs),
      p50p99(p.stages.attemptMs),
    ]),
  );
}

function flowRows(phases: PhaseResult[]): string[] {
  return table(
    [
      'phase',
      'service',
      'topic',
      'messages',
      'mean wait in Kafka ms',
      'mean handling ms',
      'busy (handling s per s)',
    ],
    phases.flatMap((p) =>
      p.flows.map((f) => [
        p.label,
        f.service,
        f.topic,
        String(f.messages),
        fmt(f.meanWaitMs, 1),
        fmt(f.meanHandlingMs, 1),
        fmt(f.busyShare, 2),
      ]),
    ),
  );
}

function queryRows(phases: PhaseResult[]): string[] {
  const services = [...new Set(phases.flatMap((p) => p.queries.map((q) => q.service)))];
  return table(
    ['phase', 'notices delivered', ...services.map((s) => `${s} queries (per notice)`)],
    phases.map((p) => [
      p.label,
      String(p.notices.delivered),
      ...services.map((s) => {
        const q = p.queries.find((x) => x.service === s)?.queries ?? 0;
        return `${q} (${fmt(q / Math.max(1, p.notices.delivered), 1)})`;
      }),
    ]),
  );
}

function processRows(phases: PhaseResult[]): string[] {
  const names = [...new Set(phases.flatMap((p) => p.processes.map((u) => u.name)))];
  return table(
    ['process', ...phases.map((p) => `${p.label}: CPU cores, RSS mean/peak MiB`)],
    names.map((name) => [
      name,
      ...phases.map((p) => {
        const u = p.processes.find((x) => x.name === name);
        return u ? `${fmt(u.cpuCores, 2)}, ${fmt(u.rssMeanMiB)}/${fmt(u.rssPeakMiB)}` : '';
      }),
    ]),
  );
}

export function renderMarkdown(report: BenchE2eReport): string {
  const { machine: m, baselines: b } = report;
  const lines = [
    `# bench:e2e ${report.generatedAt} (${report.settings.instances} instance(s) per service)`,
    '',
    `Machine: ${m.cores} × ${m.cpuModel}, ${m.memoryGiB} GiB, Linux ${m.kernel}, Node ${m.node}, ` +
      `${m.postgres}, Kafka ${m.kafka}. Everything (hub, broker, PostgreSQL, Redis, load generator ` +
      `and sink) on this machine, loopback only. Run took ${report.durationSeconds} s.`,
    '',
    `Settings: \`${JSON.stringify(report.settings)}\``,
    '',
    'Workload per person: a reception, a consent PUT (every scope, plan signed), a release dated ' +
      'tomorrow (six-week and two-day notices at once to the CJIT, provider and OM: 6 owed notices).',
    '',
    '## Baselines (same run, same machine)',
    '',
    `- raw kafkajs produce-to-consume: ${fmt(b.kafka.maxMsgsPerSecond)} msgs/s at the maximum ` +
      `(${b.kafka.maxMessages} messages of 2 KB); at ${b.kafka.fixedRatePerSecond}/s latency ` +
      `p50 ${fmt(b.kafka.fixedRateLatencyMs.p50, 1)} ms, p99 ${fmt(b.kafka.fixedRateLatencyMs.p99, 1)} ms`,
    `- plain HTTP POST of 2 KB to the same sink: ${fmt(b.http.requestsPerSecond)} req/s ` +
      `(${b.http.concurrency} in flight, keep-alive), p50 ${fmt(b.http.latencyMs.p50, 1)} ms, ` +
      `p99 ${fmt(b.http.latencyMs.p99, 1)} ms`,
    '',
    '## Per rate',
    '',
    ...phaseRows(report.phases),
    '',
    'Intake: the answer time of the release POST (and of all three requests). Intake to first ' +
      'webhook: from sending the release to the first release notice for that person at the sink. ' +
      "Missing: owed notices not received by the end of the phase's drain (BENCH_E2E_DRAIN_SECONDS; " +
      'pending says how many deliveries were still queued, so missing with pending is a backlog, ' +
      'without it a loss; phases share the hub, so a backlog carries into the next); duplicates: an owed notice that arrived under two ' +
      'webhook-ids; redeliveries: one webhook-id accepted twice (at-least-once, deduplicated by ' +
      'subscribers on webhook-id); wrongly withheld: WITHHELD deliveries for people who consented to ' +
      'everything; pending / failed: the delivery ledger after the drain.',
    '',
    '## Where the time to the first webhook goes (first release notice per person, notifier rows)',
    '',
    ...stageRows(report.phases),
    '',
    "## Kafka messages per service and topic (from each service's /metrics, over each phase including its drain)",
    '',
    ...flowRows(report.phases),
    '',
    '## PostgreSQL statements per service (throughcare_db_queries_total, over each phase including its drain)',
    '',
    ...queryRows(report.phases),
    '',
    '## CPU and RSS per process (from /proc, over each phase including its drain)',
    '',
    ...processRows(report.phases),
  ];
  const withheld = report.phases.filter((p) => p.ledger.wronglyWithheld > 0);
  if (withheld.length > 0)
    lines.push(
      '',
      'Withheld deliveries by notice and recipient: ' +
        withheld.map((p) => `${p.label}: ${JSON.stringify(p.ledger.withheldByKind)}`).join('; '),
    );
  if (report.idleRss) {
    lines.push(
      '',
      '## Idle RSS per service (MiB)',
      '',
      ...table(
        ['service', 'TypeScript through swc-node (before)', 'compiled JavaScript (now)'],
        Object.keys(report.idleRss.build).map((service) => [
          service,
          fmt(report.idleRss?.source[service as keyof IdleRss] ?? Number.NaN),
          fmt(report.idleRss?.build[service as keyof IdleRss] ?? Number.NaN),
        ]),
      ),
    );
  }
  return `${lines.join('\n')}\n`;
}
