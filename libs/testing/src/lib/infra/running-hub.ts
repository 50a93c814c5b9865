import {
  HUB_SERVICES,
  startService,
  stopService,
  type HubService,
  type RunningService,
} from './hub-processes';

export interface RunningHub {
  services: Map<HubService, RunningService>;
  apiUrl: string;
  stop(): Promise<void>;
}

/**
 * Starts the four services as separate processes (api on `basePort`, the rest after it).
 * `TEST_PORT_OFFSET` moves every port, so two test runs on one machine do not collide.
 */
export async function startHub(
  env: NodeJS.ProcessEnv,
  requestedBasePort: number,
  logDir: string,
): Promise<RunningHub> {
  const basePort = requestedBasePort + Number(process.env['TEST_PORT_OFFSET'] ?? 0);
  const results = await Promise.allSettled(
    HUB_SERVICES.map((name, index) => startService(name, basePort + index, env, logDir)),
  );
  const started = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failure) {
    await Promise.all(started.map((service) => stopService(service)));
    throw failure.reason;
  }
  const services = new Map(started.map((s) => [s.name, s]));
  return {
    services,
    apiUrl: `http://127.0.0.1:${basePort}`,
    stop: async () => {
      await Promise.all(started.map((service) => stopService(service)));
    },
  };
}
