import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

import {
  DirectoryEventType,
  DomainError,
  DomainErrorCode,
  Topics,
  buildCloudEvent,
  type SubscriptionEnabledV1,
  type SubscriptionSecretRotatedV1,
} from '@throughcare/contracts';
import { Outbox } from '@throughcare/messaging';
import { correlationIdOrNew } from '@throughcare/observability';
import { encryptSecret, generateWebhookSecret } from '@throughcare/webhooks';

import type { Caller } from '../auth/caller';
import { API_CONFIG, type ApiConfig } from '../config/api.config';
import { IdempotentWrites, type WriteOutcome } from '../idempotency/idempotent-writes.service';
import { unsealSecretAnswer, type SealedSecretAnswer } from './sealed-secret-answer';
import { SubscriptionEntity } from './subscription.entity';
import type { WriteRoute } from '../idempotency/write-route';

/** A subscription as its owner sees it: never the secret, sealed or not. */
export interface SubscriptionView {
  id: string;
  organisationId: string;
  url: string;
  types: string[];
  status: 'ACTIVE' | 'DISABLED';
  createdAt: string;
  failingSince: string | null;
  disabledAt: string | null;
  enabledAt: string | null;
  secretRotatedAt: string | null;
  previousSecretValidUntil: string | null;
}

export interface SecretRotated {
  id: string;
  /** Shown once; the hub keeps it only encrypted. */
  secret: string;
  /** Until then every notice is signed with both the new and the previous secret. */
  previousSecretValidUntil: string;
}

/**
 * What a subscriber does with its own webhook after registering it: list, rotate the signing
 * secret (both secrets sign during the overlap, as Svix and Standard Webhooks do), and switch it
 * back on after the notifier disabled it. Another organisation's subscription is "not found".
 */
@Injectable()
export class SubscriptionLifecycleHandler {
  constructor(
    private readonly outbox: Outbox,
    private readonly dataSource: DataSource,
    private readonly idempotentWrites: IdempotentWrites,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  /** One organisation's subscriptions, or everyone's (admin, no organisation given). */
  async list(organisationId: string | undefined): Promise<SubscriptionView[]> {
    const rows = await this.dataSource.getRepository(SubscriptionEntity).find({
      where: organisationId ? { organisationId } : {},
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    return rows.map(toSubscriptionView);
  }

  /**
   * A retry under the same Idempotency-Key answers the same secret, kept sealed in the stored
   * answer as the subscription keeps it, and rotates nothing.
   */
  async rotateSecret(
    caller: Caller,
    subscriptionId: string,
    route: WriteRoute,
  ): Promise<WriteOutcome<SecretRotated>> {
    const request = { ...route, caller, body: {} };
    const outcome = await this.idempotentWrites.once(request, (manager) =>
      this.rotate(manager, caller, subscriptionId),
    );
    return unsealSecretAnswer(outcome, this.config.secretKey);
  }

  private async rotate(
    manager: EntityManager,
    caller: Caller,
    subscriptionId: string,
  ): Promise<SealedSecretAnswer<SecretRotated>> {
    // Real time, like the webhook timestamps: the overlap is about the subscriber's deployment.
    const now = new Date();
    const previousSecretValidUntil = new Date(now.getTime() + this.config.webhookSecretOverlapMs);
    const subscription = await this.ownedForUpdate(manager, caller, subscriptionId);
    const encryptedSecret = encryptSecret(generateWebhookSecret(), this.config.secretKey);
    await manager.update(
      SubscriptionEntity,
      { id: subscription.id },
      { encryptedSecret, secretRotatedAt: now, previousSecretValidUntil },
    );
    const data: SubscriptionSecretRotatedV1 = {
      subscriptionId: subscription.id,
      organisationId: subscription.organisationId,
      encryptedSecret,
      previousSecretValidUntil: previousSecretValidUntil.toISOString(),
    };
    await this.publish(
      manager,
      subscription,
      DirectoryEventType.SubscriptionSecretRotated,
      data,
      now,
    );
    return {
      id: subscriptionId,
      encryptedSecret,
      previousSecretValidUntil: previousSecretValidUntil.toISOString(),
    };
  }

  /** Accepted: the notifier switches the endpoint on and sends what waited, in order. */
  enable(
    caller: Caller,
    subscriptionId: string,
    route: WriteRoute,
  ): Promise<WriteOutcome<SubscriptionView>> {
    const request = { ...route, caller, body: {} };
    return this.idempotentWrites.once(request, (manager) =>
      this.switchOn(manager, caller, subscriptionId),
    );
  }

  private async switchOn(
    manager: EntityManager,
    caller: Caller,
    subscriptionId: string,
  ): Promise<SubscriptionView> {
    // Real time, as the notifier keeps endpoint health: compared with its disabledAt.
    const now = new Date();
    const subscription = await this.ownedForUpdate(manager, caller, subscriptionId);
    await manager.update(
      SubscriptionEntity,
      { id: subscription.id },
      { status: 'ACTIVE', enabledAt: now, failingSince: null },
    );
    const data: SubscriptionEnabledV1 = {
      subscriptionId: subscription.id,
      organisationId: subscription.organisationId,
      enabledAt: now.toISOString(),
    };
    await this.publish(manager, subscription, DirectoryEventType.SubscriptionEnabled, data, now);
    return toSubscriptionView({
      ...subscription,
      status: 'ACTIVE',
      enabledAt: now,
      failingSince: null,
    });
  }

  private async ownedForUpdate(
    manager: EntityManager,
    caller: Caller,
    subscriptionId: string,
  ): Promise<SubscriptionEntity> {
    const subscription = await manager.findOne(SubscriptionEntity, {
      where: { id: subscriptionId },
      lock: { mode: 'pessimistic_write' },
    });
    const mayManage =
      subscription !== null &&
      (caller.role === 'admin' || caller.organisationId === subscription.organisationId);
    if (!mayManage)
      throw new DomainError(DomainErrorCode.NotFound, `no subscription ${subscriptionId}`);
    return subscription;
  }

  private async publish(
    manager: EntityManager,
    subscription: SubscriptionEntity,
    type: DirectoryEventType,
    data: SubscriptionSecretRotatedV1 | SubscriptionEnabledV1,
    time: Date,
  ): Promise<void> {
    const event = buildCloudEvent({
      id: `${type}:${subscription.id}:${time.toISOString()}`,
      type,
      time,
      data,
      correlationId: correlationIdOrNew(),
    });
    await this.outbox.write(manager, [
      { topic: Topics.Directory, key: subscription.organisationId, event },
    ]);
  }
}

export function toSubscriptionView(row: SubscriptionEntity): SubscriptionView {
  const iso = (value: Date | null) => value?.toISOString() ?? null;
  return {
    id: row.id,
    organisationId: row.organisationId,
    url: row.url,
    types: row.types,
    status: row.status,
    createdAt: row.createdAt.toISOString(),
    failingSince: iso(row.failingSince),
    disabledAt: iso(row.disabledAt),
    enabledAt: iso(row.enabledAt),
    secretRotatedAt: iso(row.secretRotatedAt),
    previousSecretValidUntil: iso(row.previousSecretValidUntil),
  };
}
