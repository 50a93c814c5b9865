import { randomUUID } from 'node:crypto';

import { Inject, Injectable } from '@nestjs/common';

import { CONSOLE_CONFIG, type ConsoleConfig } from '../config/console.config';

/** One bad field as the API's problem+json names it (docs/hub-interface.md §3). */
export interface FieldProblem {
  field: string;
  detail: string;
}

export type ApiAnswer<T> =
  | { ok: true; status: number; body: T }
  | { ok: false; status: number; title: string; detail?: string; fields: FieldProblem[] };

/**
 * The console's only way into the hub: the HTTP API with the console's own key (docs/console.md).
 * The key never reaches a browser; every call is made for a signed-in person whose role and
 * binding the console checked first (CSL-4).
 */
@Injectable()
export class HubApi {
  constructor(@Inject(CONSOLE_CONFIG) private readonly config: ConsoleConfig) {}

  get<T>(path: string): Promise<ApiAnswer<T>> {
    return this.call<T>('GET', path);
  }

  /** Writes carry a fresh Idempotency-Key: a form posted twice by a double click is two writes
   * only if the person posted twice, and the API answers a retried request once. */
  post<T>(path: string, body: unknown): Promise<ApiAnswer<T>> {
    return this.call<T>('POST', path, body);
  }

  put<T>(path: string, body: unknown): Promise<ApiAnswer<T>> {
    return this.call<T>('PUT', path, body);
  }

  delete<T>(path: string): Promise<ApiAnswer<T>> {
    return this.call<T>('DELETE', path, undefined, true);
  }

  private async call<T>(
    method: string,
    path: string,
    body?: unknown,
    write = body !== undefined,
  ): Promise<ApiAnswer<T>> {
    const response = await fetch(`${this.config.apiUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.config.apiKey}`,
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(write ? { 'idempotency-key': randomUUID() } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
    const text = await response.text();
    const parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    if (response.ok) return { ok: true, status: response.status, body: parsed as T };
    return {
      ok: false,
      status: response.status,
      title: String(parsed['title'] ?? response.statusText),
      detail: typeof parsed['detail'] === 'string' ? parsed['detail'] : undefined,
      fields: Array.isArray(parsed['errors']) ? (parsed['errors'] as FieldProblem[]) : [],
    };
  }
}
