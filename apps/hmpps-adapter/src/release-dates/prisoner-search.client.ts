import { Inject, Injectable } from '@nestjs/common';

import { HMPPS_ADAPTER_CONFIG, type HmppsAdapterConfig } from '../config/hmpps-adapter.config';
import { UpstreamUnavailableError } from '../domain-events/upstream-unavailable.error';
import type { SearchPrisoner } from './planned-release';

const TIMEOUT_MS = 10_000;
// A token is renewed this long before it expires, so no request carries a stale one.
const TOKEN_MARGIN_MS = 60_000;

/**
 * Prisoner Search `GET /prisoner/{prisonerNumber}` with an HMPPS Auth token obtained by OAuth2
 * client credentials (RFC 6749 §4.4). Unset configuration: no release dates are read.
 */
@Injectable()
export class PrisonerSearchClient {
  private token?: { value: string; expiresAt: number };

  constructor(@Inject(HMPPS_ADAPTER_CONFIG) private readonly config: HmppsAdapterConfig) {}

  get enabled(): boolean {
    return this.config.prisonerSearch !== undefined;
  }

  /** The person, or undefined when Prisoner Search does not know them (404). */
  async prisoner(prisonNumber: string): Promise<SearchPrisoner | undefined> {
    const search = this.config.prisonerSearch;
    if (!search) return undefined;
    const response = await this.call(`${search.baseUrl}/prisoner/${prisonNumber}`, {
      headers: { authorization: `Bearer ${await this.accessToken()}`, accept: 'application/json' },
    });
    if (response.status === 404) return undefined;
    if (response.status === 401) this.token = undefined;
    if (!response.ok)
      throw new UpstreamUnavailableError(`Prisoner Search answered ${response.status}`);
    const body = (await response.json()) as SearchPrisoner;
    if (body.prisonerNumber !== prisonNumber)
      throw new UpstreamUnavailableError('Prisoner Search answered for another person');
    return body;
  }

  private async accessToken(): Promise<string> {
    if (this.token && this.token.expiresAt > Date.now() + TOKEN_MARGIN_MS) return this.token.value;
    const search = this.config.prisonerSearch as NonNullable<HmppsAdapterConfig['prisonerSearch']>;
    const basic = Buffer.from(
      `${encodeURIComponent(search.clientId)}:${encodeURIComponent(search.clientSecret)}`,
    ).toString('base64');
    const response = await this.call(search.tokenUrl, {
      method: 'POST',
      headers: {
        authorization: `Basic ${basic}`,
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
      },
      body: 'grant_type=client_credentials',
    });
    if (!response.ok) throw new UpstreamUnavailableError(`HMPPS Auth answered ${response.status}`);
    const body = (await response.json()) as { access_token?: unknown; expires_in?: unknown };
    if (typeof body.access_token !== 'string')
      throw new UpstreamUnavailableError('HMPPS Auth answered without an access_token');
    const lifetimeS = typeof body.expires_in === 'number' ? body.expires_in : 300;
    this.token = { value: body.access_token, expiresAt: Date.now() + lifetimeS * 1000 };
    return body.access_token;
  }

  private async call(url: string, init: RequestInit): Promise<Response> {
    try {
      return await fetch(url, { ...init, signal: AbortSignal.timeout(TIMEOUT_MS) });
    } catch (error) {
      const kind = error instanceof Error ? error.name : 'error';
      throw new UpstreamUnavailableError(`Prisoner Search or HMPPS Auth unreachable (${kind})`);
    }
  }
}
