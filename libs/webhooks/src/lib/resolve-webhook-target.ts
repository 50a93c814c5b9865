import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP } from 'node:net';

import { classifyAddress } from './ip-address';
import {
  isAllowedHost,
  isLocalhostName,
  parseWebhookUrl,
  type WebhookUrlPolicy,
} from './webhook-url-policy';

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Every address a name resolves to; tests inject a fake so that no DNS query leaves the host. */
export type HostLookup = (hostname: string) => Promise<readonly ResolvedAddress[]>;

/** The system resolver (getaddrinfo: /etc/hosts, then DNS), every address in its own order. */
export const defaultLookup: HostLookup = async (hostname) => {
  const answers = await dnsLookup(hostname, { all: true, verbatim: true });
  return answers.map(({ address, family }) => ({ address, family: family === 6 ? 6 : 4 }));
};

export type WebhookTarget =
  | {
      ok: true;
      url: URL;
      /** The URL's host, without IPv6 brackets: the Host header and TLS name stay this. */
      host: string;
      /** The vetted addresses: connect to these and nothing else (DNS rebinding). */
      addresses: ResolvedAddress[];
    }
  | {
      ok: false;
      reason: string;
      /** The name did not resolve: DNS may answer later, unlike a refused address. */
      retryable: boolean;
    };

function refused(reason: string, retryable = false): Refusal {
  return { ok: false, reason, retryable };
}

/**
 * Decides where a webhook may connect: the URL's shape, then every address its host stands for.
 * A name is refused when ANY of its addresses is not public and not allowed, since the
 * connection could use any of them; the caller then connects only to the addresses returned.
 */
export async function resolveWebhookTarget(
  raw: string,
  policy: WebhookUrlPolicy,
  lookup: HostLookup = defaultLookup,
): Promise<WebhookTarget> {
  const parsed = parseWebhookUrl(raw, policy);
  if (!parsed.ok) return refused(parsed.reason);
  const { url, host } = parsed;
  const literal = isIP(host);
  if (literal !== 0) {
    const kind = classifyAddress(host);
    if (kind !== 'public' && !isAllowedHost(host, policy)) {
      return refused(`url points at a ${kind} address that is not allowed`);
    }
    return { ok: true, url, host, addresses: [{ address: host, family: literal === 6 ? 6 : 4 }] };
  }
  const hostAllowed = isAllowedHost(host, policy);
  if (!hostAllowed && isLocalhostName(host)) {
    return refused('url points at a loopback host that is not allowed');
  }
  const resolved = await resolveAll(host, lookup);
  if (!resolved.ok) return resolved;
  for (const { address } of resolved.addresses) {
    if (hostAllowed || isAllowedHost(address, policy)) continue;
    const kind = classifyAddress(address);
    // The address itself stays out of the reason: split-horizon DNS would otherwise let a
    // subscriber map the hub's internal network through the API's answers.
    if (kind !== 'public')
      return refused(`url host resolves to a ${kind} address that is not allowed`);
  }
  return { ok: true, url, host, addresses: resolved.addresses };
}

type Refusal = Extract<WebhookTarget, { ok: false }>;

async function resolveAll(
  host: string,
  lookup: HostLookup,
): Promise<{ ok: true; addresses: ResolvedAddress[] } | Refusal> {
  let answers: readonly ResolvedAddress[];
  try {
    answers = await lookup(host);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return refused(`url host could not be resolved${code ? ` (${code})` : ''}`, true);
  }
  if (answers.length === 0) return refused('url host could not be resolved (no addresses)', true);
  if (answers.some(({ address }) => isIP(address) === 0)) {
    return refused('url host resolved to something that is not an IP address');
  }
  const addresses = answers.map(({ address }) => ({
    address,
    family: isIP(address) === 6 ? (6 as const) : (4 as const),
  }));
  return { ok: true, addresses };
}
