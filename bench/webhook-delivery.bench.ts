/**
 * Webhook delivery: "notices per second delivered to a local sink, and the ratio to plain HTTP
 * POSTs to the same sink from the same process, in one run."
 *
 * One process holds the sink (node:http on 127.0.0.1, port 0, answering 204), the senders and
 * the BullMQ worker, so every path shares the same event loop and CPU.
 *
 * 1. Raw baseline: N plain POSTs of the same rendered bodies, `concurrency` at a time, with
 *    node:http and `agent: false` (a fresh connection per request, as the hub's sender opens),
 *    and again with keep-alive `fetch` (undici's pooled connections) as a second baseline.
 * 2. Hub path: one BullMQ job per notice on the notifier's queue (its name, its job options,
 *    its `{ deliveryId }` payload, `concurrency` workers), enqueued with addBulk while the worker
 *    runs. Per job, as DeliveryAttempts.deliverOnce does for a webhook: take an endpoint slot
 *    lease (EndpointLeases, Redis), render the CloudEvent body (renderNoticeBody), then sendWebhookTo
 *    (URL policy and address vetting, Standard Webhooks signing, a pinned POST on a fresh
 *    connection), release the slot. Notices/s = N / (first enqueue → last 204 written by the sink).
 *
 * The three paths run in turn, `rounds` times (3; BENCH_QUICK: 1); each path's throughput and
 * latency are those of its median-throughput round, its RSS growth that of its largest round.
 *
 * Not included: Kafka intake and routing, the Postgres reads and writes of an attempt (delivery,
 * notice and subscription rows, the consent lock, the disclosure decision and its audit row, the
 * attempt row and ledger update), decrypting the signing secret, endpoint health, Prometheus
 * metrics and logging. The disclosure decision is a fixed one of realistic size.
 */
import { request as httpRequest } from 'node:http';
import { performance } from 'node:perf_hooks';

import { DelayedError, Queue, Worker, type ConnectionOptions, type Job } from 'bullmq';
import { Redis } from 'ioredis';

import {
  JobName,
  NoticeType,
  QueueName,
  type JobPayloads,
  type NoticeDueV1,
} from '@throughcare/contracts';
import type { DisclosureDecision } from '@throughcare/disclosure';
import { generateWebhookSecret, type WebhookUrlPolicy } from '@throughcare/webhooks';

import { deliveryId } from '../apps/notifier/src/delivery/delivery-id';
import { EndpointLeases } from '../apps/notifier/src/delivery/endpoint-leases';
import { sendWebhookTo } from '../apps/notifier/src/delivery/webhook-sender';
import { renderNoticeBody } from '../apps/notifier/src/rendering/render-notice';
import { CountingSink, type SinkCounters } from './lib/http-sink';
import { distribution, type Distribution } from './lib/percentiles';
import { countPrefix, deletePrefix } from './lib/redis';
import {
  compare,
  fmt,
  packageVersion,
  type BenchContext,
  type BenchMetric,
  type BenchResult,
  type Benchmark,
} from './lib/report';

type DeliverData = JobPayloads[JobName.DeliverWebhook];

interface Settings {
  notices: number;
  warmup: number;
  concurrency: number;
  /** The notifier's WEBHOOK_TIMEOUT_MS default. */
  timeoutMs: number;
  enqueueChunk: number;
  /** Bound on each phase. */
  phaseDeadlineMs: number;
  /** Each round runs every path once; the report takes each path's median round. */
  rounds: number;
}

const FULL: Settings = {
  notices: 5_000,
  warmup: 300,
  concurrency: 16,
  timeoutMs: 10_000,
  enqueueChunk: 500,
  phaseDeadlineMs: 60_000,
  rounds: 3,
};

const QUICK: Settings = { ...FULL, notices: 300, warmup: 50, rounds: 1 };

const SINK_PATH = '/hooks/throughcare';
const ORGANISATION_ID = 'CJIT-E08000035';
const SUBSCRIPTION_ID = '5b0c7a9e-2f4d-4c1e-9a6b-3d8e1f0a7c42';

/** A disclosure decision of the size a consented community recipient gets for a release notice. */
const DECISION: Pick<DisclosureDecision, 'outcome' | 'rule' | 'fields' | 'consentVersion'> = {
  outcome: 'SEND',
  rule: 'community-consented-signed-plan',
  consentVersion: 3,
  fields: {
    prisonNumber: 'A1234BC',
    releaseDate: '2026-03-12',
    establishment: 'LEI',
    releaseType: 'CONDITIONAL_RELEASE',
    onLicence: true,
    releaseArea: { localAuthorityCode: 'E08000035' },
    milestone: 'SIX_WEEKS',
    shortNotice: false,
    fridayOrPreHoliday: false,
    localTreatmentProvider: {
      name: 'Forward Leeds (Armley hub)',
      email: 'referrals.armley@forward-leeds.example',
      phone: '0113 887 3413',
    },
    prisonSpoc: {
      name: 'Healthcare SPOC, HMP Leeds',
      email: 'leeds.healthcare.spoc@justice.example',
      phone: '0113 203 2600',
    },
    medicinesContinuation: 'Bridging prescription to cover the first 7 days after release',
    engagementStatus: 'ENGAGED',
    interventionsDelivered: ['Psychosocial group (8 sessions)', 'Naloxone training', 'BBV test'],
    riskIssues:
      'Heightened overdose risk in the first two weeks after release (reduced tolerance).',
    futureNeeds: 'Continuity of OST; housing support referral made; GP registration needed.',
    treatmentPlanned: true,
    onOst: true,
    ostMedicine: 'METHADONE',
    doseMg: 60,
    lastPrisonDoseAt: '2026-03-12T08:30:00Z',
    naloxone: { offered: true, supplied: true },
    bridgingScript: { required: true, days: 7 },
  },
};

/** mulberry32: seeded, so every run sends the same notices. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function seededUuid(random: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
}

interface Notice {
  deliveryId: string;
  type: NoticeType;
  content: NoticeDueV1;
}

function notices(count: number, seed: number): Notice[] {
  const random = seededRandom(seed);
  const letter = () => String.fromCharCode(65 + Math.floor(random() * 26));
  return Array.from({ length: count }, () => {
    const noticeId = seededUuid(random);
    const content: NoticeDueV1 = {
      noticeId,
      noticeType: NoticeType.SixWeeks,
      prisonNumber: `${letter()}${String(1000 + Math.floor(random() * 9000))}${letter()}${letter()}`,
      episodeId: `episode-${seededUuid(random)}`,
      milestone: 'SIX_WEEKS',
      dueAt: '2026-01-29T09:00:00.000Z',
      issuedAt: '2026-01-29T09:00:00.000Z',
      shortNotice: false,
      fridayOrPreHoliday: false,
    };
    return {
      deliveryId: deliveryId(noticeId, ORGANISATION_ID, SUBSCRIPTION_ID),
      type: NoticeType.SixWeeks,
      content,
    };
  });
}

/** The body the notifier renders for a notice (its fields carry the notice's prisonNumber). */
function render(notice: Notice): string {
  const decision = {
    ...DECISION,
    fields: { ...DECISION.fields, prisonNumber: notice.content.prisonNumber },
  };
  return renderNoticeBody(notice.deliveryId, notice.type, notice.content, decision);
}

/** The item whose key is the median (the lower middle one for an even count). */
function medianBy<T>(items: readonly T[], key: (item: T) => number): T {
  const sorted = [...items].sort((a, b) => key(a) - key(b));
  const middle = sorted[Math.floor((sorted.length - 1) / 2)];
  if (middle === undefined) throw new Error('no rounds');
  return middle;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `done` every 10 ms until it holds or the deadline passes; true when it held. */
async function waitUntil(done: () => boolean, deadline: number): Promise<boolean> {
  while (!done()) {
    if (Date.now() >= deadline) return false;
    await sleep(10);
  }
  return true;
}

/** Runs task(0..count-1) with at most `concurrency` in flight, in index order. */
async function pool(
  count: number,
  concurrency: number,
  task: (index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < count) await task(next++);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, lane));
}

/** Peak RSS while a phase runs (sampled every 20 ms) and the RSS at its start and end. */
class RssWatch {
  readonly start = process.memoryUsage.rss();
  private peak = this.start;
  private readonly timer = setInterval(() => {
    this.peak = Math.max(this.peak, process.memoryUsage.rss());
  }, 20);

  stop(): { startMiB: number; deltaMiB: number; peakDeltaMiB: number } {
    clearInterval(this.timer);
    const end = process.memoryUsage.rss();
    this.peak = Math.max(this.peak, end);
    const mib = (bytes: number) => bytes / 2 ** 20;
    return {
      startMiB: mib(this.start),
      deltaMiB: mib(end - this.start),
      peakDeltaMiB: mib(this.peak - this.start),
    };
  }
}

interface PhaseMeasurement {
  /** First request started or first job enqueued → last 204 written by the sink. */
  wallMs: number;
  perSecond: number;
  /** Per request: start → response status (sendWebhookTo for the hub path). */
  latencyMs: Distribution;
  delivered: number;
  errors: number;
  firstError: string | null;
  sink: SinkCounters;
  rss: { startMiB: number; deltaMiB: number; peakDeltaMiB: number };
}

/** A plain POST on a fresh connection, read the way the hub's sender reads it (status only). */
function postFresh(url: string, body: string, timeoutMs: number): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const request = httpRequest(
      url,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
        },
        agent: false,
        signal: AbortSignal.timeout(timeoutMs),
      },
      (response) => {
        resolve(response.statusCode ?? 0);
        response.destroy();
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

/** A plain POST with the global fetch (undici's keep-alive pool). */
async function postKeepAlive(url: string, body: string, timeoutMs: number): Promise<number> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
    signal: AbortSignal.timeout(timeoutMs),
  });
  await response.body?.cancel();
  return response.status;
}

class WebhookDeliveryBench {
  private readonly connection: ConnectionOptions;
  private readonly notes: string[] = [];
  private readonly secret = generateWebhookSecret();
  private readonly policy: WebhookUrlPolicy = { requireHttps: false, allowedHosts: ['127.0.0.1'] };

  constructor(
    private readonly ctx: BenchContext,
    private readonly redis: Redis,
    private readonly sink: CountingSink,
    private readonly s: Settings,
  ) {
    this.connection = { host: ctx.redis.host, port: ctx.redis.port, db: ctx.redis.db };
  }

  async run(): Promise<BenchResult> {
    const started = performance.now();
    const { notices: count, warmup, concurrency } = this.s;
    const url = this.sink.url(SINK_PATH);
    const items = notices(count, 0xd311);
    const bodies = items.map(render);
    const warm = notices(warmup, 0xbeef);
    const warmBodies = warm.map(render);
    const bodyBytes = distribution(bodies.map((body) => Buffer.byteLength(body)));

    // Warm-up of every path (JIT, Lua scripts, connections), not measured.
    this.ctx.log(`warm-up: ${fmt(warmup)} requests per path`);
    await this.raw(warmBodies, url, postFresh);
    await this.raw(warmBodies, url, postKeepAlive);
    await this.hub(warm);

    // Rounds interleave the three paths, so that a noisy neighbour on the machine hits all of
    // them; each path's figures are those of its median-throughput round.
    const freshRounds: PhaseMeasurement[] = [];
    const keepAliveRounds: PhaseMeasurement[] = [];
    const hubRounds: Awaited<ReturnType<WebhookDeliveryBench['hub']>>[] = [];
    for (let round = 1; round <= this.s.rounds; round++) {
      const of = `round ${round} of ${this.s.rounds}`;
      this.ctx.log(
        `${of}: ${fmt(count)} POSTs, node:http agent: false, concurrency ${concurrency}`,
      );
      freshRounds.push(await this.raw(bodies, url, postFresh));
      this.ctx.log(`${of}: ${fmt(count)} POSTs, keep-alive fetch, concurrency ${concurrency}`);
      keepAliveRounds.push(await this.raw(bodies, url, postKeepAlive));
      this.ctx.log(`${of}: ${fmt(count)} notices through BullMQ + sendWebhookTo`);
      hubRounds.push(await this.hub(items));
    }
    const fresh = medianBy(freshRounds, (m) => m.perSecond);
    const keepAlive = medianBy(keepAliveRounds, (m) => m.perSecond);
    const hub = medianBy(hubRounds, (m) => m.phase.perSecond);
    const hubPhases = hubRounds.map((h) => h.phase);
    const perRound = (rounds: readonly PhaseMeasurement[]) =>
      rounds.map((m) => fmt(m.perSecond, 0)).join(' / ');
    const ratios = hubRounds.map(
      (h, i) => h.phase.perSecond / (freshRounds[i] as PhaseMeasurement).perSecond,
    );

    for (const [label, m] of [
      ...freshRounds.map((m) => ['agent: false', m] as const),
      ...keepAliveRounds.map((m) => ['keep-alive fetch', m] as const),
      ...hubRounds.map((h) => ['hub path', h.phase] as const),
    ]) {
      if (m.delivered !== count || m.errors > 0) {
        this.notes.push(
          `${label}: ${fmt(m.delivered)} of ${fmt(count)} delivered, ${fmt(m.errors)} errors` +
            (m.firstError ? ` (first: ${m.firstError})` : ''),
        );
      }
    }
    if (hub.phase.sink.signed !== hub.phase.sink.accepted) {
      this.notes.push(
        `Only ${fmt(hub.phase.sink.signed)} of ${fmt(hub.phase.sink.accepted)} hub requests carried webhook-id and webhook-signature.`,
      );
    }
    this.notes.push(
      'Hub path per notice: BullMQ job on the notifier queue (name, `{ deliveryId }` payload, ' +
        'job options attempts 1 / removeOnComplete / removeOnFail false, jobId `<deliveryId>-a1`), ' +
        'Worker concurrency as the baselines, EndpointLeases acquire/release in Redis (limit set ' +
        'to the concurrency, so never BUSY), renderNoticeBody, sendWebhookTo (URL policy with ' +
        '127.0.0.1 allow-listed, one HMAC-SHA256 signature, pinned POST with agent: false). ' +
        'Jobs are enqueued with addBulk in chunks of ' +
        `${fmt(this.s.enqueueChunk)} while the worker runs; the clock starts before the first addBulk.`,
      'Excluded: Kafka intake, notice routing and the notice-due consumer; every Postgres read ' +
        'and write of an attempt (delivery, notice and subscription rows, consent lock, ' +
        'disclosure decision and its audit row, attempt row, ledger update, next-attempt ' +
        'arming); decrypting the signing secret; endpoint health; metrics and logging. The ' +
        `disclosure decision is a fixed one (rule ${DECISION.rule}, ${Object.keys(DECISION.fields).length} fields).`,
      'In production ENDPOINT_CONCURRENCY (default 2) caps the requests in flight to one ' +
        'endpoint; here every notice goes to one sink, so the slot limit is raised to the ' +
        `concurrency (${concurrency}) to measure the delivery code, not the throttle.`,
      `${this.s.rounds} round(s), each running the three paths in turn (agent: false, keep-alive ` +
        "fetch, hub); throughput, wall time and latency in the tables are of that path's median-throughput " +
        'round, RSS deltas of its largest round; the per-round throughputs are in the metrics. A shared 2-CPU machine moves single runs a lot.',
      'Latency is per request: start → response status (for the hub, the sendWebhookTo call: ' +
        'vetting, signing, connect, response headers). Queue wait is in the metrics below.',
      'Sink, senders and worker share one Node process and event loop (and the machine with ' +
        'Redis), as the requirement asks; RSS deltas are of this process, without a forced GC, ' +
        'so they are indicative only.',
    );

    const ratio = (a: number, b: number) => (b > 0 ? a / b : Number.NaN);
    const metrics: BenchMetric[] = [
      {
        label: 'Hub notices/s ÷ raw POSTs/s (agent: false) — headline',
        value: ratio(hub.phase.perSecond, fresh.perSecond).toFixed(3),
        unit: '×',
      },
      {
        label: 'Hub notices/s ÷ raw POSTs/s (keep-alive fetch)',
        value: ratio(hub.phase.perSecond, keepAlive.perSecond).toFixed(3),
        unit: '×',
      },
      {
        label: `Throughput per round, agent: false (${this.s.rounds} rounds)`,
        value: perRound(freshRounds),
        unit: 'per s',
      },
      {
        label: 'Throughput per round, keep-alive fetch',
        value: perRound(keepAliveRounds),
        unit: 'per s',
      },
      {
        label: 'Throughput per round, hub path',
        value: perRound(hubRounds.map((h) => h.phase)),
        unit: 'per s',
      },
      {
        label: 'Hub ÷ agent: false within each round',
        value: ratios.map((r) => r.toFixed(2)).join(' / '),
        unit: '×',
      },
      {
        label: 'Notices delivered (hub, median round)',
        value: `${fmt(hub.phase.delivered)} of ${fmt(count)}`,
      },
      {
        label: 'Signed requests seen by the sink (hub, median round)',
        value: `${fmt(hub.phase.sink.signed)} of ${fmt(hub.phase.sink.accepted)}`,
      },
      { label: 'Failed jobs / BUSY slots (hub)', value: `${hub.failed} / ${hub.busy}` },
      {
        label: 'Body size p50 (min–max)',
        value: `${fmt(bodyBytes.p50)} (${fmt(bodyBytes.min)}–${fmt(bodyBytes.max)})`,
        unit: 'bytes',
      },
      { label: 'Concurrency (requests in flight / worker concurrency)', value: concurrency },
      { label: `Time to enqueue ${fmt(count)} jobs (addBulk)`, value: hub.enqueueMs, unit: 'ms' },
      {
        label: 'Worker handler time p50 / p95 (slot, render, send)',
        value: `${fmt(hub.handlerMs.p50)} / ${fmt(hub.handlerMs.p95)}`,
        unit: 'ms',
      },
      {
        label: 'Enqueue → 2xx p50 / p95 (includes queue wait)',
        value: `${fmt(hub.enqueueToDoneMs.p50)} / ${fmt(hub.enqueueToDoneMs.p95)}`,
        unit: 'ms',
      },
      {
        label: 'Sink connections (agent: false / keep-alive / hub)',
        value: `${fmt(fresh.sink.connections)} / ${fmt(keepAlive.sink.connections)} / ${fmt(hub.phase.sink.connections)}`,
      },
      {
        label: 'RSS at phase start (agent: false / keep-alive / hub)',
        value: `${fmt(fresh.rss.startMiB)} / ${fmt(keepAlive.rss.startMiB)} / ${fmt(hub.phase.rss.startMiB)}`,
        unit: 'MiB',
      },
    ];

    const title = `Deliver ${fmt(count)} notices to a local sink (127.0.0.1, 204), concurrency ${concurrency}`;
    return {
      name: 'webhook-delivery',
      title: 'Webhook delivery (BullMQ + sendWebhookTo) against plain POSTs',
      durationMs: performance.now() - started,
      sections: [
        {
          title: `${title}: hub path against plain POSTs on a fresh connection each`,
          subjectLabel: 'Hub path (BullMQ + sendWebhookTo)',
          baselineLabel: 'node:http POST, agent: false',
          comparisons: this.comparisons(hubPhases, freshRounds),
          metrics,
        },
        {
          title: `${title}: hub path against keep-alive fetch`,
          subjectLabel: 'Hub path (BullMQ + sendWebhookTo)',
          baselineLabel: 'fetch, keep-alive pool',
          comparisons: this.comparisons(hubPhases, keepAliveRounds),
        },
      ],
      notes: this.notes,
      data: {
        settings: this.s,
        bullmq: packageVersion('bullmq'),
        bodyBytes,
        rawAgentFalse: fresh,
        rawKeepAliveFetch: keepAlive,
        hub,
        rounds: { rawAgentFalse: freshRounds, rawKeepAliveFetch: keepAliveRounds, hub: hubRounds },
      },
    };
  }

  /** Throughput and latency of each side's median round; RSS growth of each side's largest. */
  private comparisons(
    subjects: readonly PhaseMeasurement[],
    baselines: readonly PhaseMeasurement[],
  ) {
    const subject = medianBy(subjects, (m) => m.perSecond);
    const baseline = medianBy(baselines, (m) => m.perSecond);
    const largest = (rounds: readonly PhaseMeasurement[], key: (m: PhaseMeasurement) => number) =>
      Math.max(...rounds.map(key));
    const end = (m: PhaseMeasurement) => m.rss.deltaMiB;
    const peak = (m: PhaseMeasurement) => m.rss.peakDeltaMiB;
    return [
      compare('Throughput', 'per s', subject.perSecond, baseline.perSecond),
      compare('Wall time', 'ms', subject.wallMs, baseline.wallMs),
      compare('Latency p50', 'ms', subject.latencyMs.p50, baseline.latencyMs.p50),
      compare('Latency p95', 'ms', subject.latencyMs.p95, baseline.latencyMs.p95),
      compare('Latency p99', 'ms', subject.latencyMs.p99, baseline.latencyMs.p99),
      compare(
        'RSS delta, end − start (largest round)',
        'MiB',
        largest(subjects, end),
        largest(baselines, end),
      ),
      compare(
        'RSS delta, peak − start (largest round)',
        'MiB',
        largest(subjects, peak),
        largest(baselines, peak),
      ),
    ];
  }

  private async raw(
    bodies: readonly string[],
    url: string,
    post: (url: string, body: string, timeoutMs: number) => Promise<number>,
  ): Promise<PhaseMeasurement> {
    this.sink.reset();
    const latencies: number[] = [];
    let errors = 0;
    let firstError: string | null = null;
    const rss = new RssWatch();
    const started = performance.now();
    await pool(bodies.length, this.s.concurrency, async (i) => {
      const sent = performance.now();
      try {
        const status = await post(url, bodies[i] as string, this.s.timeoutMs);
        if (status < 200 || status >= 300) throw new Error(`HTTP ${status}`);
        latencies.push(performance.now() - sent);
      } catch (error) {
        errors += 1;
        firstError ??= (error as Error).message;
      }
    });
    const memory = rss.stop();
    const sink = this.sink.reset();
    const wallMs = sink.lastAcceptedAt - started;
    return {
      wallMs,
      perSecond: (latencies.length / wallMs) * 1000,
      latencyMs: distribution(latencies),
      delivered: latencies.length,
      errors,
      firstError,
      sink,
      rss: memory,
    };
  }

  private async hub(items: readonly Notice[]): Promise<{
    phase: PhaseMeasurement;
    enqueueMs: number;
    handlerMs: Distribution;
    enqueueToDoneMs: Distribution;
    failed: number;
    busy: number;
  }> {
    const { concurrency, timeoutMs, enqueueChunk, phaseDeadlineMs } = this.s;
    const url = this.sink.url(SINK_PATH);
    const byId = new Map(items.map((item) => [item.deliveryId, item]));
    const enqueuedAt = new Map<string, number>();
    const queue = new Queue<DeliverData>(QueueName.WebhookDelivery, {
      connection: this.connection,
      prefix: this.ctx.keyPrefix,
      defaultJobOptions: { attempts: 1, removeOnComplete: true, removeOnFail: false },
    });
    const slots = new EndpointLeases(
      () => queue.client as unknown as Promise<Redis>,
      this.ctx.keyPrefix,
      { limit: concurrency, ttlMs: 5_000, heartbeatMs: 1_500 },
    );
    slots.start();
    const latencies: number[] = [];
    const handlerMs: number[] = [];
    const enqueueToDone: number[] = [];
    let errors = 0;
    let firstError: string | null = null;
    let failed = 0;
    let busy = 0;
    let completed = 0;
    const workerErrors: string[] = [];

    const processJob = async (job: Job<DeliverData>, token?: string): Promise<void> => {
      const began = performance.now();
      const notice = byId.get(job.data.deliveryId);
      if (!notice) throw new Error(`unknown delivery ${job.data.deliveryId}`);
      const lease = await slots.acquire(SUBSCRIPTION_ID);
      if (!lease) {
        busy += 1;
        await job.moveToDelayed(Date.now() + 200 + Math.round(Math.random() * 300), token);
        throw new DelayedError();
      }
      try {
        const body = render(notice);
        const sent = performance.now();
        const result = await sendWebhookTo({
          url,
          webhookId: notice.deliveryId,
          secrets: [this.secret],
          body,
          timeoutMs,
          policy: this.policy,
        });
        const done = performance.now();
        if (result.error !== null) {
          errors += 1;
          firstError ??= result.error;
          throw new Error(result.error);
        }
        latencies.push(done - sent);
        enqueueToDone.push(done - (enqueuedAt.get(notice.deliveryId) ?? Number.NaN));
      } finally {
        await slots.release(lease);
      }
      handlerMs.push(performance.now() - began);
    };

    const worker = new Worker<DeliverData>(QueueName.WebhookDelivery, processJob, {
      connection: this.connection,
      prefix: this.ctx.keyPrefix,
      concurrency,
    });
    worker.on('completed', () => (completed += 1));
    worker.on('failed', () => (failed += 1));
    worker.on('error', (error) => {
      if (workerErrors.length < 5) workerErrors.push(error.message);
    });

    try {
      await queue.waitUntilReady();
      await worker.waitUntilReady();
      this.sink.reset();
      const rss = new RssWatch();
      const started = performance.now();
      for (let i = 0; i < items.length; i += enqueueChunk) {
        const chunk = items.slice(i, i + enqueueChunk);
        const at = performance.now();
        for (const item of chunk) enqueuedAt.set(item.deliveryId, at);
        await queue.addBulk(
          chunk.map((item) => ({
            name: JobName.DeliverWebhook,
            data: { deliveryId: item.deliveryId },
            opts: { jobId: `${item.deliveryId}-a1` },
          })),
        );
      }
      const enqueueMs = performance.now() - started;
      const finished = await waitUntil(
        () => completed + failed >= items.length,
        Date.now() + phaseDeadlineMs,
      );
      const memory = rss.stop();
      const sink = this.sink.reset();
      if (!finished) {
        this.notes.push(
          `Hub path: only ${fmt(completed)} completed and ${fmt(failed)} failed of ${fmt(items.length)} within ${fmt(phaseDeadlineMs / 1000)} s.`,
        );
      }
      if (workerErrors.length > 0) this.notes.push(`Worker errors: ${workerErrors.join('; ')}`);
      const wallMs = sink.lastAcceptedAt - started;
      return {
        phase: {
          wallMs,
          perSecond: (latencies.length / wallMs) * 1000,
          latencyMs: distribution(latencies),
          delivered: latencies.length,
          errors,
          firstError,
          sink,
          rss: memory,
        },
        enqueueMs,
        handlerMs: distribution(handlerMs),
        enqueueToDoneMs: distribution(enqueueToDone),
        failed,
        busy,
      };
    } finally {
      slots.stop();
      await worker.close();
      await queue.obliterate({ force: true });
      await queue.close();
      await deletePrefix(this.redis, this.ctx.keyPrefix);
      const left = await countPrefix(this.redis, this.ctx.keyPrefix);
      // Not thrown from here (it would hide the phase's own error): reported, and the runner
      // deletes what is left under the run's prefix.
      if (left !== 0) this.notes.push(`${left} keys were left under ${this.ctx.keyPrefix}.`);
    }
  }
}

export const benchmark: Benchmark = {
  name: 'webhook-delivery',
  async run(ctx: BenchContext): Promise<BenchResult> {
    const redis = new Redis({ ...ctx.redis, lazyConnect: true, maxRetriesPerRequest: 3 });
    await redis.connect();
    const sink = await new CountingSink().start();
    try {
      return await new WebhookDeliveryBench(ctx, redis, sink, ctx.quick ? QUICK : FULL).run();
    } finally {
      await sink.stop();
      // Also after a failure: nothing of ours stays in Redis.
      await deletePrefix(redis, ctx.keyPrefix).catch(() => 0);
      await redis.quit();
    }
  },
};
