import {
  type HubApiClient,
  accountLedger,
  accountNotices,
  playPerson,
  watchProcesses,
  type LedgerAccount,
  type NoticeAccount,
  type NoticeSink,
  type PersonRun,
  type ProcessUsage,
  type TestDatabase,
} from '@throughcare/testing';

import { distribution, type Distribution } from '../lib/percentiles';
import {
  flowBetween,
  queriesBetween,
  scrapeFlow,
  type ServiceQueries,
  type TopicFlow,
} from './event-flow';
import { stageLatencies, type StageLatencies } from './stage-latencies';

/** One phase of the load: a fixed rate of people per second, or as many as the hub takes. */
export interface PhasePlan {
  label: string;
  /** People per second; undefined: closed loop at the maximum (`concurrency` people in flight). */
  ratePerSecond?: number;
  concurrency?: number;
  seconds: number;
  drainSeconds: number;
}

export interface PhaseResult {
  label: string;
  ratePerSecond: number | null;
  seconds: number;
  peopleStarted: number;
  peopleAccepted: number;
  /** People whose three requests were all answered, per second of the phase. */
  achievedPeoplePerSecond: number;
  releaseIntakeMs: Distribution;
  allIntakeMs: Distribution;
  firstWebhookMs: Distribution;
  /** Where the intake-to-first-webhook time went (from the notifier's rows). */
  stages: StageLatencies;
  /** Per service and topic: messages, mean wait in Kafka, mean handling time. */
  flows: TopicFlow[];
  /** Statements each service sent to PostgreSQL during the phase. */
  queries: ServiceQueries[];
  /** Every notice for the phase's people over the time from the first release to the last notice. */
  noticesPerSecond: number;
  /** Notices delivered within the phase's own seconds (sustained, not counting the drain). */
  noticesPerSecondDuringLoad: number;
  drainedInSeconds: number;
  errors: Record<string, number>;
  notices: Omit<NoticeAccount, 'missing' | 'duplicates'> & {
    missing: number;
    duplicates: number;
    missingExamples: string[];
  };
  ledger: LedgerAccount;
  processes: ProcessUsage[];
}

interface PhaseContext {
  apis: HubApiClient[];
  sink: NoticeSink;
  db: TestDatabase;
  pids: ReadonlyMap<string, number>;
  /** Servers measured with every process they fork (PostgreSQL), by root pid. */
  processTrees: ReadonlyMap<string, number>;
  /** Every hub process's HTTP port, for its /metrics. */
  services: ReadonlyArray<{ name: string; port: number }>;
  adminKey: string;
  nextPrisonNumber: () => string;
  log: (line: string) => void;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Starts a person every 1/rate s (open loop: the hub's slowness does not slow the arrivals). */
async function openLoop(ctx: PhaseContext, plan: PhasePlan): Promise<Promise<PersonRun>[]> {
  const rate = plan.ratePerSecond as number;
  const total = Math.round(rate * plan.seconds);
  const runs: Promise<PersonRun>[] = [];
  const started = Date.now();
  for (let i = 0; i < total; i += 1) {
    const wait = started + (i * 1000) / rate - Date.now();
    if (wait > 0) await sleep(wait);
    const api = ctx.apis[i % ctx.apis.length] as HubApiClient;
    runs.push(playPerson(api, ctx.nextPrisonNumber()));
  }
  return runs;
}

/** `concurrency` people in flight at all times for the phase's seconds (closed loop). */
async function closedLoop(ctx: PhaseContext, plan: PhasePlan): Promise<Promise<PersonRun>[]> {
  const runs: Promise<PersonRun>[] = [];
  const deadline = Date.now() + plan.seconds * 1000;
  let i = 0;
  await Promise.all(
    Array.from({ length: plan.concurrency ?? 32 }, async () => {
      while (Date.now() < deadline) {
        const api = ctx.apis[i++ % ctx.apis.length] as HubApiClient;
        const run = playPerson(api, ctx.nextPrisonNumber());
        runs.push(run);
        await run;
      }
    }),
  );
  return runs;
}

/** Waits until every owed notice arrived, or nothing new came for 20 s, or the drain ran out. */
async function drain(ctx: PhaseContext, people: string[], drainSeconds: number): Promise<number> {
  const started = Date.now();
  let seen = -1;
  let lastProgress = Date.now();
  while (Date.now() - started < drainSeconds * 1000) {
    const account = accountNotices(ctx.sink.notices, people);
    if (account.missing.length === 0) break;
    if (ctx.sink.notices.length !== seen) {
      seen = ctx.sink.notices.length;
      lastProgress = Date.now();
    } else if (Date.now() - lastProgress > 20_000) break;
    await sleep(500);
  }
  // Late duplicates would arrive now: give retries in flight a moment before counting.
  await sleep(2000);
  return (Date.now() - started) / 1000;
}

function countErrors(runs: PersonRun[]): Record<string, number> {
  const errors: Record<string, number> = {};
  for (const run of runs)
    for (const status of run.statuses)
      if (!/^2\d\d$/.test(status)) {
        const label = status.startsWith('error:') ? 'network error' : status;
        errors[label] = (errors[label] ?? 0) + 1;
      }
  return errors;
}

function firstWebhookLatencies(
  runs: PersonRun[],
  notices: NoticeSink['notices'],
  from: number,
): number[] {
  const first = new Map<string, number>();
  for (const notice of notices.slice(from)) {
    if (!notice.subject || !notice.type.startsWith('throughcare.notice.release.')) continue;
    const seen = first.get(notice.subject);
    if (seen === undefined || notice.receivedAt < seen)
      first.set(notice.subject, notice.receivedAt);
  }
  return runs.flatMap((run) => {
    const at = first.get(run.prisonNumber);
    return run.releaseAccepted && at !== undefined ? [at - run.releaseSentAt] : [];
  });
}

export async function runPhase(ctx: PhaseContext, plan: PhasePlan): Promise<PhaseResult> {
  ctx.log(`phase ${plan.label}: ${plan.seconds} s`);
  const noticesBefore = ctx.sink.notices.length;
  const watch = watchProcesses(ctx.pids, 1000, ctx.processTrees);
  const flowBefore = await scrapeFlow(ctx.services, ctx.adminKey);
  const loadStarted = Date.now();
  const pending = plan.ratePerSecond ? await openLoop(ctx, plan) : await closedLoop(ctx, plan);
  const loadEnded = Date.now();
  const runs = await Promise.all(pending);
  const accepted = runs.filter((r) => r.releaseAccepted);
  const people = accepted.map((r) => r.prisonNumber);
  const drainedInSeconds = await drain(ctx, people, plan.drainSeconds);
  const processes = watch.stop();
  const flowAfter = await scrapeFlow(ctx.services, ctx.adminKey);

  const phaseNotices = ctx.sink.notices.slice(noticesBefore);
  const account = accountNotices(phaseNotices, people);
  const ledger = await accountLedger(ctx.db, people);
  const lastNoticeAt = phaseNotices.reduce((last, n) => Math.max(last, n.receivedAt), loadEnded);
  const firstReleaseAt = accepted.reduce(
    (first, r) => Math.min(first, r.releaseSentAt),
    loadStarted,
  );
  const duringLoad = phaseNotices.filter((n) => n.receivedAt <= loadEnded).length;
  const result: PhaseResult = {
    label: plan.label,
    ratePerSecond: plan.ratePerSecond ?? null,
    seconds: plan.seconds,
    peopleStarted: runs.length,
    peopleAccepted: accepted.length,
    achievedPeoplePerSecond: accepted.length / ((loadEnded - loadStarted) / 1000),
    releaseIntakeMs: distribution(accepted.map((r) => r.releaseMs)),
    allIntakeMs: distribution(
      runs.flatMap((r) => [r.receptionMs, r.consentMs, r.releaseMs]).filter(Number.isFinite),
    ),
    firstWebhookMs: distribution(firstWebhookLatencies(runs, ctx.sink.notices, noticesBefore)),
    stages: await stageLatencies(ctx.db, runs),
    flows: flowBetween(flowBefore, flowAfter),
    queries: queriesBetween(flowBefore, flowAfter),
    noticesPerSecond: phaseNotices.length / Math.max(0.001, (lastNoticeAt - firstReleaseAt) / 1000),
    noticesPerSecondDuringLoad: duringLoad / ((loadEnded - loadStarted) / 1000),
    drainedInSeconds,
    errors: countErrors(runs),
    notices: {
      ...account,
      missing: account.missing.length,
      duplicates: account.duplicates.length,
      missingExamples: account.missing.slice(0, 5),
    },
    ledger,
    processes,
  };
  ctx.log(
    `phase ${plan.label}: ${accepted.length}/${runs.length} people, release p50 ${result.releaseIntakeMs.p50.toFixed(0)} ms, ` +
      `first webhook p50 ${result.firstWebhookMs.p50.toFixed(0)} ms p99 ${result.firstWebhookMs.p99.toFixed(0)} ms, ` +
      `${result.noticesPerSecond.toFixed(1)} notices/s, missing ${result.notices.missing}, duplicates ${result.notices.duplicates}, ` +
      `withheld ${ledger.wronglyWithheld}`,
  );
  return result;
}
