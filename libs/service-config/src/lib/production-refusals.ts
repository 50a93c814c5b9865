import { isIP } from 'node:net';

import { classifyAddress, isLocalhostName } from '@throughcare/webhooks';

/**
 * What a service refuses to start with when NODE_ENV=production (docs/configuration.md,
 * "Production mode"). Each entry names the variable and never its value, which may be a secret.
 * Every service runs these over its own settings; a variable a service does not read is absent
 * from its settings and so never checked there.
 */
export interface ProductionSettings {
  NODE_ENV?: string;
  HUB_CLOCK_START?: string;
  HUB_CLOCK_SPEED?: number;
  HUB_CLOCK_ANCHOR?: string;
  WEBHOOK_ALLOWED_HOSTS?: string;
  WEBHOOK_STATIC_HOSTS?: string;
  SMTP_URL?: string;
  HUB_SECRET_KEY?: string;
  HUB_FIELD_KEYS?: string;
}

/** SMTP URL options (nodemailer reads them from the query) that would send e-mail in clear. */
const CLEAR_TEXT_SMTP_OPTIONS: ReadonlyArray<[string, string]> = [
  ['ignoreTLS', 'true'],
  ['requireTLS', 'false'],
  ['tls.rejectUnauthorized', 'false'],
];

/**
 * A 32-byte random key has about 30 distinct byte values; fewer than 16 means a key typed by
 * hand or a placeholder (all zeros, a repeated pattern), never one from a random generator.
 */
const MIN_DISTINCT_KEY_BYTES = 16;

export function productionRefusals(settings: ProductionSettings): string[] {
  if (settings.NODE_ENV !== 'production') return [];
  return [
    ...simulatedClockRefusals(settings),
    ...allowedHostRefusals(settings.WEBHOOK_ALLOWED_HOSTS),
    ...(settings.WEBHOOK_STATIC_HOSTS
      ? [
          'WEBHOOK_STATIC_HOSTS: answers before DNS are for tests only and are refused when NODE_ENV=production',
        ]
      : []),
    ...smtpRefusals(settings.SMTP_URL),
    ...weakKeyRefusals('HUB_SECRET_KEY', settings.HUB_SECRET_KEY),
    ...(settings.HUB_FIELD_KEYS ?? '')
      .split(',')
      .filter(Boolean)
      .flatMap((entry) => weakKeyRefusals('HUB_FIELD_KEYS', entry.split(':')[1])),
  ];
}

function simulatedClockRefusals(settings: ProductionSettings): string[] {
  return (['HUB_CLOCK_START', 'HUB_CLOCK_SPEED', 'HUB_CLOCK_ANCHOR'] as const)
    .filter((name) => settings[name] !== undefined)
    .map((name) => `${name}: the simulated clock is refused when NODE_ENV=production`);
}

/**
 * The allow-list lets webhooks reach hosts that are not public (SSRF guard,
 * docs/security/access-rules.md). In production it may name a host on the operator's own
 * network by name, never a loopback, private or link-local address nor `localhost`.
 */
function allowedHostRefusals(hosts: string | undefined): string[] {
  const refused = (hosts ?? '')
    .split(',')
    .map((entry) => entry.trim().replace(/^\[(.*)\]$/, '$1'))
    .filter(Boolean)
    .filter((host) =>
      isIP(host) === 0 ? isLocalhostName(host) : classifyAddress(host) !== 'public',
    );
  return refused.length === 0
    ? []
    : [
        `WEBHOOK_ALLOWED_HOSTS: ${refused.length} loopback, private or link-local host(s) are refused when NODE_ENV=production`,
      ];
}

/**
 * smtps:// is TLS from the first byte; smtp:// is accepted because the notifier then requires
 * STARTTLS in production (it never falls back to clear text). A URL whose options turn TLS off
 * or stop checking the relay's certificate is refused.
 */
function smtpRefusals(url: string | undefined): string[] {
  if (!url) return [];
  let query: URLSearchParams;
  try {
    query = new URL(url).searchParams;
  } catch {
    return ['SMTP_URL: must be an smtp:// or smtps:// URL'];
  }
  const clear = CLEAR_TEXT_SMTP_OPTIONS.some(
    ([option, value]) => query.get(option)?.toLowerCase() === value,
  );
  return clear
    ? ['SMTP_URL: options that send e-mail without TLS are refused when NODE_ENV=production']
    : [];
}

function weakKeyRefusals(variable: string, base64: string | undefined): string[] {
  if (base64 === undefined) return [];
  const bytes = Buffer.from(base64, 'base64');
  // Missing or shorter than 32 bytes: the variable's own format check already refuses it.
  if (bytes.length < 32) return [];
  return new Set(bytes).size < MIN_DISTINCT_KEY_BYTES
    ? [
        `${variable}: a key that is not random (fewer than ${MIN_DISTINCT_KEY_BYTES} distinct bytes) is refused when NODE_ENV=production`,
      ]
    : [];
}

/**
 * The API's docs page (and the OpenAPI document it reads) is served outside production, and in
 * production only when HUB_DOCS_ENABLED=true: it maps the whole API for whoever can reach it.
 */
export function docsPageEnabled(nodeEnv: string, flag: string | undefined): boolean {
  if (flag !== undefined) return flag === 'true';
  return nodeEnv !== 'production';
}
