export interface ApiAnswer<T = Record<string, unknown>> {
  status: number;
  body: T;
  text: string;
  headers: Headers;
}

/**
 * Any method, any headers, or no key at all: what the consent and audit tests need beyond
 * HubApiClient (PUT, Idempotency-Key, 401 without a key, text/csv answers).
 */
export class ApiCaller {
  constructor(
    readonly baseUrl: string,
    private readonly key: string | undefined,
  ) {}

  async request<T = Record<string, unknown>>(
    method: 'GET' | 'PUT' | 'POST' | 'DELETE',
    path: string,
    { body, headers = {} }: { body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<ApiAnswer<T>> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(this.key ? { authorization: `Bearer ${this.key}` } : {}),
        ...headers,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    const json = (response.headers.get('content-type') ?? '').includes('json');
    return {
      status: response.status,
      body: (json && text ? JSON.parse(text) : null) as T,
      text,
      headers: response.headers,
    };
  }

  get<T = Record<string, unknown>>(path: string): Promise<ApiAnswer<T>> {
    return this.request<T>('GET', path);
  }

  put<T = Record<string, unknown>>(
    path: string,
    body: unknown,
    headers?: Record<string, string>,
  ): Promise<ApiAnswer<T>> {
    return this.request<T>('PUT', path, { body, headers });
  }

  post<T = Record<string, unknown>>(
    path: string,
    body: unknown,
    headers?: Record<string, string>,
  ): Promise<ApiAnswer<T>> {
    return this.request<T>('POST', path, { body, headers });
  }

  delete<T = Record<string, unknown>>(
    path: string,
    headers?: Record<string, string>,
  ): Promise<ApiAnswer<T>> {
    return this.request<T>('DELETE', path, { headers });
  }
}
