import { isIP } from 'node:net';

// Webhook URLs must not let a subscriber point the hub at its own network (SSRF): no loopback,
// private, link-local (cloud metadata lives at 169.254.169.254) or unspecified addresses, unless
// the operator's allow-list names the host (tests and the demo allow 127.0.0.1).

export type AddressClass =
  'public' | 'loopback' | 'private' | 'link-local' | 'unspecified' | 'reserved';

export interface WebhookUrlPolicy {
  requireHttps: boolean;
  /** Hosts (names or IP literals) allowed even though they are not public. */
  allowedHosts: readonly string[];
}

export type UrlVerdict = { ok: true; host: string } | { ok: false; reason: string };

function ipv4Class(ip: string): AddressClass {
  const [a = 0, b = 0] = ip.split('.').map(Number);
  if (a === 127) return 'loopback';
  if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)) return 'private';
  if (a === 100 && b >= 64 && b <= 127) return 'private'; // carrier-grade NAT
  if (a === 169 && b === 254) return 'link-local';
  if (a === 0) return 'unspecified';
  if (a >= 224) return 'reserved'; // multicast and class E
  return 'public';
}

/** `::ffff:10.0.0.1`, which URL parsing writes as `::ffff:a00:1`, is the IPv4 address inside. */
function ipv4MappedAddress(ip: string): string | undefined {
  const dotted = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(ip);
  if (dotted?.[1]) return dotted[1];
  const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(ip);
  if (!hex?.[1] || !hex[2]) return undefined;
  const [high, low] = [parseInt(hex[1], 16), parseInt(hex[2], 16)];
  return [high >> 8, high & 255, low >> 8, low & 255].join('.');
}

export function classifyAddress(ip: string): AddressClass {
  if (isIP(ip) === 4) return ipv4Class(ip);
  const lower = ip.toLowerCase();
  const mapped = ipv4MappedAddress(lower);
  if (mapped) return ipv4Class(mapped);
  if (lower === '::1') return 'loopback';
  if (lower === '::') return 'unspecified';
  if (/^fe[89ab]/.test(lower)) return 'link-local';
  if (/^f[cd]/.test(lower)) return 'private';
  if (/^ff/.test(lower)) return 'reserved';
  return 'public';
}

function bareHost(hostname: string): string {
  return hostname.startsWith('[') ? hostname.slice(1, -1) : hostname;
}

/** Checks a URL's shape and, for IP literals, its address; names are resolved by the caller. */
export function checkWebhookUrl(raw: string, policy: WebhookUrlPolicy): UrlVerdict {
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
  const host = bareHost(url.hostname);
  if (policy.allowedHosts.includes(host)) return { ok: true, host };
  if (host === 'localhost' || host.endsWith('.localhost')) {
    return { ok: false, reason: 'url points at a loopback host that is not allowed' };
  }
  return checkAddress(host, policy);
}

/** For an IP literal (or a resolved address), refuses what is not public and not allowed. */
export function checkAddress(host: string, policy: WebhookUrlPolicy): UrlVerdict {
  if (isIP(host) === 0 || policy.allowedHosts.includes(host)) return { ok: true, host };
  const kind = classifyAddress(host);
  return kind === 'public'
    ? { ok: true, host }
    : { ok: false, reason: `url points at a ${kind} address that is not allowed` };
}
