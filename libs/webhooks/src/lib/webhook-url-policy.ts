import { isIP } from 'node:net';

import { canonicalAddress, classifyAddress } from './ip-address';

// Webhook URLs must not let a subscriber point the hub at its own network (SSRF): no loopback,
// private, link-local (cloud metadata lives at 169.254.169.254) or unspecified addresses, unless
// the operator's allow-list names the host (tests and the demo allow 127.0.0.1).

export { classifyAddress, type AddressClass } from './ip-address';

export interface WebhookUrlPolicy {
  requireHttps: boolean;
  /**
   * Hosts allowed even though they are not public: a name allows that name whatever it resolves
   * to; an IP address allows that address, written in the URL or resolved from a name.
   */
  allowedHosts: readonly string[];
}

export type UrlVerdict = { ok: true; host: string } | { ok: false; reason: string };

export type ParsedWebhookUrl = { ok: true; url: URL; host: string } | { ok: false; reason: string };

/** The URL's shape: valid, https when required (else http or https), no credentials. */
export function parseWebhookUrl(raw: string, policy: WebhookUrlPolicy): ParsedWebhookUrl {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: 'url is not a valid URL' };
  }
  if (url.protocol !== 'https:' && (policy.requireHttps || url.protocol !== 'http:')) {
    return { ok: false, reason: 'url must use https' };
  }
  if (url.username || url.password) return { ok: false, reason: 'url must not carry credentials' };
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  return { ok: true, url, host };
}

/** A name's one spelling: case-insensitive, and `cjit.example.` is `cjit.example`. */
function canonicalName(name: string): string {
  return name.toLowerCase().replace(/\.$/, '');
}

/** True when the allow-list names this host (a name) or this address (however written). */
export function isAllowedHost(host: string, policy: WebhookUrlPolicy): boolean {
  const address = canonicalAddress(host);
  return policy.allowedHosts.some((entry) =>
    address === undefined
      ? canonicalName(entry) === canonicalName(host)
      : canonicalAddress(entry) === address,
  );
}

/** RFC 6761 §6.3: `localhost` and `*.localhost` are loopback by definition, whatever DNS says. */
export function isLocalhostName(host: string): boolean {
  const name = canonicalName(host);
  return name === 'localhost' || name.endsWith('.localhost');
}

/** Checks a URL's shape and, for IP literals, its address; names are resolved by the caller. */
export function checkWebhookUrl(raw: string, policy: WebhookUrlPolicy): UrlVerdict {
  const parsed = parseWebhookUrl(raw, policy);
  if (!parsed.ok) return parsed;
  const { host } = parsed;
  if (isAllowedHost(host, policy)) return { ok: true, host };
  if (isLocalhostName(host)) {
    return { ok: false, reason: 'url points at a loopback host that is not allowed' };
  }
  return checkAddress(host, policy);
}

/** For an IP literal (or a resolved address), refuses what is not public and not allowed. */
export function checkAddress(host: string, policy: WebhookUrlPolicy): UrlVerdict {
  if (isIP(host) === 0 || isAllowedHost(host, policy)) return { ok: true, host };
  const kind = classifyAddress(host);
  return kind === 'public'
    ? { ok: true, host }
    : { ok: false, reason: `url points at a ${kind} address that is not allowed` };
}
