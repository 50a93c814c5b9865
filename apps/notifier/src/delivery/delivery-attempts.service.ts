import { InjectQueue } from '@nestjs/bullmq';
import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { Counter, Histogram, type Registry } from 'prom-client';
import { DataSource, In, type EntityManager } from 'typeorm';

import { CLOCK, type Clock } from '@throughcare/clock';
import { QueueName, type NoticeDueV1 } from '@throughcare/contracts';
import { METRICS_REGISTRY, runWithCorrelationId } from '@throughcare/observability';
import { decryptSecret } from '@throughcare/webhooks';

import { NOTIFIER_CONFIG, type NotifierConfig } from '../config/notifier.config';
import { lockConsentForSend } from '../consent/consent-on-record';
import { NoticeDisclosure, type DecidedDelivery } from '../disclosure/notice-disclosure.service';
import { EmailSender } from '../email/email-sender.service';
import { noticeEmail } from '../email/notice-email';
import { NoticeEntity } from '../notices/notice.entity';
import { emailAddressOf } from '../recipients/recipient-address';
import { RecipientOrganisationEntity } from '../recipients/recipient-organisation.entity';
import { WebhookSubscriptionEntity } from '../recipients/webhook-subscription.entity';
import { renderNoticeBody } from '../rendering/render-notice';
import { DeliveryAttemptEntity } from './delivery-attempt.entity';
import {
  changeDeliveries,
  claimAttempts,
  openDeliveries,
  releaseClaims,
  type NewDelivery,
} from './delivery-ledger';
import { DeliveryQueue } from './delivery-queue.service';
import { deliveryId } from './delivery-id';
import { DeliveryEntity } from './delivery.entity';
import { EndpointHealth } from './endpoint-health.service';
import { EndpointLeases, type EndpointLease } from './endpoint-leases';
import { retryDelay } from './retry-schedule';
import { closeWebhookConnections, sendWebhookTo, type WebhookResult } from './webhook-sender';

/** Runs `action` the first time only; later calls answer the first call's promise. */
function once(action: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | undefined;
  return () => (done ??= action());
}

/** SETTLED: nothing more to do now. BUSY: the endpoint has no free slot; try again shortly. */
export type AttemptOutcome = 'SETTLED' | 'BUSY';

/**
 * An attempt in progress holds its delivery for this long past the request timeout (the row's
 * next_attempt_at, set when it is claimed): no other worker or instance attempts it meanwhile,
 * and if this process dies the reconciler re-arms it once the claim has lapsed.
 */
const CLAIM_MARGIN_MS = 15_000;
/** A job may fire this early against next_attempt_at (clocks of different instances). */
const DUE_TOLERANCE_MS = 5_000;

/**
 * How long a first attempt waits in process for a free slot on its endpoint before it goes to the
 * queue: a healthy endpoint frees one within milliseconds; a slow one must not hold the sender
 * (and the Kafka partition behind it) for longer than a moment.
 */
const SLOT_WAIT_MS = 200;

/** Gives back an endpoint slot (idempotent). */
type SlotRelease = () => Promise<void>;

/**
 * One delivery on its way: its endpoint (none for e-mail) and how it gets a slot on it for the
 * request (null: none came free in time, the delivery goes back to the queue).
 */
interface Sending {
  delivery: DeliveryEntity;
  subscription: WebhookSubscriptionEntity | null;
  takeSlot: () => Promise<SlotRelease | null>;
}

/** A claimed delivery and what disclosure decided for it. */
interface Decided {
  sending: Sending;
  decided: DecidedDelivery;
}

/**
 * A notice's first attempts, decided inside the transaction that opened its deliveries (one
 * transaction less per notice, issue 13) and sent once it has committed; `queued` go to the queue.
 */
export interface PreparedFirstAttempts {
  notice: NoticeEntity;
  decided: Decided[];
  queued: NewDelivery[];
}

interface Sent {
  delivery: DeliveryEntity;
  subscription: WebhookSubscriptionEntity | null;
  result: WebhookResult;
}

/**
 * One attempt of one delivery, by webhook or e-mail: disclosure decided now under the person's
 * consent lock and audited before anything leaves, the attempt recorded, the next one armed.
 */
@Injectable()
export class DeliveryAttempts
  implements OnModuleInit, BeforeApplicationShutdown, OnApplicationShutdown
{
  private readonly logger = new Logger(DeliveryAttempts.name);
  private readonly outcomes: Counter<'outcome' | 'channel'>;
  private readonly latency: Histogram<'channel'>;
  private readonly leases: EndpointLeases;
  /** First attempts running in the background, at most DELIVERY_CONCURRENCY notices at a time. */
  private readonly firstAttempts = new Set<Promise<void>>();
  private stopping = false;

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

  /** First attempts in flight finish and are recorded before the database and Redis close. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await Promise.allSettled([...this.firstAttempts]);
  }

  onApplicationShutdown(): void {
    this.leases.stop();
    closeWebhookConnections();
  }

  /**
   * Waits while DELIVERY_CONCURRENCY notices are being sent: the Kafka consumer calls it before it
   * opens a notice's deliveries, so its partition is held back instead of work piling up.
   */
  async roomForFirstAttempts(): Promise<void> {
    while (this.firstAttempts.size >= this.config.delivery.concurrency)
      await Promise.race(this.firstAttempts);
  }

  /**
   * In the transaction that opened a notice's deliveries: claims and decides its webhook
   * deliveries that can go now (same rules as an attempt: consent lock, audit, withheld settled).
   * E-mail and paused or disabled endpoints are left for the queue.
   */
  async prepareFirstAttempts(
    manager: EntityManager,
    notice: NoticeEntity,
    opened: NewDelivery[],
  ): Promise<PreparedFirstAttempts> {
    const pending = opened.filter((d) => d.status === 'PENDING');
    const webhooks = pending.filter((d) => d.channel === 'WEBHOOK' && d.subscriptionId);
    const queued = pending.filter((d) => !webhooks.includes(d));
    if (webhooks.length === 0 || this.stopping) return { notice, decided: [], queued: pending };
    const subscriptions = await manager.findBy(WebhookSubscriptionEntity, {
      id: In(webhooks.map((d) => d.subscriptionId as string)),
    });
    const sendings: Sending[] = [];
    for (const delivery of webhooks) {
      const subscription = subscriptions.find((s) => s.id === delivery.subscriptionId);
      if (!subscription || subscription.status === 'DISABLED') queued.push(delivery);
      else sendings.push(this.sendingOf(delivery, subscription));
    }
    const decided = sendings.length > 0 ? await this.decide(manager, notice, sendings) : [];
    return { notice, decided, queued };
  }

  /** After the commit: sends the prepared first attempts in the background, arms the rest. */
  async sendPreparedFirstAttempts(prepared: PreparedFirstAttempts): Promise<void> {
    const { notice, decided, queued } = prepared;
    if (this.stopping && decided.length > 0) {
      // Decided and claimed, not sent: handed to the worker at once (it decides again).
      const deliveries = decided.map(({ sending }) => sending.delivery);
      await this.dataSource.transaction((manager) =>
        releaseClaims(manager, deliveries, new Date()),
      );
      queued.push(...deliveries);
    } else if (decided.length > 0) {
      this.inBackground(
        runWithCorrelationId(notice.correlationId ?? notice.id, () =>
          this.sendDecided(notice, decided),
        ).then((handedOver) => Promise.all(handedOver.map((d) => this.deliveryQueue.arm(d)))),
      );
    }
    await Promise.all(queued.map((delivery) => this.deliveryQueue.arm(delivery)));
  }

  private inBackground(work: Promise<unknown>): void {
    const run: Promise<void> = work
      .then(() => undefined)
      .catch((error: Error) => this.logger.warn(`first attempts: ${error.message}`))
      .finally(() => this.firstAttempts.delete(run));
    this.firstAttempts.add(run);
  }

  private sendingOf(delivery: NewDelivery, subscription: WebhookSubscriptionEntity): Sending {
    return {
      delivery: { ...delivery, replays: 0, replaying: false, revision: 1 },
      subscription,
      takeSlot: () => this.waitForSlot(subscription.id),
    };
  }

  /**
   * One attempt of one delivery (a queued job): `attemptNumber` is the attempt the job was armed
   * for; a job for an attempt already made (a stale timer, a re-arm) finds nothing to do.
   */
  async deliverOnce(id: string, attemptNumber?: number): Promise<AttemptOutcome> {
    const delivery = await this.dataSource.getRepository(DeliveryEntity).findOneBy({ id });
    // Idempotency guard: a stale or duplicate timer finds the delivery already settled.
    if (!delivery || delivery.status !== 'PENDING') return 'SETTLED';
    if (attemptNumber !== undefined && attemptNumber !== delivery.attempts + 1) return 'SETTLED';
    const notice = () =>
      this.dataSource.getRepository(NoticeEntity).findOneByOrFail({ id: delivery.noticeId });
    if (delivery.channel === 'EMAIL' || !delivery.subscriptionId) {
      const email = await notice();
      await runWithCorrelationId(email.correlationId ?? id, () =>
        this.attempt(email, [
          { delivery, subscription: null, takeSlot: async () => async () => undefined },
        ]),
      );
      return 'SETTLED';
    }
    // The slot first: a busy endpoint costs one Redis call, not the reads of an attempt.
    const lease = await this.leases.acquire(delivery.subscriptionId);
    if (!lease) return 'BUSY';
    // Recording the attempt needs no endpoint slot: it is given back once the request is over.
    const release = once(() => this.releaseLease(lease));
    try {
      const [webhook, subscription] = await Promise.all([
        notice(),
        this.dataSource
          .getRepository(WebhookSubscriptionEntity)
          .findOneByOrFail({ id: delivery.subscriptionId }),
      ]);
      if (subscription.status === 'DISABLED') {
        await this.dataSource.transaction((manager) =>
          changeDeliveries(manager, [
            { id, patch: { status: 'PAUSED', nextAttemptAt: null }, whenStatus: ['PENDING'] },
          ]),
        );
        return 'SETTLED';
      }
      await runWithCorrelationId(webhook.correlationId ?? id, () =>
        this.attempt(webhook, [{ delivery, subscription, takeSlot: async () => release }]),
      );
    } finally {
      await release();
    }
    return 'SETTLED';
  }

  /**
   * A slot on the endpoint for one request, waiting in process while the endpoint's requests in
   * flight are at their limit (they last milliseconds on a healthy endpoint); null after
   * SLOT_WAIT_MS (a slow endpoint: the delivery goes back to the queue, not to a worker's wait).
   */
  private async waitForSlot(endpointId: string): Promise<SlotRelease | null> {
    const lease = await this.leases.acquireWithin(endpointId, SLOT_WAIT_MS);
    return lease ? once(() => this.releaseLease(lease)) : null;
  }

  private async releaseLease(lease: EndpointLease): Promise<void> {
    // A lease that cannot be given back lapses on its own within the lease TTL.
    await this.leases
      .release(lease)
      .catch((error: Error) => this.logger.warn(`endpoint lease not released: ${error.message}`));
  }

  /**
   * Attempts deliveries of one notice: decided now, at send time, on every attempt and replay,
   * and audited before anything leaves, so a withdrawal racing this send finds the decision and
   * tells the recipient. Each delivery is claimed first: one attempt at a time, whoever asks.
   */
  private async attempt(notice: NoticeEntity, sendings: Sending[]): Promise<DeliveryEntity[]> {
    const decided = await this.dataSource.transaction((manager) =>
      this.decide(manager, notice, sendings),
    );
    return this.sendDecided(notice, decided);
  }

  /**
   * Claims the deliveries and decides each under the person's consent lock, audited, in the
   * caller's transaction; a withheld one is settled here. Nothing leaves before the commit.
   */
  private async decide(
    manager: EntityManager,
    notice: NoticeEntity,
    sendings: Sending[],
  ): Promise<Decided[]> {
    await lockConsentForSend(manager, notice.prisonNumber);
    const claimed = await this.claim(manager, sendings);
    const mine = sendings.filter((s) => claimed.has(s.delivery.id));
    if (mine.length === 0) return [];
    const decisions = await this.disclosure.decideAndRecordEach(
      manager,
      mine.map((s) => s.delivery),
      notice,
    );
    const withheld = mine.filter((_, i) => decisions[i]?.decision.outcome === 'WITHHOLD');
    await changeDeliveries(
      manager,
      withheld.map((s) => ({
        id: s.delivery.id,
        patch: { status: 'WITHHELD', nextAttemptAt: null, replaying: false },
        whenStatus: ['PENDING'],
      })),
    );
    return mine.map((sending, i) => ({ sending, decided: decisions[i] as DecidedDelivery }));
  }

  /** Sends what was decided (after its commit), records the attempts; returns what had no slot. */
  private async sendDecided(notice: NoticeEntity, decided: Decided[]): Promise<DeliveryEntity[]> {
    const outcomes = await Promise.all(
      decided.map(({ sending, decided }) => this.send(notice, sending, decided)),
    );
    await this.recordAttempts(outcomes.filter((o): o is Sent => o !== null && o !== 'NO_SLOT'));
    const handedOver = decided
      .filter((_, i) => outcomes[i] === 'NO_SLOT')
      .map(({ sending }) => sending.delivery);
    // Decided but not sent: free for the worker at once (it decides again when it sends).
    if (handedOver.length > 0)
      await this.dataSource.transaction((manager) =>
        releaseClaims(manager, handedOver, new Date()),
      );
    return handedOver;
  }

  /** Claims the deliveries for this attempt (delivery-ledger `claimAttempts`). */
  private claim(manager: EntityManager, sendings: Sending[]): Promise<Set<string>> {
    const now = Date.now();
    return claimAttempts(
      manager,
      sendings.map((s) => s.delivery),
      new Date(now + DUE_TOLERANCE_MS),
      new Date(now + this.config.delivery.timeoutMs + CLAIM_MARGIN_MS),
    );
  }

  /** Renders, signs and sends one decided delivery (nothing for a withheld one). */
  private async send(
    notice: NoticeEntity,
    { delivery, subscription, takeSlot }: Sending,
    { decision, type }: DecidedDelivery,
  ): Promise<Sent | 'NO_SLOT' | null> {
    if (decision.outcome === 'WITHHOLD') {
      this.outcomes.inc({ outcome: 'WITHHELD', channel: delivery.channel });
      this.logger.log(`delivery ${delivery.id} withheld (${decision.rule})`);
      return null;
    }
    const body = renderNoticeBody(delivery.id, type, notice.content, decision);
    // The slot is held for the request only (issue 13: hub work around the request held it).
    const release = await takeSlot();
    if (!release) return 'NO_SLOT';
    try {
      const result = subscription
        ? await this.postWebhook(subscription, delivery.id, body)
        : await this.sendEmail(delivery, notice.content, body);
      return { delivery, subscription, result };
    } finally {
      await release();
    }
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

  private async sendEmail(
    delivery: DeliveryEntity,
    notice: NoticeDueV1,
    body: string,
  ): Promise<WebhookResult> {
    const organisation = await this.dataSource
      .getRepository(RecipientOrganisationEntity)
      .findOneBy({ organisationId: delivery.organisationId });
    if (!organisation)
      return { statusCode: null, latencyMs: 0, error: 'organisation not in the directory' };
    // The named OM gets it in person (REL-08); anyone else at its SPOC.
    const to = emailAddressOf(delivery, notice, organisation);
    return this.email.send(noticeEmail(to, delivery.id, body));
  }

  /** Records the attempts made, together: the rows, the ledger, then the next timers. */
  private async recordAttempts(sent: Sent[]): Promise<void> {
    if (sent.length === 0) return;
    const now = this.clock.now();
    const plans = sent.map((entry) => ({
      ...entry,
      ...this.nextStep(entry.delivery, entry.result),
    }));
    const { changed, opened } = await this.dataSource.transaction(async (manager) => {
      await manager.insert(
        DeliveryAttemptEntity,
        plans.map(({ delivery, result, attemptNumber }) => ({
          deliveryId: delivery.id,
          attemptNumber,
          startedAt: now,
          statusCode: result.statusCode,
          latencyMs: result.latencyMs,
          error: result.error,
        })),
      );
      // Only a delivery still pending moves on: a consent withdrawal or a disabled endpoint may
      // have settled it meanwhile.
      const changed = await changeDeliveries(
        manager,
        plans.map(({ delivery, status, attemptNumber, next }) => ({
          id: delivery.id,
          patch: {
            status,
            attempts: attemptNumber,
            lastAttemptAt: now,
            nextAttemptAt: next,
            deliveredAt: status === 'DELIVERED' ? now : delivery.deliveredAt,
            replaying: false,
          },
          whenStatus: ['PENDING'],
        })),
      );
      const opened: DeliveryEntity[] = [];
      for (const { delivery, status } of plans)
        if (changed.has(delivery.id) && status === 'FAILED' && delivery.channel === 'WEBHOOK') {
          const fallback = await this.openEmailFallback(manager, delivery);
          if (fallback) opened.push(fallback);
        }
      return { changed, opened };
    });
    for (const { delivery, subscription, result, status, attemptNumber, next } of plans) {
      this.outcomes.inc({ outcome: status, channel: delivery.channel });
      this.latency.observe({ channel: delivery.channel }, result.latencyMs / 1000);
      this.logger.log(
        `delivery ${delivery.id} attempt ${attemptNumber}: ${result.statusCode ?? result.error} -> ${changed.has(delivery.id) ? status : 'already settled'}`,
      );
      if (changed.has(delivery.id) && status === 'PENDING')
        await this.deliveryQueue.arm({
          id: delivery.id,
          attempts: attemptNumber,
          nextAttemptAt: next,
        });
      // A success on an endpoint that was not failing changes nothing: no write.
      if (subscription && (result.error !== null || subscription.failingSince !== null))
        await this.health.record(subscription.id, result);
    }
    for (const fallback of opened) await this.deliveryQueue.arm(fallback);
  }

  /** What an attempt's result makes of its delivery: settled, or pending until the next try. */
  private nextStep(
    delivery: DeliveryEntity,
    result: WebhookResult,
  ): { attemptNumber: number; status: DeliveryEntity['status']; next: Date | null } {
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
    return {
      attemptNumber,
      status: delivered ? 'DELIVERED' : exhausted ? 'FAILED' : 'PENDING',
      next,
    };
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
