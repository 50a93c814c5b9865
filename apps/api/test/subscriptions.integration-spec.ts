import { randomBytes, randomUUID } from 'node:crypto';

import {
  DeliveryEventType,
  DirectoryEventType,
  Topics,
  buildCloudEvent,
  type DeliveryUpdatedV1,
  type EndpointDisabledV1,
  SubscriptionSecretRotatedV1,
} from '@throughcare/contracts';
import {
  TestDatabase,
  TopicReader,
  TopicWriter,
  expectEventually,
  validated,
} from '@throughcare/testing';
import { decryptSecret } from '@throughcare/webhooks';

import { ApiCaller } from './support/api-caller';
import { startApi, type StartedApi } from './support/start-api';

interface Problem {
  status: number;
  detail: string;
}
interface Subscription {
  id: string;
  organisationId: string;
  status: string;
  failingSince: string | null;
  disabledAt: string | null;
  enabledAt: string | null;
  previousSecretValidUntil: string | null;
  [field: string]: unknown;
}

// Names answered before DNS, so nothing here asks a resolver; the URLs are only ever vetted,
// never connected to (the API does not call webhooks).
process.env['WEBHOOK_STATIC_HOSTS'] = [
  'metadata.cloud.test=169.254.169.254',
  'intranet.partner.test=10.0.0.1',
  'split.partner.test=127.0.0.1',
  'split.partner.test=10.0.0.2',
  'hooks.subscriber.test=127.0.0.1',
].join(',');

describe('webhook subscriptions in the API (real PostgreSQL and Kafka)', () => {
  let api: StartedApi;
  let admin: ApiCaller;
  let db: TestDatabase;
  let notifier: TopicWriter;
  let topics: TopicReader;

  const subscriber = async (): Promise<{ organisationId: string; caller: ApiCaller }> => {
    const organisationId = `cjit-${randomBytes(4).toString('hex')}`;
    await api.admin.registerOrganisation({
      organisationId,
      type: 'CJIT',
      name: `CJIT ${organisationId}`,
      localAuthorityCodes: ['E08000035'],
      spoc: { name: 'Duty worker', email: `duty@${organisationId}.example` },
    });
    const issued = await admin.post<{ key: string }>('/v1/api-keys', {
      organisationId,
      role: 'subscriber',
    });
    expect(issued.status).toBe(201);
    return { organisationId, caller: new ApiCaller(api.baseUrl, issued.body.key) };
  };
  const register = (caller: ApiCaller, organisationId: string, url: string) =>
    caller.post<{ id: string; secret: string } & Problem>('/v1/subscriptions', {
      organisationId,
      url,
      types: ['throughcare.notice.*'],
    });
  const directoryEvents = (subscriptionId: string) =>
    topics
      .on(Topics.Directory)
      .map((m) => JSON.parse(m.value) as { type: string; data: { subscriptionId?: string } })
      .filter((event) => event.data.subscriptionId === subscriptionId);

  beforeAll(async () => {
    api = await startApi(3296);
    admin = new ApiCaller(api.baseUrl, api.adminKey);
    db = new TestDatabase();
    notifier = await new TopicWriter().start();
    topics = await new TopicReader().start([Topics.Directory]);
  });

  afterAll(async () => {
    await topics?.stop();
    await notifier?.stop();
    await api?.app.close();
    await db?.close();
  });

  it.each([
    ['the cloud metadata address', 'http://169.254.169.254/latest/meta-data', 'link-local address'],
    ['a private address', 'http://10.0.0.1/hooks', 'private address'],
    ['a name resolving to link-local', 'http://metadata.cloud.test/', 'resolves to a link-local'],
    ['a name resolving to private', 'http://intranet.partner.test/in', 'resolves to a private'],
    ['a name with one private answer among others', 'http://split.partner.test/in', 'private'],
    ['loopback by name', 'http://localhost:8080/in', 'loopback host'],
    ['a URL with credentials', 'http://user:pw@127.0.0.1/in', 'credentials'],
  ])('refuses %s with 422, storing nothing', async (_case, url, reason) => {
    const { organisationId, caller } = await subscriber();
    const answer = await register(caller, organisationId, url);
    expect(answer.status).toBe(422);
    expect(answer.headers.get('content-type')).toContain('application/problem+json');
    expect(answer.body.detail).toContain(reason);
    expect(answer.body.detail).not.toMatch(/169\.254|10\.0\.0/);
    expect(
      await db.count('SELECT count(*) FROM api.subscription WHERE organisation_id = $1', [
        organisationId,
      ]),
    ).toBe(0);
  });

  it('lists the directory to admins only', async () => {
    const { organisationId, caller } = await subscriber();
    const listed = await admin.get<{ organisations: Array<Record<string, unknown>> }>(
      '/v1/organisations',
    );
    expect(listed.status).toBe(200);
    expect(listed.body.organisations).toContainEqual({
      organisationId,
      type: 'CJIT',
      name: `CJIT ${organisationId}`,
      localAuthorityCodes: ['E08000035'],
      establishments: [],
      spoc: { name: 'Duty worker', email: `duty@${organisationId}.example` },
      createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
    });
    expect((await caller.get('/v1/organisations')).status).toBe(403);
  });

  it("replaces an organisation's contacts for admins, telling the notifier on the directory topic", async () => {
    const { organisationId, caller } = await subscriber();
    const contacts = {
      spoc: { name: 'New duty worker', email: `new@${organisationId}.example`, phone: '0113 1' },
      secondContact: { name: 'Duty manager', email: `manager@${organisationId}.example` },
    };
    const changed = await admin.put<Record<string, unknown>>(
      `/v1/organisations/${organisationId}/contacts`,
      contacts,
    );
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ organisationId, type: 'CJIT', ...contacts });
    const listed = await admin.get<{ organisations: Array<Record<string, unknown>> }>(
      '/v1/organisations',
    );
    expect(listed.body.organisations.find((o) => o['organisationId'] === organisationId)).toEqual(
      expect.objectContaining(contacts),
    );
    await expectEventually(async () =>
      expect(
        topics
          .on(Topics.Directory)
          .map((m) => JSON.parse(m.value) as { type: string; data: Record<string, unknown> })
          .filter((e) => e.type === 'throughcare.directory.organisation-contacts-changed')
          .map((e) => e.data),
      ).toContainEqual({ organisationId, ...contacts }),
    );

    // Without a second contact it is removed; a bad e-mail, an unknown organisation, a subscriber.
    const without = await admin.put<Record<string, unknown>>(
      `/v1/organisations/${organisationId}/contacts`,
      { spoc: contacts.spoc },
    );
    expect(without.body['secondContact']).toBeUndefined();
    const bad = await admin.put<Problem>(`/v1/organisations/${organisationId}/contacts`, {
      spoc: { name: 'X', email: 'not an address' },
    });
    expect(bad.status).toBe(400);
    expect(
      (await admin.put('/v1/organisations/no-such-organisation/contacts', contacts)).status,
    ).toBe(404);
    expect(
      (await caller.put(`/v1/organisations/${organisationId}/contacts`, contacts)).status,
    ).toBe(403);
  });

  it('accepts an allowed address behind a name, and lists its webhooks without secrets', async () => {
    const { organisationId, caller } = await subscriber();
    const created = await register(caller, organisationId, 'http://hooks.subscriber.test:9/in');
    expect(created.status).toBe(201);

    const listed = await caller.get<{ subscriptions: Subscription[] }>('/v1/subscriptions');
    expect(listed.status).toBe(200);
    expect(listed.body.subscriptions).toEqual([
      expect.objectContaining({
        id: created.body.id,
        organisationId,
        url: 'http://hooks.subscriber.test:9/in',
        status: 'ACTIVE',
        disabledAt: null,
      }),
    ]);
    expect(listed.text).not.toContain('whsec_');
    expect(listed.text).not.toContain('ecret"');

    const other = await subscriber();
    expect(
      (await other.caller.get(`/v1/subscriptions?organisationId=${organisationId}`)).status,
    ).toBe(403);
    expect(
      (await other.caller.get<{ subscriptions: unknown[] }>('/v1/subscriptions')).body
        .subscriptions,
    ).toEqual([]);
    const all = await admin.get<{ subscriptions: Subscription[] }>(
      `/v1/subscriptions?organisationId=${organisationId}`,
    );
    expect(all.body.subscriptions.map((s) => s.id)).toEqual([created.body.id]);
  });

  it('rotates the secret: shown once, sealed on the directory topic, the old one kept for the overlap', async () => {
    const { organisationId, caller } = await subscriber();
    const created = await register(caller, organisationId, 'http://127.0.0.1:9/in');
    const before = Date.now();
    const rotated = await caller.post<{
      id: string;
      secret: string;
      previousSecretValidUntil: string;
    }>(`/v1/subscriptions/${created.body.id}/rotate-secret`, {});

    expect(rotated.status).toBe(201);
    expect(rotated.body.secret).toMatch(/^whsec_/);
    expect(rotated.body.secret).not.toBe(created.body.secret);
    const overlapEnds = Date.parse(rotated.body.previousSecretValidUntil);
    expect(overlapEnds - before).toBeGreaterThanOrEqual(24 * 3_600_000 - 1000);
    expect(overlapEnds - before).toBeLessThan(24 * 3_600_000 + 60_000);

    const event = await expectEventually(() => {
      const found = directoryEvents(created.body.id).find(
        (e) => e.type === DirectoryEventType.SubscriptionSecretRotated,
      );
      expect(found).toBeDefined();
      return found!;
    });
    const data = validated(SubscriptionSecretRotatedV1, event.data);
    expect(data.previousSecretValidUntil).toBe(rotated.body.previousSecretValidUntil);
    expect(JSON.stringify(event)).not.toContain(rotated.body.secret);
    expect(decryptSecret(data.encryptedSecret, process.env['HUB_SECRET_KEY'] as string)).toBe(
      rotated.body.secret,
    );

    const other = await subscriber();
    const refused = await other.caller.post(
      `/v1/subscriptions/${created.body.id}/rotate-secret`,
      {},
    );
    expect(refused.status).toBe(404);
    expect((await caller.post(`/v1/subscriptions/not-a-uuid/rotate-secret`, {})).status).toBe(400);
    expect((await caller.post(`/v1/subscriptions/${randomUUID()}/enable`, {})).status).toBe(404);
  });

  it('shows an endpoint the notifier disabled, and enabling it tells the notifier', async () => {
    const { organisationId, caller } = await subscriber();
    const created = await register(caller, organisationId, 'http://127.0.0.1:9/in');
    const disabled: EndpointDisabledV1 = {
      subscriptionId: created.body.id,
      organisationId,
      failingSince: new Date(Date.now() - 3_600_000).toISOString(),
      disabledAt: new Date().toISOString(),
      paused: 3,
    };
    await notifier.publishRaw(
      Topics.Delivery,
      organisationId,
      JSON.stringify(
        buildCloudEvent({
          id: `endpoint-disabled:${created.body.id}`,
          type: DeliveryEventType.EndpointDisabled,
          time: new Date(),
          data: disabled,
        }),
      ),
    );
    await expectEventually(async () => {
      const listed = await caller.get<{ subscriptions: Subscription[] }>('/v1/subscriptions');
      expect(listed.body.subscriptions[0]).toMatchObject({
        status: 'DISABLED',
        failingSince: disabled.failingSince,
        disabledAt: disabled.disabledAt,
      });
    });

    const enabled = await caller.post<Subscription>(
      `/v1/subscriptions/${created.body.id}/enable`,
      {},
    );
    expect(enabled.status).toBe(202);
    expect(enabled.body).toMatchObject({
      id: created.body.id,
      status: 'ACTIVE',
      failingSince: null,
    });
    await expectEventually(() =>
      expect(directoryEvents(created.body.id).map((e) => e.type)).toContain(
        DirectoryEventType.SubscriptionEnabled,
      ),
    );

    // The same disable read again later (a redelivery) does not undo the enable.
    await notifier.publishRaw(
      Topics.Delivery,
      organisationId,
      JSON.stringify(
        buildCloudEvent({
          id: `endpoint-disabled:${created.body.id}:again`,
          type: DeliveryEventType.EndpointDisabled,
          time: new Date(),
          data: disabled,
        }),
      ),
    );
    // A barrier behind it on the same partition: once the API has it, the disable was read.
    const barrier = `msg_${randomBytes(16).toString('hex')}`;
    await notifier.publishRaw(
      Topics.Delivery,
      organisationId,
      JSON.stringify(
        buildCloudEvent({
          id: `${barrier}.r1`,
          type: DeliveryEventType.DeliveryUpdated,
          time: new Date(),
          data: {
            deliveryId: barrier,
            noticeId: randomUUID(),
            noticeType: 'throughcare.notice.release.six-weeks',
            organisationId,
            subscriptionId: created.body.id,
            channel: 'WEBHOOK',
            status: 'PAUSED',
            createdAt: new Date().toISOString(),
            nextAttemptAt: null,
            deliveredAt: null,
            replays: 0,
            attempts: [],
            revision: 1,
          } satisfies DeliveryUpdatedV1,
        }),
      ),
    );
    await expectEventually(async () =>
      expect(
        await db.count('SELECT count(*) FROM api.delivery WHERE delivery_id = $1', [barrier]),
      ).toBe(1),
    );
    const [row] = await db.rows<{ status: string }>(
      'SELECT status FROM api.subscription WHERE id = $1',
      [created.body.id],
    );
    expect(row).toEqual({ status: 'ACTIVE' });
  });

  // docs/hub-interface.md §3: "Every write takes an Idempotency-Key header ...: a retry returns the first
  // answer and changes nothing". The directory and key writes too.
  describe('Idempotency-Key on directory and key writes', () => {
    const idempotencyKey = () => ({ 'Idempotency-Key': randomUUID() });
    const organisation = (organisationId: string, name = `CJIT ${organisationId}`) => ({
      organisationId,
      type: 'CJIT',
      name,
      localAuthorityCodes: ['E08000035'],
      spoc: { name: 'Duty worker', email: `duty@${organisationId}.example` },
    });

    it('registers an organisation once: the retry answers 201 again, a different body 422, no key 409', async () => {
      const organisationId = `cjit-${randomBytes(4).toString('hex')}`;
      const key = idempotencyKey();
      const first = await admin.post('/v1/organisations', organisation(organisationId), key);
      const retry = await admin.post('/v1/organisations', organisation(organisationId), key);

      expect(first.status).toBe(201);
      expect(retry.status).toBe(201);
      expect(retry.text).toBe(first.text);
      expect(retry.headers.get('idempotent-replayed')).toBe('true');
      const changed = await admin.post(
        '/v1/organisations',
        organisation(organisationId, 'Another name'),
        key,
      );
      expect(changed.status).toBe(422);
      expect((await admin.post('/v1/organisations', organisation(organisationId))).status).toBe(
        409,
      );
      const [row] = await db.rows<{ name: string }>(
        'SELECT name FROM api.organisation WHERE organisation_id = $1',
        [organisationId],
      );
      expect(row).toEqual({ name: `CJIT ${organisationId}` });
    });

    it('registers a webhook once and answers the same secret again, never storing it in clear', async () => {
      const { organisationId, caller } = await subscriber();
      const key = idempotencyKey();
      const body = {
        organisationId,
        url: 'http://127.0.0.1:9/in',
        types: ['throughcare.notice.*'],
      };
      const first = await caller.post<{ id: string; secret: string }>(
        '/v1/subscriptions',
        body,
        key,
      );
      const retry = await caller.post<{ id: string; secret: string }>(
        '/v1/subscriptions',
        body,
        key,
      );

      expect(first.status).toBe(201);
      expect(retry.status).toBe(201);
      expect(retry.body).toEqual(first.body);
      expect(retry.body.secret).toMatch(/^whsec_/);
      expect(retry.headers.get('idempotent-replayed')).toBe('true');
      expect(
        await db.count('SELECT count(*) FROM api.subscription WHERE organisation_id = $1', [
          organisationId,
        ]),
      ).toBe(1);
      const [stored] = await db.rows<{ body: string }>(
        'SELECT response_body::text AS body FROM api.idempotency_key WHERE key = $1',
        [key['Idempotency-Key']],
      );
      expect(stored?.body).toContain(first.body.id);
      expect(stored?.body).not.toContain(first.body.secret);
    });

    it('rotates a secret once per key: the retry answers the same new secret and publishes no second rotation', async () => {
      const { organisationId, caller } = await subscriber();
      const created = await register(caller, organisationId, 'http://127.0.0.1:9/in');
      const path = `/v1/subscriptions/${created.body.id}/rotate-secret`;
      const key = idempotencyKey();
      const first = await caller.post<{ secret: string }>(path, {}, key);
      const retry = await caller.post<{ secret: string }>(path, {}, key);

      expect(first.status).toBe(201);
      expect(retry.status).toBe(201);
      expect(retry.body).toEqual(first.body);
      expect(retry.headers.get('idempotent-replayed')).toBe('true');
      // A later write on the same partition: had the retry rotated again, its event would come first.
      const enabled = await caller.post(
        `/v1/subscriptions/${created.body.id}/enable`,
        {},
        idempotencyKey(),
      );
      expect(enabled.status).toBe(202);
      const types = await expectEventually(() => {
        const found = directoryEvents(created.body.id).map((e) => e.type);
        expect(found).toContain(DirectoryEventType.SubscriptionEnabled);
        return found;
      });
      expect(types.filter((t) => t === DirectoryEventType.SubscriptionSecretRotated)).toHaveLength(
        1,
      );
      const [row] = await db.rows<{ encrypted_secret: string }>(
        'SELECT encrypted_secret FROM api.subscription WHERE id = $1',
        [created.body.id],
      );
      expect(decryptSecret(row!.encrypted_secret, process.env['HUB_SECRET_KEY'] as string)).toBe(
        first.body.secret,
      );
    });

    it('issues one API key per Idempotency-Key: the retry is told which key it issued, which is not shown again', async () => {
      const { organisationId } = await subscriber();
      const key = idempotencyKey();
      const body = { organisationId, role: 'subscriber' };
      const first = await admin.post<{ id: string; key: string }>('/v1/api-keys', body, key);
      const retry = await admin.post<Problem>('/v1/api-keys', body, key);

      expect(first.status).toBe(201);
      expect(retry.status).toBe(409);
      expect(retry.headers.get('content-type')).toContain('application/problem+json');
      expect(retry.body.detail).toContain(first.body.id);
      expect(retry.text).not.toContain(first.body.key);
      // The subscriber's own key from subscriber() and this one: no third.
      expect(
        await db.count('SELECT count(*) FROM api.api_key WHERE organisation_id = $1', [
          organisationId,
        ]),
      ).toBe(2);
      const [stored] = await db.rows<{ body: string }>(
        'SELECT response_body::text AS body FROM api.idempotency_key WHERE key = $1',
        [key['Idempotency-Key']],
      );
      expect(stored?.body).not.toContain(first.body.key);
      const issuedCaller = new ApiCaller(api.baseUrl, first.body.key);
      expect((await issuedCaller.get('/v1/subscriptions')).status).toBe(200);
    });

    it('revokes a key: a retry under the same Idempotency-Key answers 204 again, without one 404', async () => {
      const { organisationId } = await subscriber();
      const issued = await admin.post<{ id: string; key: string }>('/v1/api-keys', {
        organisationId,
        role: 'subscriber',
      });
      const key = idempotencyKey();
      const first = await admin.delete(`/v1/api-keys/${issued.body.id}`, key);
      const retry = await admin.delete(`/v1/api-keys/${issued.body.id}`, key);

      expect(first.status).toBe(204);
      expect(retry.status).toBe(204);
      expect(retry.headers.get('idempotent-replayed')).toBe('true');
      expect((await admin.delete(`/v1/api-keys/${issued.body.id}`)).status).toBe(404);
      expect(
        (await new ApiCaller(api.baseUrl, issued.body.key).get('/v1/subscriptions')).status,
      ).toBe(401);
    });
  });
});
