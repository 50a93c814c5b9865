import { readFileSync, readdirSync } from 'node:fs';

/** CPU time and memory of one process, read from /proc (Linux). */
export interface ProcessSample {
  pid: number;
  /** user + system CPU time so far, in seconds. */
  cpuSeconds: number;
  rssMiB: number;
  at: number;
}

const CLOCK_TICKS_PER_SECOND = 100; // USER_HZ on Linux

export function sampleProcess(pid: number): ProcessSample | undefined {
  try {
    // Fields after the command name (which may contain spaces) start at `state`.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const rssKiB = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    return {
      pid,
      cpuSeconds: ticks / CLOCK_TICKS_PER_SECOND,
      rssMiB: rssKiB / 1024,
      at: Date.now(),
    };
  } catch {
    return undefined; // the process has gone
  }
}

interface StatFields {
  ppid: number;
  /** utime + stime, and cutime + cstime (children waited for), in clock ticks. */
  ownTicks: number;
  childTicks: number;
}

function readStat(pid: number): StatFields | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return {
      ppid: Number(fields[1]),
      ownTicks: Number(fields[11]) + Number(fields[12]),
      childTicks: Number(fields[13]) + Number(fields[14]),
    };
  } catch {
    return undefined;
  }
}

function proportionalSetKiB(pid: number): number {
  try {
    const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
    return Number(/^Pss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0);
  } catch {
    return 0;
  }
}

/**
 * A server that forks a process per connection (PostgreSQL's postmaster and its backends) as one:
 * CPU of the root, of its live children, and of the children it has already reaped (cutime), so a
 * backend that ends within a window still counts; memory as the sum of proportional set sizes
 * (shared buffers counted once, not once per backend).
 */
export function sampleProcessTree(rootPid: number): ProcessSample | undefined {
  const root = readStat(rootPid);
  if (!root) return undefined;
  let ticks = root.ownTicks + root.childTicks;
  let pssKiB = proportionalSetKiB(rootPid);
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === rootPid) continue;
    const child = readStat(pid);
    if (child?.ppid !== rootPid) continue;
    ticks += child.ownTicks + child.childTicks;
    pssKiB += proportionalSetKiB(pid);
  }
  return {
    pid: rootPid,
    cpuSeconds: ticks / CLOCK_TICKS_PER_SECOND,
    rssMiB: pssKiB / 1024,
    at: Date.now(),
  };
}

/** CPU use (cores) and RSS (MiB: mean and peak) of named processes over a window. */
export interface ProcessUsage {
  name: string;
  cpuCores: number;
  rssMeanMiB: number;
  rssPeakMiB: number;
}

/** Samples processes every `intervalMs` until stopped; `stop()` answers their usage. */
export function watchProcesses(
  pids: ReadonlyMap<string, number>,
  intervalMs = 1000,
  /** Process trees counted as one (see sampleProcessTree), by name and root pid. */
  trees: ReadonlyMap<string, number> = new Map(),
): { stop(): ProcessUsage[] } {
  const samples = new Map<string, ProcessSample[]>();
  const keep = (name: string, sample: ProcessSample | undefined) => {
    if (sample) samples.set(name, [...(samples.get(name) ?? []), sample]);
  };
  const take = () => {
    for (const [name, pid] of pids) keep(name, sampleProcess(pid));
    for (const [name, pid] of trees) keep(name, sampleProcessTree(pid));
  };
  take();
  const timer = setInterval(take, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      take();
      return [...samples.entries()].map(([name, series]) => usageOf(name, series));
    },
  };
}

function usageOf(name: string, series: ProcessSample[]): ProcessUsage {
  const first = series[0] as ProcessSample;
  const last = series[series.length - 1] as ProcessSample;
  const seconds = (last.at - first.at) / 1000;
  const rss = series.map((s) => s.rssMiB);
  return {
    name,
    cpuCores: seconds > 0 ? (last.cpuSeconds - first.cpuSeconds) / seconds : 0,
    rssMeanMiB: rss.reduce((a, b) => a + b, 0) / rss.length,
    rssPeakMiB: Math.max(...rss),
  };
}
