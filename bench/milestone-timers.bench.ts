/**
 * Milestone timers: "arm 100,000 milestones and report the time to arm them, Redis memory used,
 * and the lateness of firing (p50/p99 from due time to notice-due event) while 10,000 fire
 * within one minute."
 *
 * 1. Arm: 100,000 BullMQ delayed jobs with the planner's job options (Queue.addBulk, chunks of
 *    1,000), against the same entries written raw (ioredis pipeline: ZADD + HSET per entry).
 *    Wall time, jobs/s and Redis memory per job, each as a ratio to the raw baseline.
 * 2. Fire: 10,000 jobs due uniformly over the next 60 s, run by a BullMQ Worker (concurrency
 *    50, default drainDelay). Lateness = notice time − due time, against 10,000 setTimeouts for
 *    the same due times in the same process, running at the same time.
 *
 * BullMQ 5 has no QueueScheduler: a Worker promotes due delayed jobs itself. Every fetch runs
 * the moveToActive Lua script, which first moves up to 1,000 due jobs from the delayed set to
 * wait (includes/promoteDelayedJobs.lua), and an idle Worker blocks (BZPOPMIN on the queue's
 * marker key) only until the next delayed job's timestamp. Checked in node_modules/bullmq
 * 5.81.5 (dist/cjs/commands/moveToActive-11.lua, classes/worker.js).
 */
import { performance } from 'node:perf_hooks';

import * as bullmq from 'bullmq';
import { Queue, Worker, type BulkJobOptions, type ConnectionOptions } from 'bullmq';
import { Redis } from 'ioredis';

import { JobName, QueueName, milestoneTimerJobId, type JobPayloads } from '@throughcare/contracts';

import { distribution, type Distribution } from './lib/percentiles';
import {
  countPrefix,
  deletePrefix,
  info,
  memoryUsageOfPrefix,
  usedMemory,
  type RedisTarget,
} from './lib/redis';
import {
  compare,
  fmt,
  type BenchContext,
  type BenchMetric,
  type BenchResult,
  type Benchmark,
  packageVersion,
} from './lib/report';

type FireMilestoneData = JobPayloads[JobName.FireMilestone];

/**
 * The planner's real jobs carry only the milestone id (the row holds the due time). The
 * benchmark adds dueAt so that the processor can measure lateness without a database.
 */
type BenchFireData = FireMilestoneData & { dueAt: number };

/** The options the planner arms timers with (milestones.module.ts defaults + MilestoneTimers.arm, which uses addBulk). */
function plannerJobOptions(milestoneId: string, delay: number): BulkJobOptions {
  return {
    jobId: milestoneTimerJobId(milestoneId),
    delay,
    removeOnComplete: true,
    removeOnFail: false,
    attempts: 5,
    backoff: { type: 'exponential', delay: 1000 },
  };
}

interface Settings {
  armCount: number;
  armSpreadMs: number;
  chunkSize: number;
  fireCount: number;
  fireWindowMs: number;
  /** Time between the start of arming and the first possible due time. */
  fireLeadMs: number;
  /** How long after the last due time to wait for stragglers. */
  fireGraceMs: number;
  concurrency: number;
}

const FULL: Settings = {
  armCount: 100_000,
  armSpreadMs: 6 * 60 * 60 * 1000,
  chunkSize: 1_000,
  fireCount: 10_000,
  fireWindowMs: 60_000,
  fireLeadMs: 3_000,
  fireGraceMs: 15_000,
  concurrency: 50,
};

const QUICK: Settings = {
  ...FULL,
  armCount: 10_000,
  fireCount: 1_000,
  fireWindowMs: 10_000,
  fireGraceMs: 5_000,
};

/** mulberry32: a seeded PRNG, so every run arms the same delays in the same order. */
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

/** A UUID-shaped id (milestone ids are uuid primary keys) from the seeded PRNG. */
function seededUuid(random: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
}

interface Milestone {
  id: string;
  /** Offset of the due time from the start of the phase. */
  offsetMs: number;
}

function milestones(count: number, spreadMs: number, seed: number): Milestone[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => ({
    id: seededUuid(random),
    offsetMs: Math.floor(random() * spreadMs),
  }));
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Stand-in for emitting the notice-due event: one trivial async hop after the timer fires. */
function noticeDue(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Polls `done` every 100 ms until it holds or the deadline passes; true when it held. */
async function waitUntil(done: () => boolean, deadline: number): Promise<boolean> {
  while (!done()) {
    if (Date.now() >= deadline) return false;
    await sleep(Math.min(100, Math.max(1, deadline - Date.now())));
  }
  return true;
}

interface ArmMeasurement {
  ms: number;
  perSecond: number;
  chunkMs: Distribution;
  usedMemoryBefore: number;
  usedMemoryAfter: number;
  usedMemoryDelta: number;
  keyMemory: { keys: number; bytes: number };
}

class MilestoneTimersBench {
  private readonly connection: ConnectionOptions;
  private readonly notes: string[] = [];

  constructor(
    private readonly ctx: BenchContext,
    private readonly redis: Redis,
    private readonly s: Settings,
  ) {
    const target: RedisTarget = ctx.redis;
    this.connection = { host: target.host, port: target.port, db: target.db };
  }

  private queue<T>(): Queue<T> {
    return new Queue<T>(QueueName.MilestoneTimers, {
      connection: this.connection,
      prefix: this.ctx.keyPrefix,
    });
  }

  /** Deletes everything under the prefix and checks that nothing is left. */
  private async clean<T>(queue?: Queue<T>): Promise<void> {
    if (queue) {
      await queue.obliterate({ force: true });
      await queue.close();
    }
    await deletePrefix(this.redis, this.ctx.keyPrefix);
    const left = await countPrefix(this.redis, this.ctx.keyPrefix);
    if (left !== 0) throw new Error(`${left} keys left under ${this.ctx.keyPrefix} after cleaning`);
  }

  async run(): Promise<BenchResult> {
    const started = performance.now();
    const hasQueueScheduler = Object.prototype.hasOwnProperty.call(bullmq, 'QueueScheduler');
    this.notes.push(
      `bullmq ${packageVersion('bullmq')} ${hasQueueScheduler ? 'still exports' : 'exports no'} QueueScheduler: ` +
        'the Worker promotes due delayed jobs itself (moveToActive runs promoteDelayedJobs, up to ' +
        '1,000 per call) and, when idle, blocks on the marker key only until the next due time.',
      "Fire-phase jobs carry `dueAt` in their data for measurement only; the planner's jobs carry " +
        'only `{ milestoneId }` and read the due time from the row.',
      'Lateness is taken after one trivial async hop (setImmediate) standing in for emitting ' +
        'notice-due; the setTimeout baseline does the same hop and shares the event loop with the worker.',
      'INFO used_memory is server-wide, so other clients of the same Redis move it; the MEMORY ' +
        "USAGE sum counts only this run's keys. BullMQ keys include the queue's events stream.",
      `Worker concurrency ${this.s.concurrency} as specified; the planner's processor runs 20.`,
      'setTimeout lateness can be −1 ms: Node runs timers on a monotonic millisecond clock, ' +
        'while lateness is measured with Date.now().',
    );
    const hz = Number((await info(this.redis, 'server')).get('hz'));
    this.notes.push(
      `Redis runs at hz ${hz}. A worker waiting for the next due job is blocked in BZPOPMIN with ` +
        'a timeout of the time left, and an otherwise idle Redis acts on an expired blocking ' +
        `timeout only at its next tick (every ${fmt(1000 / hz)} ms), so expect BullMQ lateness ` +
        `to be roughly uniform over 0–${fmt(1000 / hz)} ms; a higher hz shortens it.`,
    );
    const arm = await this.armPhase();
    const fire = await this.firePhase();
    return {
      name: 'milestone-timers',
      title: 'Milestone timers (BullMQ delayed jobs)',
      durationMs: performance.now() - started,
      sections: [...arm.sections, ...fire.sections],
      notes: this.notes,
      data: { settings: this.s, arm: arm.data, fire: fire.data },
    };
  }

  // ------------------------------------------------------------------------------------ arm

  private async armPhase(): Promise<Pick<BenchResult, 'sections' | 'data'>> {
    const { armCount, armSpreadMs, chunkSize } = this.s;
    const items = milestones(armCount, armSpreadMs, 0x5eed);
    await this.clean();

    // Warm-up (JIT, Lua script loading, connections) for both paths, then clean.
    const warm = milestones(2 * chunkSize, armSpreadMs, 0xbeef);
    const warmQueue = this.queue<FireMilestoneData>();
    await this.armBullmq(warmQueue, warm);
    await this.clean(warmQueue);
    await this.armRaw(warm);
    await this.clean();

    this.ctx.log(`arming ${fmt(armCount)} BullMQ delayed jobs`);
    const queue = this.queue<FireMilestoneData>();
    await queue.waitUntilReady();
    const bullmq = await this.measureArm(() => this.armBullmq(queue, items));
    const delayed = await queue.getDelayedCount();
    if (delayed !== armCount)
      throw new Error(`expected ${armCount} delayed jobs, found ${delayed}`);
    await this.clean(queue);

    this.ctx.log(`writing ${fmt(armCount)} raw entries (ioredis pipeline)`);
    const raw = await this.measureArm(() => this.armRaw(items));
    const zcard = await this.redis.zcard(`${this.ctx.keyPrefix}:raw:due`);
    if (zcard !== armCount) throw new Error(`expected ${armCount} raw entries, found ${zcard}`);
    await this.clean();

    const per = (bytes: number): number => bytes / armCount;
    return {
      sections: [
        {
          title: `Arm ${fmt(armCount)} timers (delays over ${fmt(armSpreadMs / 3_600_000)} h, chunks of ${fmt(chunkSize)})`,
          subjectLabel: 'BullMQ addBulk',
          baselineLabel: 'ioredis pipeline (ZADD + HSET)',
          comparisons: [
            compare('Wall time', 'ms', bullmq.ms, raw.ms),
            compare('Throughput', 'jobs/s', bullmq.perSecond, raw.perSecond),
            compare('Chunk latency p50', 'ms', bullmq.chunkMs.p50, raw.chunkMs.p50),
            compare('Chunk latency p99', 'ms', bullmq.chunkMs.p99, raw.chunkMs.p99),
            compare(
              'Memory per job (INFO used_memory delta)',
              'bytes',
              per(bullmq.usedMemoryDelta),
              per(raw.usedMemoryDelta),
            ),
            compare(
              'Memory per job (sum of MEMORY USAGE)',
              'bytes',
              per(bullmq.keyMemory.bytes),
              per(raw.keyMemory.bytes),
            ),
            compare(
              `Total memory for ${fmt(armCount)} (used_memory delta)`,
              'MiB',
              bullmq.usedMemoryDelta / 2 ** 20,
              raw.usedMemoryDelta / 2 ** 20,
            ),
            compare('Redis keys', 'keys', bullmq.keyMemory.keys, raw.keyMemory.keys),
          ],
        },
      ],
      data: { bullmq, raw },
    };
  }

  /** Times `arm` and measures what it left in Redis (the prefix must be empty beforehand). */
  private async measureArm(arm: () => Promise<number[]>): Promise<ArmMeasurement> {
    const before = await usedMemory(this.redis);
    const started = performance.now();
    const chunkTimes = await arm();
    const ms = performance.now() - started;
    const after = await usedMemory(this.redis);
    const keyMemory = await memoryUsageOfPrefix(this.redis, this.ctx.keyPrefix);
    return {
      ms,
      perSecond: (this.s.armCount / ms) * 1000,
      chunkMs: distribution(chunkTimes),
      usedMemoryBefore: before,
      usedMemoryAfter: after,
      usedMemoryDelta: after - before,
      keyMemory,
    };
  }

  /** Arms with Queue.addBulk in chunks; returns each chunk's time in ms. */
  private async armBullmq(queue: Queue<FireMilestoneData>, items: Milestone[]): Promise<number[]> {
    const times: number[] = [];
    for (const chunk of chunks(items, this.s.chunkSize)) {
      const started = performance.now();
      await queue.addBulk(
        chunk.map((m) => ({
          name: JobName.FireMilestone,
          data: { milestoneId: m.id },
          opts: plannerJobOptions(m.id, m.offsetMs),
        })),
      );
      times.push(performance.now() - started);
    }
    return times;
  }

  /** The raw baseline: one ZADD (due time) and one HSET (the job) per entry, pipelined. */
  private async armRaw(items: Milestone[]): Promise<number[]> {
    const due = `${this.ctx.keyPrefix}:raw:due`;
    const times: number[] = [];
    for (const chunk of chunks(items, this.s.chunkSize)) {
      const started = performance.now();
      const now = Date.now();
      const pipeline = this.redis.pipeline();
      for (const m of chunk) {
        const jobId = milestoneTimerJobId(m.id);
        pipeline.zadd(due, now + m.offsetMs, jobId);
        pipeline.hset(`${this.ctx.keyPrefix}:raw:job:${jobId}`, {
          name: JobName.FireMilestone,
          data: JSON.stringify({ milestoneId: m.id }),
          dueAt: now + m.offsetMs,
        });
      }
      for (const [error] of (await pipeline.exec()) ?? []) if (error) throw error;
      times.push(performance.now() - started);
    }
    return times;
  }

  // ----------------------------------------------------------------------------------- fire

  private async firePhase(): Promise<Pick<BenchResult, 'sections' | 'data'>> {
    const { fireCount, fireWindowMs, fireLeadMs, fireGraceMs, concurrency, chunkSize } = this.s;
    const items = milestones(fireCount, fireWindowMs, 0xf17e);
    const queue = this.queue<BenchFireData>();

    const bullmqLateness: number[] = [];
    const fired = new Set<string>();
    let duplicates = 0;
    let failed = 0;
    const errors: string[] = [];
    // Default drainDelay (5 s): with delayed jobs pending, the worker blocks only until the next.
    const worker = new Worker<BenchFireData>(
      QueueName.MilestoneTimers,
      async (job) => {
        await noticeDue();
        bullmqLateness.push(Date.now() - job.data.dueAt);
        if (fired.has(job.data.milestoneId)) duplicates += 1;
        fired.add(job.data.milestoneId);
      },
      { connection: this.connection, prefix: this.ctx.keyPrefix, concurrency },
    );
    worker.on('failed', () => (failed += 1));
    worker.on('error', (error) => {
      if (errors.length < 5) errors.push(error.message);
    });

    const timeoutLateness: number[] = [];
    const timers: NodeJS.Timeout[] = [];
    let armMs = 0;
    let pastDueAtArm = 0;
    let bullmqAllFired = false;
    let timeoutsAllFired = false;
    try {
      await Promise.all([queue.waitUntilReady(), worker.waitUntilReady()]);
      this.ctx.log(
        `firing ${fmt(fireCount)} jobs over ${fmt(fireWindowMs / 1000)} s (BullMQ worker, concurrency ${concurrency}) and as many setTimeouts`,
      );
      const t0 = Date.now() + fireLeadMs;

      // The raw baseline: setTimeouts for the same due times, in this process, at the same time.
      for (const m of items) {
        const dueAt = t0 + m.offsetMs;
        timers.push(
          setTimeout(
            () => {
              void noticeDue().then(() => timeoutLateness.push(Date.now() - dueAt));
            },
            Math.max(0, dueAt - Date.now()),
          ),
        );
      }

      const armStarted = performance.now();
      for (const chunk of chunks(items, chunkSize)) {
        const now = Date.now();
        await queue.addBulk(
          chunk.map((m) => {
            const dueAt = t0 + m.offsetMs;
            if (dueAt <= now) pastDueAtArm += 1;
            return {
              name: JobName.FireMilestone,
              data: { milestoneId: m.id, dueAt },
              opts: plannerJobOptions(m.id, Math.max(0, dueAt - now)),
            };
          }),
        );
      }
      armMs = performance.now() - armStarted;

      const deadline = t0 + fireWindowMs + fireGraceMs;
      [bullmqAllFired, timeoutsAllFired] = await Promise.all([
        waitUntil(() => fired.size >= fireCount, deadline),
        waitUntil(() => timeoutLateness.length >= fireCount, deadline),
      ]);
    } finally {
      for (const timer of timers) clearTimeout(timer);
      await worker.close();
      await this.clean(queue);
    }

    const bullmq = distribution(bullmqLateness);
    const timeouts = distribution(timeoutLateness);
    if (!bullmqAllFired) this.notes.push(`Only ${fired.size} of ${fireCount} BullMQ jobs fired.`);
    if (!timeoutsAllFired) {
      this.notes.push(`Only ${timeoutLateness.length} of ${fireCount} setTimeouts fired.`);
    }
    if (pastDueAtArm > 0) {
      this.notes.push(`${pastDueAtArm} jobs were already due when armed (lead time too short).`);
    }
    if (errors.length > 0) this.notes.push(`Worker errors: ${errors.join('; ')}`);

    const metrics: BenchMetric[] = [
      { label: 'BullMQ jobs fired', value: `${fmt(fired.size)} of ${fmt(fireCount)}` },
      { label: 'Fired twice', value: duplicates },
      { label: 'Failed', value: failed },
      { label: 'setTimeouts fired', value: `${fmt(timeoutLateness.length)} of ${fmt(fireCount)}` },
      { label: `Time to arm the ${fmt(fireCount)} (addBulk)`, value: armMs, unit: 'ms' },
      { label: 'Already due when armed', value: pastDueAtArm },
      { label: 'Worker concurrency', value: concurrency },
      {
        label: 'p99 lateness BullMQ adds (p99 − setTimeout p99)',
        value: bullmq.p99 - timeouts.p99,
        unit: 'ms',
      },
    ];
    return {
      sections: [
        {
          title: `Fire ${fmt(fireCount)} due uniformly over ${fmt(fireWindowMs / 1000)} s: lateness (notice time − due time)`,
          subjectLabel: 'BullMQ Worker',
          baselineLabel: 'setTimeout (same process, same due times)',
          comparisons: [
            compare('p50', 'ms', bullmq.p50, timeouts.p50),
            compare('p95', 'ms', bullmq.p95, timeouts.p95),
            compare('p99', 'ms', bullmq.p99, timeouts.p99),
            compare('max', 'ms', bullmq.max, timeouts.max),
            compare('mean', 'ms', bullmq.mean, timeouts.mean),
            compare('min', 'ms', bullmq.min, timeouts.min),
          ],
          metrics,
        },
      ],
      data: {
        bullmq: { ...bullmq, fired: fired.size, duplicates, failed },
        setTimeout: timeouts,
        armMs,
        pastDueAtArm,
      },
    };
  }
}

export const benchmark: Benchmark = {
  name: 'milestone-timers',
  async run(ctx: BenchContext): Promise<BenchResult> {
    const redis = new Redis({ ...ctx.redis, lazyConnect: true, maxRetriesPerRequest: 3 });
    await redis.connect();
    try {
      return await new MilestoneTimersBench(ctx, redis, ctx.quick ? QUICK : FULL).run();
    } finally {
      // Also after a failure: nothing of ours stays in Redis.
      await deletePrefix(redis, ctx.keyPrefix).catch(() => 0);
      await redis.quit();
    }
  },
};
