import { HUB_SERVICES, sampleProcess, startHub, type HubService } from '@throughcare/testing';

export type IdleRss = Record<HubService, number>;

/**
 * Idle RSS of each service (MiB): the hub started, left alone for `settleSeconds` (start-up
 * garbage collected), sampled from /proc. `from`: the compiled build, or the TypeScript sources
 * through swc-node as before issue 14.
 */
export async function measureIdleRss(
  env: NodeJS.ProcessEnv,
  basePort: number,
  logDir: string,
  settleSeconds: number,
  from: 'build' | 'source',
): Promise<IdleRss> {
  const previous = process.env['HUB_RUN_FROM'];
  process.env['HUB_RUN_FROM'] = from;
  try {
    const hub = await startHub(env, basePort, `${logDir}/idle-${from}`);
    try {
      await new Promise((resolve) => setTimeout(resolve, settleSeconds * 1000));
      const rss = {} as IdleRss;
      for (const name of HUB_SERVICES) {
        const pid = hub.services.get(name)?.process.pid;
        rss[name] = (pid !== undefined && sampleProcess(pid)?.rssMiB) || Number.NaN;
      }
      return rss;
    } finally {
      await hub.stop();
    }
  } finally {
    if (previous === undefined) delete process.env['HUB_RUN_FROM'];
    else process.env['HUB_RUN_FROM'] = previous;
  }
}
