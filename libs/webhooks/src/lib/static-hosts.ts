import { isIP } from 'node:net';

import { defaultLookup, type HostLookup, type ResolvedAddress } from './resolve-webhook-target';

/**
 * Names answered from configuration before DNS is asked, like curl's `--resolve` or an
 * /etc/hosts entry: `WEBHOOK_STATIC_HOSTS=hooks.example.test=127.0.0.1,meta.test=169.254.169.254`.
 * The answers are vetted exactly like DNS answers, so an entry can never let a URL through that
 * the policy would refuse; tests use it to resolve names without sending a DNS query anywhere.
 */
export function parseStaticHosts(raw: string): Map<string, ResolvedAddress[]> {
  const hosts = new Map<string, ResolvedAddress[]>();
  for (const entry of raw.split(',').map((part) => part.trim())) {
    if (!entry) continue;
    const separator = entry.indexOf('=');
    const name = entry.slice(0, separator).trim().toLowerCase();
    const address = entry.slice(separator + 1).trim();
    const family = isIP(address);
    if (separator <= 0 || !name || family === 0)
      throw new Error(`static host entry "${entry}" must be name=ip-address`);
    const addresses = hosts.get(name) ?? [];
    addresses.push({ address, family: family === 6 ? 6 : 4 });
    hosts.set(name, addresses);
  }
  return hosts;
}

/** A lookup that answers the configured names itself and asks `fallback` (DNS) for the rest. */
export function staticHostsLookup(
  hosts: ReadonlyMap<string, readonly ResolvedAddress[]>,
  fallback: HostLookup = defaultLookup,
): HostLookup {
  if (hosts.size === 0) return fallback;
  return async (hostname) => hosts.get(hostname.toLowerCase()) ?? fallback(hostname);
}
