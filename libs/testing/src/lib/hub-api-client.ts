/** A thin client for the hub's HTTP API, as a release team or admin would call it. */
export class HubApiClient {
  constructor(
    readonly baseUrl: string,
    private readonly apiKey: string,
  ) {}

  async post(
    path: string,
    body: unknown,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; body: unknown; contentType: string | null }> {
    return this.send('POST', path, body, headers);
  }

  async put(
    path: string,
    body: unknown,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; body: unknown; contentType: string | null }> {
    return this.send('PUT', path, body, headers);
  }

  private async send(
    method: 'POST' | 'PUT',
    path: string,
    body: unknown,
    headers: Record<string, string>,
  ): Promise<{ status: number; body: unknown; contentType: string | null }> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${this.apiKey}`,
        ...headers,
      },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    return {
      status: response.status,
      body: text ? JSON.parse(text) : null,
      contentType: response.headers.get('content-type'),
    };
  }

  async get(path: string): Promise<{ status: number; body: unknown }> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      headers: { authorization: `Bearer ${this.apiKey}` },
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  }

  async delete(path: string): Promise<{ status: number }> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${this.apiKey}` },
    });
    await response.text();
    return { status: response.status };
  }

  async registerOrganisation(organisation: Record<string, unknown>): Promise<void> {
    const response = await this.post('/v1/organisations', organisation);
    if (response.status !== 201)
      throw new Error(
        `organisation not registered: ${response.status} ${JSON.stringify(response.body)}`,
      );
  }

  /** Registers a webhook and returns its signing secret (shown once). */
  async subscribe(
    organisationId: string,
    url: string,
    types: string[],
  ): Promise<{ id: string; secret: string }> {
    const response = await this.post('/v1/subscriptions', { organisationId, url, types });
    if (response.status !== 201)
      throw new Error(`subscription refused: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body as { id: string; secret: string };
  }
}
