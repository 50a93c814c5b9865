import { join } from 'node:path';

import {
  HUB_SERVICES,
  startService,
  stopService,
  type HubService,
  type RunningService,
} from './hub-processes';

export interface RunningHub {
  /** The first instance of each service. */
  services: Map<HubService, RunningService>;
  /** Every process, all instances. */
  instances: RunningService[];
  apiUrl: string;
  /** The API of each instance (load spread over them). */
  apiUrls: string[];
  stop(): Promise<void>;
}

export interface HubOptions {
  /** Processes per service (same consumer groups, same database): scale-out (issue 13). */
  instances?: number;
  /**
   * The api's Kafka read models in a process of their own (API_CONSUMES_EVENTS), the api
   * instances serving HTTP only; its log is under `api-events/` (issue 13).
   */
  apiEventsApart?: boolean;
}

/**
 * Starts the four services as separate processes (api on `basePort`, the rest after it; instance
 * k of each 10·k ports further on, its log under `instance-<k+1>/`). `TEST_PORT_OFFSET` moves
 * every port, so two test runs on one machine do not collide.
 */
export async function startHub(
  env: NodeJS.ProcessEnv,
  requestedBasePort: number,
  logDir: string,
  options: HubOptions = {},
): Promise<RunningHub> {
  const basePort = requestedBasePort + Number(process.env['TEST_PORT_OFFSET'] ?? 0);
  const instanceCount = options.instances ?? 1;
  const planned = Array.from({ length: instanceCount }, (_, k) =>
    HUB_SERVICES.map((name, index) => ({
      name,
      port: basePort + 10 * k + index,
      logDir: k === 0 ? logDir : join(logDir, `instance-${k + 1}`),
    })),
  ).flat();
  const apart = options.apiEventsApart === true;
  const httpOnly = { ...env, API_CONSUMES_EVENTS: 'false' };
  const results = await Promise.allSettled([
    ...planned.map((p) =>
      startService(p.name, p.port, apart && p.name === 'api' ? httpOnly : env, p.logDir),
    ),
    ...(apart
      ? [
          startService(
            'api',
            basePort + 9,
            { ...env, API_CONSUMES_EVENTS: 'true' },
            join(logDir, 'api-events'),
          ),
        ]
      : []),
  ]);
  const started = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failure) {
    await Promise.all(started.map((service) => stopService(service)));
    throw failure.reason;
  }
  const services = new Map<HubService, RunningService>();
  for (const service of started)
    if (!services.has(service.name)) services.set(service.name, service);
  return {
    services,
    instances: started,
    apiUrl: `http://127.0.0.1:${basePort}`,
    apiUrls: started
      .filter((s) => s.name === 'api' && s.port !== basePort + 9)
      .map((s) => `http://127.0.0.1:${s.port}`),
    stop: async () => {
      await Promise.all(started.map((service) => stopService(service)));
    },
  };
}
