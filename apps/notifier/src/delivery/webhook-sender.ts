import { signWebhook } from '@throughcare/webhooks';

export interface WebhookResult {
  statusCode: number | null;
  latencyMs: number;
  error: string | null;
  /** Retrying cannot help (the URL is refused, the secret cannot be opened). */
  permanent?: boolean;
}

/**
 * One POST with Standard Webhooks headers and a hard timeout. Redirects are not followed: a
 * subscriber cannot bounce the hub to an address the URL policy would refuse.
 */
export async function sendWebhook(
  url: string,
  webhookId: string,
  secrets: readonly string[],
  body: string,
  timeoutMs: number,
): Promise<WebhookResult> {
  const started = performance.now();
  const headers = signWebhook(secrets, webhookId, Math.floor(Date.now() / 1000), body);
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        ...headers,
        'content-type': 'application/json',
        'user-agent': 'throughcare-hub/1',
      },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.body?.cancel();
    const ok = response.status >= 200 && response.status < 300;
    return {
      statusCode: response.status,
      latencyMs: Math.round(performance.now() - started),
      error: ok ? null : `HTTP ${response.status}`,
    };
  } catch (error) {
    const name = (error as Error).name;
    return {
      statusCode: null,
      latencyMs: Math.round(performance.now() - started),
      error:
        name === 'TimeoutError'
          ? `timed out after ${timeoutMs} ms`
          : `connection failed: ${(error as Error).message}`,
    };
  }
}
