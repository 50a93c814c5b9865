import { isIP } from 'node:net';

// What kind of network an IP address belongs to, from the IANA special-purpose registries
// (RFC 6890 and successors). Only `public` addresses are safe for the hub to connect to on a
// subscriber's say-so: everything else reaches the hub's own network, the cloud metadata
// service (169.254.169.254) or nothing at all.

export type AddressClass =
  | 'public'
  | 'loopback'
  | 'private'
  | 'carrier-grade-nat'
  | 'link-local'
  | 'unspecified'
  | 'multicast'
  | 'broadcast'
  | 'reserved';

type Rule = readonly [prefix: string, bits: number, kind: AddressClass];

// First match wins, so the narrower rule comes first (broadcast before 240/4).
const IPV4_RULES: readonly Rule[] = [
  ['0.0.0.0', 8, 'unspecified'], // "this network"
  ['10.0.0.0', 8, 'private'],
  ['100.64.0.0', 10, 'carrier-grade-nat'], // RFC 6598: often the provider's internal network
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link-local'], // cloud metadata services live here
  ['172.16.0.0', 12, 'private'],
  ['192.0.0.0', 24, 'reserved'], // IETF protocol assignments
  ['192.0.2.0', 24, 'reserved'], // documentation
  ['192.88.99.0', 24, 'reserved'], // 6to4 relay anycast, deprecated
  ['192.168.0.0', 16, 'private'],
  ['198.18.0.0', 15, 'reserved'], // benchmarking
  ['198.51.100.0', 24, 'reserved'], // documentation
  ['203.0.113.0', 24, 'reserved'], // documentation
  ['224.0.0.0', 4, 'multicast'],
  ['255.255.255.255', 32, 'broadcast'],
  ['240.0.0.0', 4, 'reserved'],
];

const IPV6_RULES: readonly Rule[] = [
  ['::', 128, 'unspecified'],
  ['::1', 128, 'loopback'],
  ['::', 96, 'reserved'], // IPv4-compatible addresses, deprecated
  ['64:ff9b:1::', 48, 'reserved'], // local-use NAT64
  ['100::', 64, 'reserved'], // discard-only
  ['2001::', 23, 'reserved'], // IETF protocol assignments, Teredo included
  ['2001:db8::', 32, 'reserved'], // documentation
  ['3fff::', 20, 'reserved'], // documentation
  ['5f00::', 16, 'reserved'], // SRv6 segment identifiers
  ['fc00::', 7, 'private'], // unique local addresses
  ['fe80::', 10, 'link-local'],
  ['fec0::', 10, 'private'], // site-local, deprecated but still routed inside some networks
  ['ff00::', 8, 'multicast'],
];

function ipv4Bytes(ip: string): number[] {
  return ip.split('.').map(Number);
}

/** The 16 bytes of a valid IPv6 address (zone index dropped, embedded dotted IPv4 allowed). */
function ipv6Bytes(ip: string): number[] {
  let text = (ip.split('%')[0] ?? '').toLowerCase();
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text)?.[1];
  if (dotted) {
    const [a = 0, b = 0, c = 0, d = 0] = ipv4Bytes(dotted);
    const tail = `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
    text = text.slice(0, -dotted.length) + tail;
  }
  const [head = '', rest] = text.split('::');
  const headGroups = head ? head.split(':') : [];
  const tailGroups = rest ? rest.split(':') : [];
  const gap = rest === undefined ? 0 : 8 - headGroups.length - tailGroups.length;
  const groups = [...headGroups, ...Array<string>(gap).fill('0'), ...tailGroups];
  return groups.flatMap((group) => {
    const value = parseInt(group, 16);
    return [value >> 8, value & 255];
  });
}

function matches(bytes: readonly number[], prefix: readonly number[], bits: number): boolean {
  for (let bit = 0; bit < bits; bit += 8) {
    const width = Math.min(8, bits - bit);
    const mask = (0xff << (8 - width)) & 0xff;
    const index = bit / 8;
    if (((bytes[index] ?? 0) & mask) !== ((prefix[index] ?? 0) & mask)) return false;
  }
  return true;
}

function classify(
  bytes: readonly number[],
  rules: readonly Rule[],
  parse: (ip: string) => number[],
) {
  const rule = rules.find(([prefix, bits]) => matches(bytes, parse(prefix), bits));
  return rule ? rule[2] : 'public';
}

const startsWith = (bytes: readonly number[], prefix: readonly number[]) =>
  prefix.every((byte, index) => bytes[index] === byte);

/**
 * The IPv4 address an IPv6 address stands for, where connecting to it reaches that IPv4 host:
 * IPv4-mapped (::ffff:10.0.0.1), NAT64 (64:ff9b::10.0.0.1) and 6to4 (2002:0a00:0001::).
 */
function embeddedIpv4(bytes: readonly number[]): number[] | undefined {
  if (startsWith(bytes, [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff])) return bytes.slice(12);
  if (startsWith(bytes, [0, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0])) return bytes.slice(12);
  if (startsWith(bytes, [0x20, 0x02])) return bytes.slice(2, 6);
  return undefined;
}

/** Classifies an IP literal; anything that is not an IP address is `reserved` (never public). */
export function classifyAddress(ip: string): AddressClass {
  const version = isIP(ip);
  if (version === 4) return classify(ipv4Bytes(ip), IPV4_RULES, ipv4Bytes);
  if (version !== 6) return 'reserved';
  const bytes = ipv6Bytes(ip);
  const inner = embeddedIpv4(bytes);
  if (inner) return classify(inner, IPV4_RULES, ipv4Bytes);
  return classify(bytes, IPV6_RULES, ipv6Bytes);
}

/**
 * One spelling per address, so an allow-list entry matches however the address is written:
 * `::1` and `0:0:0:0:0:0:0:1` are the same, and `::ffff:127.0.0.1` is `127.0.0.1`.
 */
export function canonicalAddress(ip: string): string | undefined {
  const version = isIP(ip);
  if (version === 4) return ipv4Bytes(ip).join('.');
  if (version !== 6) return undefined;
  const bytes = ipv6Bytes(ip);
  if (startsWith(bytes, [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff])) {
    return bytes.slice(12).join('.');
  }
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2)
    groups.push((((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0)).toString(16));
  return groups.join(':');
}
