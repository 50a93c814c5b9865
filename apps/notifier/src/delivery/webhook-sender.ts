import {
  Agent as HttpAgent,
  request as httpRequest,
  type ClientRequest,
  type IncomingMessage,
  type RequestOptions,
} from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';

import {
  resolveWebhookTarget,
  signWebhook,
  type HostLookup,
  type ResolvedAddress,
  type WebhookUrlPolicy,
} from '@throughcare/webhooks';

export interface WebhookResult {
  statusCode: number | null;
  latencyMs: number;
  error: string | null;
  /** Retrying cannot help (the URL is refused, the secret cannot be opened). */
  permanent?: boolean;
}

export interface SendWebhookOptions {
  url: string;
  /** The stable `webhook-id` (the same on every retry and replay). */
  webhookId: string;
  /** Every secret signs: two while a rotation's overlap lasts. */
  secrets: readonly string[];
  body: string;
  /** One deadline for the whole attempt: resolving, connecting, and the response headers. */
  timeoutMs: number;
  policy: WebhookUrlPolicy;
  /** Injected by tests so that no DNS query leaves the machine. */
  lookup?: HostLookup;
}

class AttemptTimeout extends Error {}

/**
 * One POST with Standard Webhooks headers. The host is resolved and vetted first, then the
 * connection goes only to a vetted address, whatever a second DNS answer would say (rebinding),
 * while the Host header and the TLS server name stay the URL's. Redirects are not followed:
 * a subscriber cannot bounce the hub to an address the URL policy would refuse.
 */
export async function sendWebhookTo(options: SendWebhookOptions): Promise<WebhookResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(new AttemptTimeout()), options.timeoutMs);
  try {
    const target = await untilAborted(
      resolveWebhookTarget(options.url, options.policy, options.lookup),
      deadline.signal,
    );
    if (!target.ok) {
      return {
        statusCode: null,
        latencyMs: 0,
        error: `refused before connecting: ${target.reason}`,
        // A name that does not resolve today may resolve tomorrow; a refused address will not.
        permanent: !target.retryable,
      };
    }
    const statusCode = await post(
      target.url,
      target.host,
      target.addresses,
      options,
      deadline.signal,
    );
    const ok = statusCode >= 200 && statusCode < 300;
    return { statusCode, latencyMs: elapsed(), error: ok ? null : `HTTP ${statusCode}` };
  } catch (error) {
    return {
      statusCode: null,
      latencyMs: elapsed(),
      error: deadline.signal.aborted
        ? `timed out after ${options.timeoutMs} ms`
        : `connection failed: ${(error as Error).message}`,
    };
  } finally {
    clearTimeout(timer);
  }
}

function post(
  url: URL,
  host: string,
  addresses: readonly ResolvedAddress[],
  options: SendWebhookOptions,
  signal: AbortSignal,
): Promise<number> {
  const headers = signWebhook(
    options.secrets,
    options.webhookId,
    Math.floor(Date.now() / 1000),
    options.body,
  );
  const requestOptions: RequestOptions & { servername?: string } = {
    method: 'POST',
    headers: {
      ...headers,
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(options.body),
      'user-agent': 'throughcare-hub/1',
    },
    // Connections are kept open between attempts, but only among requests vetted to the same
    // addresses: a socket opened under an earlier DNS answer never serves a later, different one.
    agent: agentFor(url, host, addresses),
    lookup: pinnedLookup(addresses),
    signal,
    // SNI and certificate checks use the URL's name, not the address connected to.
    ...(url.protocol === 'https:' && isIP(host) === 0 ? { servername: host } : {}),
  };
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<number>((resolve, reject) => {
    const request: ClientRequest = send(url, requestOptions, (response) => {
      // Only the status matters: the answer is resolved now, and the body drained in the
      // background so the connection can serve the next attempt (a huge or slow one is cut off).
      resolve(response.statusCode ?? 0);
      discardBody(response);
    });
    request.on('error', reject);
    request.end(options.body);
  });
}

/** Bytes of a response body read (and thrown away) before the connection is closed instead. */
const MAX_DISCARDED_BODY_BYTES = 64 * 1024;
/** A body still arriving after this long closes the connection. */
const BODY_DRAIN_TIMEOUT_MS = 2_000;
/** Pools kept at once (one per endpoint address set); the oldest is closed beyond this. */
const MAX_POOLS = 256;

function discardBody(response: IncomingMessage): void {
  let seen = 0;
  response.setTimeout(BODY_DRAIN_TIMEOUT_MS, () => response.destroy());
  response.on('data', (chunk: Buffer) => {
    seen += chunk.length;
    if (seen > MAX_DISCARDED_BODY_BYTES) response.destroy();
  });
  response.on('error', () => undefined);
}

const pools = new Map<string, HttpAgent>();

/**
 * A keep-alive pool per endpoint and vetted address set (issue 13: a TCP connection per attempt
 * cost a connect and a close per notice). Idle connections close after 5 s.
 */
function agentFor(url: URL, host: string, addresses: readonly ResolvedAddress[]): HttpAgent {
  const vetted = addresses.map(({ address }) => address).sort();
  const key = `${url.protocol}//${host}:${url.port}@${vetted.join(',')}`;
  const existing = pools.get(key);
  if (existing) return existing;
  const options = { keepAlive: true, maxSockets: 32, maxFreeSockets: 8, timeout: 5_000 };
  const agent = url.protocol === 'https:' ? new HttpsAgent(options) : new HttpAgent(options);
  pools.set(key, agent);
  if (pools.size > MAX_POOLS) {
    const [oldestKey, oldest] = pools.entries().next().value as [string, HttpAgent];
    pools.delete(oldestKey);
    oldest.destroy();
  }
  return agent;
}

/** Closes every kept connection (at shutdown and in tests). */
export function closeWebhookConnections(): void {
  for (const agent of pools.values()) agent.destroy();
  pools.clear();
}

/** Answers the connection's own lookup with the vetted addresses only (never asks DNS again). */
function pinnedLookup(addresses: readonly ResolvedAddress[]): LookupFunction {
  return (_hostname, lookupOptions, callback) => {
    const usable = lookupOptions.family
      ? addresses.filter(({ family }) => family === lookupOptions.family)
      : addresses;
    const first = usable[0];
    if (!first) {
      callback(
        Object.assign(new Error('no vetted address of the requested family'), {
          code: 'ENOTFOUND',
        }),
        '',
      );
      return;
    }
    if (lookupOptions.all)
      callback(
        null,
        usable.map(({ address, family }) => ({ address, family })),
      );
    else callback(null, first.address, first.family);
  };
}

function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
