import { readFileSync } from 'node:fs';

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
): { stop(): ProcessUsage[] } {
  const samples = new Map<string, ProcessSample[]>();
  const take = () => {
    for (const [name, pid] of pids) {
      const sample = sampleProcess(pid);
      if (sample) samples.set(name, [...(samples.get(name) ?? []), sample]);
    }
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
