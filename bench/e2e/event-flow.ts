/**
 * Per service and topic, how long messages waited in Kafka before the service started on them
 * and how long it spent on each (the consumer runner's `throughcare_event_wait_seconds` and
 * `throughcare_event_handling_seconds`), as the difference between two scrapes of /metrics.
 */
export interface TopicFlow {
  service: string;
  topic: string;
  messages: number;
  meanWaitMs: number;
  meanHandlingMs: number;
  /** Share of the phase's wall time this topic's handling took (>1: handled concurrently). */
  busyShare: number;
}

type Sums = Map<
  string,
  { waitSum: number; waitCount: number; handleSum: number; handleCount: number }
>;

export interface FlowScrape {
  at: number;
  sums: Sums;
  /** throughcare_db_queries_total per service. */
  queries: Map<string, number>;
}

/** Statements a service sent to PostgreSQL during the phase. */
export interface ServiceQueries {
  service: string;
  queries: number;
}

const SERIES = /^throughcare_event_(wait|handling)_seconds_(sum|count)\{([^}]*)\}\s+([0-9.eE+-]+)$/;

function labelsOf(text: string): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const match of text.matchAll(/(\w+)="([^"]*)"/g))
    labels[match[1] as string] = match[2] as string;
  return labels;
}

export async function scrapeFlow(
  services: ReadonlyArray<{ name: string; port: number }>,
  adminKey: string,
): Promise<FlowScrape> {
  const sums: Sums = new Map();
  const queries = new Map<string, number>();
  await Promise.all(
    services.map(async (service) => {
      const response = await fetch(`http://127.0.0.1:${service.port}/metrics`, {
        headers: { authorization: `Bearer ${adminKey}` },
      }).catch(() => undefined);
      if (!response?.ok) return;
      for (const line of (await response.text()).split('\n')) {
        const counted = /^throughcare_db_queries_total(?:\{[^}]*\})?\s+([0-9.eE+-]+)$/.exec(line);
        if (counted) queries.set(service.name, Number(counted[1]));
        const match = SERIES.exec(line);
        if (!match) continue;
        const [, kind, stat, labelText, value] = match;
        const topic = labelsOf(labelText as string)['topic'] ?? '?';
        const key = `${service.name}\t${topic}`;
        const entry = sums.get(key) ?? { waitSum: 0, waitCount: 0, handleSum: 0, handleCount: 0 };
        const field =
          `${kind === 'wait' ? 'wait' : 'handle'}${stat === 'sum' ? 'Sum' : 'Count'}` as
            'waitSum' | 'waitCount' | 'handleSum' | 'handleCount';
        entry[field] += Number(value);
        sums.set(key, entry);
      }
    }),
  );
  return { at: Date.now(), sums, queries };
}

export function flowBetween(before: FlowScrape, after: FlowScrape): TopicFlow[] {
  const seconds = Math.max(0.001, (after.at - before.at) / 1000);
  const flows: TopicFlow[] = [];
  for (const [key, end] of after.sums) {
    const start = before.sums.get(key) ?? {
      waitSum: 0,
      waitCount: 0,
      handleSum: 0,
      handleCount: 0,
    };
    const messages = end.handleCount - start.handleCount;
    if (messages <= 0) continue;
    const [service, topic] = key.split('\t') as [string, string];
    const waitCount = end.waitCount - start.waitCount;
    const handleSeconds = end.handleSum - start.handleSum;
    flows.push({
      service,
      topic,
      messages,
      meanWaitMs: waitCount > 0 ? ((end.waitSum - start.waitSum) / waitCount) * 1000 : Number.NaN,
      meanHandlingMs: (handleSeconds / messages) * 1000,
      busyShare: handleSeconds / seconds,
    });
  }
  return flows.sort((a, b) => a.service.localeCompare(b.service) || b.messages - a.messages);
}

export function queriesBetween(before: FlowScrape, after: FlowScrape): ServiceQueries[] {
  return [...after.queries].map(([service, count]) => ({
    service,
    queries: count - (before.queries.get(service) ?? 0),
  }));
}
