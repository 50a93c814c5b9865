import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger, type OnModuleInit } from '@nestjs/common';
import type { Job } from 'bullmq';
import { Counter, Histogram, type Registry } from 'prom-client';
import { DataSource } from 'typeorm';

import { CLOCK, type Clock } from '@throughcare/clock';
import {
  JOBS_BY_QUEUE,
  JobName,
  QueueName,
  type JobPayloads,
  type QueueJobs,
} from '@throughcare/contracts';
import { METRICS_REGISTRY, runWithCorrelationId } from '@throughcare/observability';
import { checkWebhookUrl, decryptSecret } from '@throughcare/webhooks';

import { DisclosureDecisionEntity } from '../audit/disclosure-decision.entity';
import { NOTIFIER_CONFIG, type NotifierConfig } from '../config/notifier.config';
import { NoticeEntity } from '../notices/notice.entity';
import { WebhookSubscriptionEntity } from '../recipients/webhook-subscription.entity';
import { discloseReleaseNotice } from '../rendering/disclose-release-notice';
import { renderNoticeBody } from '../rendering/render-notice';
import { DeliveryAttemptEntity } from './delivery-attempt.entity';
import { DeliveryQueue } from './delivery-queue.service';
import { DeliveryEntity } from './delivery.entity';
import { retryDelay } from './retry-schedule';
import { sendWebhook, type WebhookResult } from './webhook-sender';

/** Delivers one attempt of one webhook; the next attempt is armed as a new delayed job. */
@Processor(QueueName.WebhookDelivery)
export class WebhookDeliveryProcessor extends WorkerHost implements OnModuleInit {
  private readonly logger = new Logger(WebhookDeliveryProcessor.name);
  private readonly outcomes: Counter<'outcome'>;
  private readonly latency: Histogram;

  constructor(
    private readonly dataSource: DataSource,
    private readonly deliveryQueue: DeliveryQueue,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(NOTIFIER_CONFIG) private readonly config: NotifierConfig,
    @Inject(METRICS_REGISTRY) registry: Registry,
  ) {
    super();
    this.outcomes = new Counter({
      name: 'throughcare_webhook_attempts_total',
      help: 'Webhook delivery attempts by outcome (DELIVERED, PENDING = will retry, FAILED, WITHHELD)',
      labelNames: ['outcome'],
      registers: [registry],
    });
    this.latency = new Histogram({
      name: 'throughcare_webhook_latency_seconds',
      help: 'Time from request to response (or timeout) per webhook attempt',
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    });
  }

  onModuleInit(): void {
    // Every job name of this queue has a handler here (checked at boot, as immich does).
    const handled: JobName[] = [JobName.DeliverWebhook];
    const missing = JOBS_BY_QUEUE[QueueName.WebhookDelivery].filter(
      (name) => !handled.includes(name),
    );
    if (missing.length > 0) throw new Error(`no handler for jobs ${missing.join(', ')}`);
    this.worker.concurrency = this.config.delivery.concurrency;
  }

  async process(job: Job<JobPayloads[JobName.DeliverWebhook]>): Promise<void> {
    const name = job.name as QueueJobs[QueueName.WebhookDelivery];
    switch (name) {
      case JobName.DeliverWebhook:
        return this.deliver(job.data.deliveryId);
      default: {
        const unknown: never = name;
        throw new Error(`unknown job ${String(unknown)}`);
      }
    }
  }

  private async deliver(id: string): Promise<void> {
    const delivery = await this.dataSource.getRepository(DeliveryEntity).findOneBy({ id });
    // Idempotency guard: a stale or duplicate timer finds the delivery already settled.
    if (!delivery || delivery.status !== 'PENDING' || !delivery.subscriptionId) return;
    const notice = await this.dataSource
      .getRepository(NoticeEntity)
      .findOneByOrFail({ id: delivery.noticeId });
    await runWithCorrelationId(notice.correlationId ?? delivery.id, () =>
      this.attempt(delivery, notice),
    );
  }

  private async attempt(delivery: DeliveryEntity, notice: NoticeEntity): Promise<void> {
    // Consent and disclosure are decided now, at send time, on every attempt.
    const disclosure = discloseReleaseNotice(delivery.recipientRole, notice.content);
    if (disclosure.decision === 'WITHHOLD') {
      await this.settle(delivery, 'WITHHELD', disclosure.rule, []);
      this.outcomes.inc({ outcome: 'WITHHELD' });
      this.logger.log(`delivery ${delivery.id} withheld (${disclosure.rule})`);
      return;
    }
    const subscription = await this.dataSource
      .getRepository(WebhookSubscriptionEntity)
      .findOneByOrFail({ id: delivery.subscriptionId as string });
    const body = renderNoticeBody(delivery.id, notice.content, disclosure);
    const result = await this.post(subscription, delivery.id, body);
    await this.recordAttempt(delivery, result, disclosure.rule, Object.keys(disclosure.fields));
  }

  private async post(
    subscription: WebhookSubscriptionEntity,
    webhookId: string,
    body: string,
  ): Promise<WebhookResult> {
    const verdict = checkWebhookUrl(subscription.url, {
      requireHttps: this.config.nodeEnv === 'production',
      allowedHosts: this.config.delivery.allowedHosts,
    });
    if (!verdict.ok)
      return {
        statusCode: null,
        latencyMs: 0,
        error: `refused before connecting: ${verdict.reason}`,
        permanent: true,
      };
    let secret: string;
    try {
      secret = decryptSecret(subscription.encryptedSecret, this.config.secretKey);
    } catch {
      return {
        statusCode: null,
        latencyMs: 0,
        error: 'signing secret does not open with HUB_SECRET_KEY',
        permanent: true,
      };
    }
    return sendWebhook(subscription.url, webhookId, [secret], body, this.config.delivery.timeoutMs);
  }

  private async recordAttempt(
    delivery: DeliveryEntity,
    result: WebhookResult,
    rule: string,
    fields: string[],
  ): Promise<void> {
    const attemptNumber = delivery.attempts + 1;
    const delivered = result.error === null;
    // A refused URL or an unopenable secret will not heal by waiting: fail now, visibly.
    const exhausted =
      result.permanent === true || attemptNumber > this.config.delivery.retrySchedule.length;
    const next =
      delivered || exhausted
        ? null
        : new Date(Date.now() + retryDelay(this.config.delivery.retrySchedule, attemptNumber));
    const status = delivered ? 'DELIVERED' : exhausted ? 'FAILED' : 'PENDING';
    const now = this.clock.now();
    await this.dataSource.transaction(async (manager) => {
      await manager.insert(DeliveryAttemptEntity, {
        deliveryId: delivery.id,
        attemptNumber,
        startedAt: now,
        statusCode: result.statusCode,
        latencyMs: result.latencyMs,
        error: result.error,
      });
      await manager.insert(
        DisclosureDecisionEntity,
        this.decision(delivery, 'SEND', rule, fields, now),
      );
      await manager.update(
        DeliveryEntity,
        { id: delivery.id },
        {
          status,
          attempts: attemptNumber,
          lastAttemptAt: now,
          nextAttemptAt: next,
          deliveredAt: delivered ? now : null,
        },
      );
    });
    this.outcomes.inc({ outcome: status });
    this.latency.observe(result.latencyMs / 1000);
    this.logger.log(
      `delivery ${delivery.id} attempt ${attemptNumber}: ${result.statusCode ?? result.error} -> ${status}`,
    );
    if (status === 'PENDING')
      await this.deliveryQueue.arm({
        id: delivery.id,
        attempts: attemptNumber,
        nextAttemptAt: next,
      });
  }

  private async settle(
    delivery: DeliveryEntity,
    status: 'WITHHELD',
    rule: string,
    fields: string[],
  ): Promise<void> {
    const now = this.clock.now();
    await this.dataSource.transaction(async (manager) => {
      await manager.insert(
        DisclosureDecisionEntity,
        this.decision(delivery, 'WITHHOLD', rule, fields, now),
      );
      await manager.update(DeliveryEntity, { id: delivery.id }, { status, nextAttemptAt: null });
    });
  }

  private decision(
    delivery: DeliveryEntity,
    decision: 'SEND' | 'WITHHOLD',
    rule: string,
    fields: string[],
    now: Date,
  ) {
    return {
      noticeId: delivery.noticeId,
      deliveryId: delivery.id,
      organisationId: delivery.organisationId,
      recipientRole: delivery.recipientRole,
      decision,
      rule,
      fields,
      decidedAt: now,
    };
  }
}
