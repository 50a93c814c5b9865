/**
 * Runs the benchmarks (every bench/*.bench.ts exporting `benchmark: Benchmark`, in file-name
 * order, or only those named on the command line), writes .cache/bench/latest.{md,json} and
 * prints the Markdown report on stdout (progress goes to stderr).
 *
 *   npm run bench                       all benchmarks (scripts/bench.sh starts Redis first)
 *   npm run bench -- milestone-timers   just one
 *   BENCH_QUICK=1 npm run bench         scaled down, to check that they work
 *
 * Env: REDIS_URL (loopback only, default redis://127.0.0.1:6379), BENCH_PREFIX (the run's key
 * prefix, default thub-bench-<timestamp>), BENCH_TIMEOUT_MS (per benchmark, default 240000).
 */
// The contracts' DTO decorators need it, and benchmarks import @throughcare/contracts.
import 'reflect-metadata';

import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';

import { Redis } from 'ioredis';

import { deletePrefix, info, redisTargetFromEnv } from './lib/redis';
import {
  packageVersion,
  renderMarkdown,
  writeReport,
  type BenchFailure,
  type BenchReport,
  type BenchResult,
  type Benchmark,
} from './lib/report';

const RESULTS_DIR = resolve(__dirname, '..', '.cache', 'bench');

function log(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

function isBenchmark(value: unknown): value is Benchmark {
  const candidate = value as Partial<Benchmark> | null;
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    typeof candidate.name === 'string' &&
    typeof candidate.run === 'function'
  );
}

/** The registry: every *.bench.ts next to this file. */
function discover(): Benchmark[] {
  const files = readdirSync(__dirname)
    .filter((file) => file.endsWith('.bench.ts'))
    .sort();
  return files.map((file) => {
    const mod = require(join(__dirname, file)) as { benchmark?: unknown };
    if (!isBenchmark(mod.benchmark)) {
      throw new Error(`${file} must export \`benchmark: Benchmark\` ({ name, run })`);
    }
    return mod.benchmark;
  });
}

function gitRevision(): string {
  try {
    const sha = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain'], { encoding: 'utf8' }).trim();
    return dirty ? `${sha} (uncommitted changes)` : sha;
  } catch {
    return 'unknown';
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function main(): Promise<number> {
  const started = performance.now();
  const target = redisTargetFromEnv();
  const runPrefix = process.env['BENCH_PREFIX'] ?? `thub-bench-${Date.now()}`;
  if (!/^thub-bench-[A-Za-z0-9-]+$/.test(runPrefix)) {
    throw new Error(`BENCH_PREFIX must look like thub-bench-<id>, got '${runPrefix}'`);
  }
  const quick = process.env['BENCH_QUICK'] === '1';
  const timeoutMs = Number(process.env['BENCH_TIMEOUT_MS'] ?? 240_000);

  const all = discover();
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((name) => !all.some((b) => b.name === name));
  if (unknown.length > 0) {
    throw new Error(`unknown benchmark(s) ${unknown.join(', ')}; have ${all.map((b) => b.name)}`);
  }
  const selected = wanted.length > 0 ? all.filter((b) => wanted.includes(b.name)) : all;

  const redis = new Redis({ ...target, lazyConnect: true, maxRetriesPerRequest: 3 });
  await redis.connect();
  const server = await info(redis, 'server');
  const memory = await info(redis, 'memory');
  const cpu = cpus();

  const results: BenchResult[] = [];
  const failures: BenchFailure[] = [];
  try {
    for (const bench of selected) {
      const keyPrefix = `${runPrefix}-${bench.name}`;
      log(`${bench.name}: starting (keys under ${keyPrefix})`);
      const benchStarted = performance.now();
      try {
        const result = await withTimeout(
          bench.run({
            keyPrefix,
            redis: target,
            quick,
            log: (message) => log(`${bench.name}: ${message}`),
          }),
          timeoutMs,
          bench.name,
        );
        results.push(result);
        log(`${bench.name}: done in ${((performance.now() - benchStarted) / 1000).toFixed(1)} s`);
      } catch (error) {
        const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
        failures.push({
          name: bench.name,
          durationMs: performance.now() - benchStarted,
          error: message,
        });
        log(`${bench.name}: FAILED: ${message}`);
      }
    }
  } finally {
    const left = await deletePrefix(redis, runPrefix);
    if (left > 0) log(`deleted ${left} keys a benchmark left under ${runPrefix}`);
    await redis.quit();
  }

  const report: BenchReport = {
    generatedAt: new Date().toISOString(),
    environment: {
      node: process.version,
      platform: `${process.platform} ${process.arch}`,
      cpus: `${cpu.length} × ${cpu[0]?.model ?? 'unknown'}`,
      memory: `${Math.round(totalmem() / 2 ** 30)} GiB`,
      redis: `${server.get('redis_version') ?? 'unknown'} at ${target.host}:${target.port}/${target.db} (maxmemory-policy ${memory.get('maxmemory_policy') ?? 'unknown'}, hz ${server.get('hz') ?? '?'})`,
      bullmq: packageVersion('bullmq'),
      ioredis: packageVersion('ioredis'),
      git: gitRevision(),
      keyPrefix: runPrefix,
    },
    quick,
    totalMs: performance.now() - started,
    results,
    failures,
  };
  const paths = writeReport(RESULTS_DIR, report);
  process.stdout.write(renderMarkdown(report));
  log(`report: ${paths.markdown}, ${paths.json}`);
  return failures.length > 0 ? 1 : 0;
}

main()
  .then((code) => {
    process.exitCode = code;
  })
  .catch((error: unknown) => {
    log(`FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exitCode = 1;
  })
  .finally(() => {
    // A benchmark that timed out may still hold sockets or timers: do not wait for them.
    setTimeout(() => {
      log('open handles remain after the report; exiting anyway');
      process.exit();
    }, 5_000).unref();
  });
