import { randomBytes, randomUUID } from 'node:crypto';

import {
  DeliveryEventType,
  Topics,
  buildCloudEvent,
  type DeliveryUpdatedV1,
} from '@throughcare/contracts';
import { TestDatabase, TopicReader, TopicWriter, expectEventually } from '@throughcare/testing';

import { ApiCaller } from './support/api-caller';
import { startApi, type StartedApi } from './support/start-api';

interface Problem {
  status: number;
  errors?: Array<{ field: string }>;
}

/*
 * POST /v1/notices/{webhook-id}/acknowledgements (ACK-01) on a real API, PostgreSQL and Kafka:
 * what a recipient may say, about which deliveries, and what reaches the notifier.
 */
describe('acknowledgements in the API (real PostgreSQL and Kafka)', () => {
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

  /** A delivery the API has read from throughcare.delivery.v1. */
  const delivered = async (
    organisationId: string,
    status: DeliveryUpdatedV1['status'] = 'DELIVERED',
  ): Promise<string> => {
    const now = new Date().toISOString();
    const data: DeliveryUpdatedV1 = {
      deliveryId: `msg_${randomBytes(16).toString('hex')}`,
      noticeId: randomUUID(),
      noticeType: 'throughcare.notice.release.unplanned',
      organisationId,
      subscriptionId: randomUUID(),
      channel: 'WEBHOOK',
      status,
      createdAt: now,
      nextAttemptAt: null,
      deliveredAt: status === 'DELIVERED' ? now : null,
      replays: 0,
      attempts: [],
      revision: 1,
    };
    await notifier.publishRaw(
      Topics.Delivery,
      organisationId,
      JSON.stringify(
        buildCloudEvent({
          id: `${data.deliveryId}.r1`,
          type: DeliveryEventType.DeliveryUpdated,
          time: new Date(),
          data,
        }),
      ),
    );
    await expectEventually(async () =>
      expect(
        await db.count('SELECT count(*) FROM api.delivery WHERE delivery_id = $1', [
          data.deliveryId,
        ]),
      ).toBe(1),
    );
    return data.deliveryId;
  };

  const acknowledgementsOf = (deliveryId: string) =>
    db.count('SELECT count(*) FROM api.acknowledgement WHERE delivery_id = $1', [deliveryId]);

  beforeAll(async () => {
    api = await startApi(3298);
    admin = new ApiCaller(api.baseUrl, api.adminKey);
    db = new TestDatabase();
    notifier = await new TopicWriter().start();
    topics = await new TopicReader().start([Topics.DeliveryCommand]);
  });

  afterAll(async () => {
    await topics?.stop();
    await notifier?.stop();
    await api?.app.close();
    await db?.close();
  });

  it('refuses what a status does not allow, naming the field, and writes nothing', async () => {
    const { organisationId, caller } = await subscriber();
    const webhookId = await delivered(organisationId);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString();
    const cases: Array<[unknown, string]> = [
      [{ status: 'DONE' }, 'status'],
      [{ status: 'ACTIONED' }, 'action'],
      [{ status: 'DECLINED' }, 'reason'],
      [{ status: 'ACCEPTED', action: { kind: 'SCRIPT_DISPENSED', at: tomorrow } }, 'action'],
      [{ status: 'ACCEPTED', reason: 'not ours' }, 'reason'],
      [
        { status: 'ACTIONED', action: { kind: 'FIRST_APPOINTMENT_ATTENDED', at: tomorrow } },
        'action.at',
      ],
    ];
    for (const [body, field] of cases) {
      const answer = await caller.post<Problem>(`/v1/notices/${webhookId}/acknowledgements`, body);
      expect(answer.status).toBe(400);
      expect(answer.body.errors?.map((e) => e.field)).toContain(field);
    }
    // A booked appointment may be ahead.
    const booked = await caller.post(`/v1/notices/${webhookId}/acknowledgements`, {
      status: 'ACTIONED',
      action: { kind: 'APPOINTMENT_BOOKED', at: tomorrow },
    });
    expect(booked.status).toBe(201);
    expect(await acknowledgementsOf(webhookId)).toBe(1);
  });

  it("answers 404 for an unknown, another organisation's or a withheld delivery, and 403 to a prison key", async () => {
    const mine = await subscriber();
    const theirs = await subscriber();
    const theirDelivery = await delivered(theirs.organisationId);
    const withheld = await delivered(mine.organisationId, 'WITHHELD');
    for (const webhookId of [`msg_${randomBytes(16).toString('hex')}`, theirDelivery, withheld]) {
      const answer = await mine.caller.post(`/v1/notices/${webhookId}/acknowledgements`, {
        status: 'ACCEPTED',
      });
      expect(answer.status).toBe(404);
      expect(await acknowledgementsOf(webhookId)).toBe(0);
    }
    const prisonId = `prison-${randomBytes(4).toString('hex')}`;
    await api.admin.registerOrganisation({
      organisationId: prisonId,
      type: 'PRISON',
      name: 'HMP Somewhere',
      establishments: ['LEI'],
      spoc: { name: 'Release team', email: `release@${prisonId}.example` },
    });
    const prison = await admin.post<{ key: string }>('/v1/api-keys', {
      organisationId: prisonId,
      role: 'prison',
      establishments: ['LEI'],
    });
    expect(prison.status).toBe(201);
    const answer = await new ApiCaller(api.baseUrl, prison.body.key).post(
      `/v1/notices/${theirDelivery}/acknowledgements`,
      { status: 'ACCEPTED' },
    );
    expect(answer.status).toBe(403);
  });

  it('keeps an acknowledgement once under its Idempotency-Key and tells the notifier on the delivery-command topic', async () => {
    const { organisationId, caller } = await subscriber();
    const webhookId = await delivered(organisationId);
    const body = { status: 'DECLINED', reason: 'not our area' };
    const headers = { 'Idempotency-Key': randomUUID() };
    const first = await caller.post<{ acknowledgementId: string }>(
      `/v1/notices/${webhookId}/acknowledgements`,
      body,
      headers,
    );
    const again = await caller.post<{ acknowledgementId: string }>(
      `/v1/notices/${webhookId}/acknowledgements`,
      body,
      headers,
    );
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ deliveryId: webhookId, organisationId, status: 'DECLINED' });
    expect(again.body.acknowledgementId).toBe(first.body.acknowledgementId);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await acknowledgementsOf(webhookId)).toBe(1);

    const [command] = await expectEventually(() => {
      const found = topics.on(Topics.DeliveryCommand).filter((m) => m.key === webhookId);
      expect(found).toHaveLength(1);
      return found;
    });
    expect(JSON.parse(command!.value)).toMatchObject({
      type: DeliveryEventType.Acknowledged,
      data: { deliveryId: webhookId, organisationId, status: 'DECLINED' },
    });
  });
});
