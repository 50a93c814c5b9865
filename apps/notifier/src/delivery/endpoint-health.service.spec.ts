import { Registry } from 'prom-client';

import type { NotifierConfig } from '../config/notifier.config';
import type { EmailSender } from '../email/email-sender.service';
import { WebhookSubscriptionEntity } from '../recipients/webhook-subscription.entity';
import { EndpointHealth } from './endpoint-health.service';

const DAY_MS = 24 * 60 * 60 * 1000;
const FAILED = { statusCode: 500, latencyMs: 12, error: 'HTTP 500' };

/**
 * EndpointHealth over a database whose endpoint has been failing since `failingSince`; every
 * statement it runs and every e-mail it sends is kept for the assertions.
 */
function healthWith(failingSince: Date, status = 'ACTIVE') {
  const statements: string[] = [];
  const updated: Array<{ entity: unknown; set: unknown }> = [];
  const manager = {
    query: jest.fn(async (sql: string) => {
      statements.push(sql);
      return sql.includes('RETURNING failing_since')
        ? [[{ failing_since: failingSince, status, organisation_id: 'cjit-leeds' }], 1]
        : [];
    }),
    update: jest.fn(async (entity: unknown, _where: unknown, set: unknown) => {
      updated.push({ entity, set });
    }),
    findBy: jest.fn(async () => []),
    countBy: jest.fn(async () => 3),
  };
  const repository = {
    update: jest.fn(),
    findOneByOrFail: jest.fn(async () => ({
      id: 'sub-1',
      organisationId: 'cjit-leeds',
      url: 'https://x',
    })),
    findOneBy: jest.fn(async () => ({ spoc: { email: 'spoc@cjit.example' } })),
  };
  const dataSource = {
    transaction: (work: (m: typeof manager) => unknown) => work(manager),
    getRepository: () => repository,
  };
  const email = { send: jest.fn(async () => ({ error: null })) };
  const config = { delivery: { endpointDisableAfterMs: DAY_MS } } as NotifierConfig;
  const registry = new Registry();
  const health = new EndpointHealth(
    dataSource as never,
    email as never as EmailSender,
    config,
    registry,
  );
  return { health, statements, updated, repository, email, registry };
}

describe('EndpointHealth', () => {
  it('clears the failing streak on one success, and nothing else', async () => {
    const { health, repository, statements } = healthWith(new Date());
    await health.record('sub-1', { statusCode: 204, latencyMs: 9, error: null });
    expect(repository.update).toHaveBeenCalledWith({ id: 'sub-1' }, { failingSince: null });
    expect(statements).toEqual([]);
  });

  it('keeps an endpoint failing for less than ENDPOINT_DISABLE_AFTER on', async () => {
    const { health, updated, email } = healthWith(new Date(Date.now() - DAY_MS / 2));
    await health.record('sub-1', FAILED);
    expect(updated).toEqual([]);
    expect(email.send).not.toHaveBeenCalled();
  });

  it('disables one failing for longer, tells the API and e-mails the SPOC once', async () => {
    const { health, updated, statements, email, registry } = healthWith(
      new Date(Date.now() - 2 * DAY_MS),
    );
    await health.record('sub-1', FAILED);
    expect(updated).toEqual([
      { entity: WebhookSubscriptionEntity, set: expect.objectContaining({ status: 'DISABLED' }) },
    ]);
    expect(statements.some((sql) => sql.includes('outbox'))).toBe(true);
    expect(email.send).toHaveBeenCalledTimes(1);
    const disabled = await registry.getSingleMetric('throughcare_endpoints_disabled_total')?.get();
    expect(disabled?.values[0]?.value).toBe(1);
  });

  it('leaves an endpoint already disabled as it is', async () => {
    const { health, updated, email } = healthWith(new Date(Date.now() - 2 * DAY_MS), 'DISABLED');
    await health.record('sub-1', FAILED);
    expect(updated).toEqual([]);
    expect(email.send).not.toHaveBeenCalled();
  });
});
