import { InjectQueue } from '@nestjs/bullmq';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { Counter, Histogram, type Registry } from 'prom-client';
import { DataSource, type EntityManager } from 'typeorm';

import { CLOCK, type Clock } from '@throughcare/clock';
import { QueueName } from '@throughcare/contracts';
import { METRICS_REGISTRY, runWithCorrelationId } from '@throughcare/observability';
import { decryptSecret } from '@throughcare/webhooks';

import { NOTIFIER_CONFIG, type NotifierConfig } from '../config/notifier.config';
import { lockConsentForSend } from '../consent/consent-on-record';
import { NoticeDisclosure } from '../disclosure/notice-disclosure.service';
import { EmailSender } from '../email/email-sender.service';
import { noticeEmail } from '../email/notice-email';
import { NoticeEntity } from '../notices/notice.entity';
import { RecipientOrganisationEntity } from '../recipients/recipient-organisation.entity';
import { WebhookSubscriptionEntity } from '../recipients/webhook-subscription.entity';
import { renderNoticeBody } from '../rendering/render-notice';
import { DeliveryAttemptEntity } from './delivery-attempt.entity';
import { changeDelivery, openDeliveries } from './delivery-ledger';
import { DeliveryQueue } from './delivery-queue.service';
import { deliveryId } from './delivery-id';
import { DeliveryEntity } from './delivery.entity';
import { EndpointHealth } from './endpoint-health.service';
import { EndpointLeases, type EndpointLease } from './endpoint-leases';
import { retryDelay } from './retry-schedule';
import { sendWebhookTo, type WebhookResult } from './webhook-sender';

/** Runs `action` the first time only; later calls answer the first call's promise. */
function once(action: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | undefined;
  return () => (done ??= action());
}

/** SETTLED: nothing more to do now. BUSY: the endpoint has no free slot; try again shortly. */
export type AttemptOutcome = 'SETTLED' | 'BUSY';

/**
 * One attempt of one delivery, by webhook or e-mail: disclosure decided now under the person's
 * consent lock and audited before anything leaves, the attempt recorded, the next one armed.
 */
@Injectable()
export class DeliveryAttempts implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(DeliveryAttempts.name);
  private readonly outcomes: Counter<'outcome' | 'channel'>;
  private readonly latency: Histogram<'channel'>;
  private readonly leases: EndpointLeases;

  constructor(
    private readonly dataSource: DataSource,
    private readonly deliveryQueue: DeliveryQueue,
    private readonly disclosure: NoticeDisclosure,
    private readonly email: EmailSender,
    private readonly health: EndpointHealth,
    @InjectQueue(QueueName.WebhookDelivery) queue: Queue,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(NOTIFIER_CONFIG) private readonly config: NotifierConfig,
    @Inject(METRICS_REGISTRY) registry: Registry,
  ) {
    this.outcomes = new Counter({
      name: 'throughcare_delivery_attempts_total',
      help: 'Delivery attempts by outcome (DELIVERED, PENDING = will retry, FAILED, WITHHELD) and channel',
      labelNames: ['outcome', 'channel'],
      registers: [registry],
    });
    this.latency = new Histogram({
      name: 'throughcare_delivery_latency_seconds',
      help: 'Time from request to response (or timeout) per delivery attempt',
      labelNames: ['channel'],
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    });
    this.leases = new EndpointLeases(
      () => queue.client as unknown as Promise<Redis>,
      config.bullPrefix,
      {
        limit: config.delivery.endpointConcurrency,
        ttlMs: config.delivery.endpointLeaseTtlMs,
        heartbeatMs: Math.max(100, Math.floor(config.delivery.endpointLeaseTtlMs / 3)),
      },
    );
  }

  onModuleInit(): void {
    this.leases.start();
  }

  onApplicationShutdown(): void {
    this.leases.stop();
  }

  async deliverOnce(id: string): Promise<AttemptOutcome> {
    const delivery = await this.dataSource.getRepository(DeliveryEntity).findOneBy({ id });
    // Idempotency guard: a stale or duplicate timer finds the delivery already settled.
    if (!delivery || delivery.status !== 'PENDING') return 'SETTLED';
    const [notice, subscription] = await Promise.all([
      this.dataSource.getRepository(NoticeEntity).findOneByOrFail({ id: delivery.noticeId }),
      delivery.subscriptionId
        ? this.dataSource
            .getRepository(WebhookSubscriptionEntity)
            .findOneByOrFail({ id: delivery.subscriptionId })
        : null,
    ]);
    if (delivery.channel === 'EMAIL' || !subscription) {
      await runWithCorrelationId(notice.correlationId ?? id, () =>
        this.attempt(delivery, notice, null),
      );
      return 'SETTLED';
    }
    if (subscription.status === 'DISABLED') {
      await this.dataSource.transaction((manager) =>
        changeDelivery(manager, id, { status: 'PAUSED', nextAttemptAt: null }, ['PENDING']),
      );
      return 'SETTLED';
    }
    const lease = await this.leases.acquire(subscription.id);
    if (!lease) return 'BUSY';
    // The slot is held for the request only: recording the attempt needs no endpoint slot.
    const releaseSlot = once(() => this.releaseLease(lease));
    try {
      await runWithCorrelationId(notice.correlationId ?? id, () =>
        this.attempt(delivery, notice, subscription, releaseSlot),
      );
    } finally {
      await releaseSlot();
    }
    return 'SETTLED';
  }

  private async releaseLease(lease: EndpointLease): Promise<void> {
    // A lease that cannot be given back lapses on its own within the lease TTL.
    await this.leases
      .release(lease)
      .catch((error: Error) => this.logger.warn(`endpoint lease not released: ${error.message}`));
  }

  private async attempt(
    delivery: DeliveryEntity,
    notice: NoticeEntity,
    subscription: WebhookSubscriptionEntity | null,
    afterSend: () => Promise<void> = async () => undefined,
  ): Promise<void> {
    // Decided now, at send time, on every attempt and replay, and audited before anything
    // leaves: a withdrawal racing this send finds the decision and tells the recipient.
    const decided = await this.dataSource.transaction(async (manager) => {
      await lockConsentForSend(manager, notice.prisonNumber);
      const current = await manager.findOneBy(DeliveryEntity, { id: delivery.id });
      if (current?.status !== 'PENDING') return null;
      const result = await this.disclosure.decideAndRecord(manager, delivery, notice);
      if (result.decision.outcome === 'WITHHOLD')
        await changeDelivery(
          manager,
          delivery.id,
          { status: 'WITHHELD', nextAttemptAt: null, replaying: false },
          ['PENDING'],
        );
      return result;
    });
    if (!decided) return;
    const { decision, type } = decided;
    if (decision.outcome === 'WITHHOLD') {
      this.outcomes.inc({ outcome: 'WITHHELD', channel: delivery.channel });
      this.logger.log(`delivery ${delivery.id} withheld (${decision.rule})`);
      return;
    }
    const body = renderNoticeBody(delivery.id, type, notice.content, decision);
    const result = subscription
      ? await this.postWebhook(subscription, delivery.id, body)
      : await this.sendEmail(delivery, body);
    await afterSend();
    await this.recordAttempt(delivery, result);
    // A success on an endpoint that was not failing changes nothing: no write.
    if (subscription && (result.error !== null || subscription.failingSince !== null))
      await this.health.record(subscription.id, result);
  }

  private async postWebhook(
    subscription: WebhookSubscriptionEntity,
    webhookId: string,
    body: string,
  ): Promise<WebhookResult> {
    let secrets: string[];
    try {
      secrets = this.signingSecrets(subscription);
    } catch {
      return {
        statusCode: null,
        latencyMs: 0,
        error: 'signing secret does not open with HUB_SECRET_KEY',
        permanent: true,
      };
    }
    // The host is resolved and vetted on every attempt (an answer can change after
    // registration), and the connection goes only to the vetted addresses.
    return sendWebhookTo({
      url: subscription.url,
      webhookId,
      secrets,
      body,
      timeoutMs: this.config.delivery.timeoutMs,
      policy: {
        requireHttps: this.config.nodeEnv === 'production',
        allowedHosts: this.config.delivery.allowedHosts,
      },
      lookup: this.config.delivery.hostLookup,
    });
  }

  /** The current secret, and the previous one while its rotation overlap lasts: both sign. */
  private signingSecrets(subscription: WebhookSubscriptionEntity): string[] {
    const secrets = [decryptSecret(subscription.encryptedSecret, this.config.secretKey)];
    const until = subscription.previousSecretValidUntil;
    if (subscription.previousEncryptedSecret && until && until.getTime() > Date.now())
      secrets.push(decryptSecret(subscription.previousEncryptedSecret, this.config.secretKey));
    return secrets;
  }

  private async sendEmail(delivery: DeliveryEntity, body: string): Promise<WebhookResult> {
    const organisation = await this.dataSource
      .getRepository(RecipientOrganisationEntity)
      .findOneBy({ organisationId: delivery.organisationId });
    if (!organisation)
      return { statusCode: null, latencyMs: 0, error: 'organisation not in the directory' };
    return this.email.send(noticeEmail(organisation.spoc.email, delivery.id, body));
  }

  private async recordAttempt(delivery: DeliveryEntity, result: WebhookResult): Promise<void> {
    const attemptNumber = delivery.attempts + 1;
    const delivered = result.error === null;
    // A refused URL or an unopenable secret will not heal by waiting; a replay is one attempt.
    const exhausted =
      result.permanent === true ||
      delivery.replaying ||
      attemptNumber > this.config.delivery.retrySchedule.length;
    const next =
      delivered || exhausted
        ? null
        : new Date(Date.now() + retryDelay(this.config.delivery.retrySchedule, attemptNumber));
    const status = delivered ? 'DELIVERED' : exhausted ? 'FAILED' : 'PENDING';
    const now = this.clock.now();
    const fallback = await this.dataSource.transaction(async (manager) => {
      await manager.insert(DeliveryAttemptEntity, {
        deliveryId: delivery.id,
        attemptNumber,
        startedAt: now,
        statusCode: result.statusCode,
        latencyMs: result.latencyMs,
        error: result.error,
      });
      // Only a delivery still pending moves on: a consent withdrawal or a disabled endpoint may
      // have settled it meanwhile.
      const changed = await changeDelivery(
        manager,
        delivery.id,
        {
          status,
          attempts: attemptNumber,
          lastAttemptAt: now,
          nextAttemptAt: next,
          deliveredAt: delivered ? now : delivery.deliveredAt,
          replaying: false,
        },
        ['PENDING'],
      );
      const opened =
        changed && status === 'FAILED' && delivery.channel === 'WEBHOOK'
          ? await this.openEmailFallback(manager, delivery)
          : null;
      return { changed, opened };
    });
    this.outcomes.inc({ outcome: status, channel: delivery.channel });
    this.latency.observe({ channel: delivery.channel }, result.latencyMs / 1000);
    this.logger.log(
      `delivery ${delivery.id} attempt ${attemptNumber}: ${result.statusCode ?? result.error} -> ${fallback.changed ? status : 'already settled'}`,
    );
    if (fallback.changed && status === 'PENDING')
      await this.deliveryQueue.arm({
        id: delivery.id,
        attempts: attemptNumber,
        nextAttemptAt: next,
      });
    if (fallback.opened) await this.deliveryQueue.arm(fallback.opened);
  }

  /** A webhook that failed for good falls back to e-mail to the organisation's SPOC. */
  private async openEmailFallback(
    manager: EntityManager,
    failed: DeliveryEntity,
  ): Promise<DeliveryEntity | null> {
    const id = deliveryId(failed.noticeId, failed.organisationId, null);
    if (await manager.findOneBy(DeliveryEntity, { id })) return null;
    const row = {
      id,
      noticeId: failed.noticeId,
      organisationId: failed.organisationId,
      subscriptionId: null,
      recipientRole: failed.recipientRole,
      channel: 'EMAIL' as const,
      status: 'PENDING' as const,
      attempts: 0,
      createdAt: this.clock.now(),
      nextAttemptAt: new Date(),
      lastAttemptAt: null,
      deliveredAt: null,
    };
    await openDeliveries(manager, [row]);
    this.logger.warn(`delivery ${failed.id} failed for good: falling back to e-mail ${id}`);
    return { ...row, replays: 0, replaying: false, revision: 1 };
  }
}
