import { Inject, Injectable } from '@nestjs/common';

import { HMPPS_ADAPTER_CONFIG, type HmppsAdapterConfig } from '../config/hmpps-adapter.config';
import { UpstreamUnavailableError } from './upstream-unavailable.error';

export type HubIntakePath =
  | 'reception'
  | 'transfer'
  | 'release'
  | 'release-cancelled'
  | 'discharge'
  | 'court-release'
  | 'release-retracted';

/** `accepted`, or the hub's refusal (403 access rule, 409 custody rule, 4xx invalid) with its detail. */
export type HubAnswer = { accepted: true } | { accepted: false; status: number; detail: string };

const TIMEOUT_MS = 10_000;

/**
 * Reports movements through the hub's HTTP intake with the adapter's own prison key, so the
 * hub's access rules bind the adapter as they bind any prison system (HMPPS-6).
 */
@Injectable()
export class HubIntakeClient {
  constructor(@Inject(HMPPS_ADAPTER_CONFIG) private readonly config: HmppsAdapterConfig) {}

  async post(path: HubIntakePath, body: object): Promise<HubAnswer> {
    let response: Response;
    try {
      response = await fetch(`${this.config.hub.apiUrl}/v1/events/${path}`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${this.config.hub.apiKey}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (error) {
      const kind = error instanceof Error ? error.name : 'error';
      throw new UpstreamUnavailableError(`the hub API is unreachable (${kind})`);
    }
    const text = await response.text();
    if (response.status === 202 || response.status === 200) return { accepted: true };
    // Busy (429, 503 with Retry-After) or failing: deliver the message again later.
    if (response.status === 429 || response.status >= 500)
      throw new UpstreamUnavailableError(`the hub API answered ${response.status}`);
    return { accepted: false, status: response.status, detail: problemDetail(text) };
  }
}

function problemDetail(text: string): string {
  try {
    const problem = JSON.parse(text) as { detail?: unknown; title?: unknown };
    return String(problem.detail ?? problem.title ?? '').slice(0, 300);
  } catch {
    return '';
  }
}
