// Credential-shaped values, removed from every log line after it is serialised, whatever logged
// it (a request URL, an error message, a stack, a library): the last line of defence behind
// REDACTED_PATHS. Each pattern stops at a quote or backslash, so a JSON line stays valid JSON.

export const REDACTED = '[redacted]';

const VALUE = String.raw`[^\s"'\\&#]+`;

const CREDENTIAL_PATTERNS: Array<[RegExp, string]> = [
  // A query string on any path or URL: api_key=..., token=..., signatures in presigned links.
  [/(\/[^\s"'\\?]*)\?[^\s"'\\#]+/g, `$1?${REDACTED}`],
  // user:password@ in a connection string (postgres://, redis://, smtps://, https://).
  [/([a-z][a-z0-9+.-]*:\/\/[^\s"'\\/:@]*):[^\s"'\\@/]*@/gi, `$1:${REDACTED}@`],
  // Authorization header values written out anywhere.
  [new RegExp(String.raw`\b(Bearer|Basic)\s+${VALUE}`, 'gi'), `$1 ${REDACTED}`],
  // The hub's own shapes: API keys (thk_) and webhook signing secrets (whsec_).
  [new RegExp(String.raw`\b(thk|whsec)_${VALUE}`, 'g'), `$1_${REDACTED}`],
  // name=value and "name":"value" pairs whose name says they are a secret.
  [
    new RegExp(
      String.raw`\b((?:api[_-]?key|access[_-]?token|token|secret|password|passwd|pwd|signature)\\?"?\s*[:=]\s*\\?"?)${VALUE}`,
      'gi',
    ),
    `$1${REDACTED}`,
  ],
  // Long hex or base64 runs (the admin key, HUB_SECRET_KEY): no id the hub logs looks like one.
  [/\b[A-Fa-f0-9]{40,}\b/g, REDACTED],
  [/(?<![A-Za-z0-9+/])[A-Za-z0-9+/]{43}=(?![A-Za-z0-9+/=])/g, REDACTED],
];

/** The line with every credential-shaped value replaced by [redacted]. */
export function redactCredentials(line: string): string {
  let redacted = line;
  for (const [pattern, replacement] of CREDENTIAL_PATTERNS) {
    redacted = redacted.replace(pattern, replacement);
  }
  return redacted;
}

/** A request URL for the log: the path only, never its query string (credentials travel there). */
export function redactUrl(url: string | undefined): string {
  if (!url) return '';
  const query = url.indexOf('?');
  return query < 0 ? url : `${url.slice(0, query)}?${REDACTED}`;
}

/** A pino destination that redacts each serialised line before it reaches stdout. */
export function redactingDestination(target: { write(chunk: string): unknown } = process.stdout): {
  write(line: string): void;
} {
  return { write: (line: string) => void target.write(redactCredentials(line)) };
}
