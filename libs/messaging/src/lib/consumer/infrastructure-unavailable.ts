// A transient failure is dead-lettered after about 2 s (input-bounds.md BND-7), except when the
// database, Redis or the network is down: then no message of any partition can progress, the
// DLQ claim itself may not be recordable, and dead-lettering every message of an outage would
// take the whole flow out of the hub. Those are left to kafkajs to redeliver once it is back.

/** Node socket errors: the peer is down, unreachable or went away. */
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/** PostgreSQL: shutting down, starting up, or out of connections (SQLSTATE 08*, 57P0*, 53300). */
function isPostgresUnavailable(code: string): boolean {
  return code.startsWith('08') || ['57P01', '57P02', '57P03', '53300'].includes(code);
}

// pg and ioredis say some of it only in the message.
const UNAVAILABLE_MESSAGES = [
  /Connection terminated/i,
  /connection error and is not queryable/i,
  /timeout exceeded when trying to connect/i,
  /Connection is closed/i,
  /max retries per request/i,
  /Stream isn't writeable/i,
];

/** True when `error` (or an error it wraps) says a dependency is unreachable, not that the input is bad. */
export function isInfrastructureUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  for (let current = error; current && typeof current === 'object';) {
    if (seen.has(current)) break;
    seen.add(current);
    const { code, message, name } = current as {
      code?: unknown;
      message?: unknown;
      name?: unknown;
    };
    if (typeof code === 'string' && (SOCKET_CODES.has(code) || isPostgresUnavailable(code)))
      return true;
    if (name === 'MaxRetriesPerRequestError') return true;
    if (typeof message === 'string' && UNAVAILABLE_MESSAGES.some((re) => re.test(message)))
      return true;
    const wrapper = current as { driverError?: unknown; cause?: unknown };
    current = wrapper.driverError ?? wrapper.cause;
  }
  return false;
}
