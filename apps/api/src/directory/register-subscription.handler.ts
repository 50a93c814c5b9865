import { randomUUID } from 'node:crypto';

import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

import { CLOCK, type Clock } from '@throughcare/clock';
import {
  DirectoryEventType,
  DomainError,
  DomainErrorCode,
  Topics,
  buildCloudEvent,
  type SubscriptionRegisteredV1,
  type SubscriptionRequestV1,
} from '@throughcare/contracts';
import { Outbox } from '@throughcare/messaging';
import { correlationIdOrNew } from '@throughcare/observability';
import { encryptSecret, generateWebhookSecret, resolveWebhookTarget } from '@throughcare/webhooks';

import type { Caller } from '../auth/caller';
import { API_CONFIG, type ApiConfig } from '../config/api.config';
import { IdempotentWrites, type WriteOutcome } from '../idempotency/idempotent-writes.service';
import { OrganisationEntity } from './organisation.entity';
import { unsealSecretAnswer, type SealedSecretAnswer } from './sealed-secret-answer';
import { SubscriptionEntity } from './subscription.entity';
import type { WriteRoute } from '../idempotency/write-route';

export interface SubscriptionCreated {
  id: string;
  organisationId: string;
  url: string;
  types: string[];
  /** Shown once; the hub keeps it only encrypted. */
  secret: string;
}

@Injectable()
export class RegisterSubscriptionHandler {
  constructor(
    private readonly outbox: Outbox,
    private readonly idempotentWrites: IdempotentWrites,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  async execute(
    request: SubscriptionRequestV1,
    caller: Caller,
    route: WriteRoute,
  ): Promise<WriteOutcome<SubscriptionCreated>> {
    const write = {
      ...route,
      caller,
      body: request,
    };
    // The URL is vetted inside the write, so a replay answers without resolving it again.
    const outcome = await this.idempotentWrites.once(write, (manager) =>
      this.register(manager, request),
    );
    return unsealSecretAnswer(outcome, this.config.secretKey);
  }

  private async register(
    manager: EntityManager,
    request: SubscriptionRequestV1,
  ): Promise<SealedSecretAnswer<SubscriptionCreated>> {
    // Decided before any connection: the URL's shape, then every address its host resolves to.
    // The notifier checks again before each attempt, since a DNS answer can change.
    const target = await resolveWebhookTarget(
      request.url,
      {
        requireHttps: this.config.nodeEnv === 'production',
        allowedHosts: this.config.webhookAllowedHosts,
      },
      this.config.webhookHostLookup,
    );
    if (!target.ok) throw new DomainError(DomainErrorCode.Unprocessable, target.reason);
    const subscription = {
      id: randomUUID(),
      organisationId: request.organisationId,
      url: request.url,
      types: request.types,
      encryptedSecret: encryptSecret(generateWebhookSecret(), this.config.secretKey),
      createdAt: this.clock.now(),
    };
    await this.lockOrganisationUnderCap(manager, request.organisationId);
    await manager.insert(SubscriptionEntity, subscription);
    const data: SubscriptionRegisteredV1 = {
      subscriptionId: subscription.id,
      organisationId: subscription.organisationId,
      url: subscription.url,
      types: subscription.types,
      encryptedSecret: subscription.encryptedSecret,
    };
    const event = buildCloudEvent({
      id: `subscription-registered:${subscription.id}`,
      type: DirectoryEventType.SubscriptionRegistered,
      time: subscription.createdAt,
      data,
      correlationId: correlationIdOrNew(),
    });
    await this.outbox.write(manager, [
      { topic: Topics.Directory, key: subscription.organisationId, event },
    ]);
    const { id, organisationId, url, types, encryptedSecret } = subscription;
    return { id, organisationId, url, types, encryptedSecret };
  }

  /**
   * The organisation's row is locked so that concurrent registrations count one after another:
   * an organisation holds at most SUBSCRIPTIONS_PER_ORGANISATION webhooks
   * (docs/security/access-rules.md RATE-4), answered 409 beyond it.
   */
  private async lockOrganisationUnderCap(
    manager: EntityManager,
    organisationId: string,
  ): Promise<void> {
    const organisation = await manager.findOne(OrganisationEntity, {
      where: { organisationId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!organisation) {
      throw new DomainError(
        DomainErrorCode.NotFound,
        `organisation ${organisationId} is not registered`,
      );
    }
    const cap = this.config.subscriptionsPerOrganisation;
    if ((await manager.countBy(SubscriptionEntity, { organisationId })) >= cap) {
      throw new DomainError(
        DomainErrorCode.Conflict,
        `organisation ${organisationId} already has ${cap} webhook subscriptions, the most one organisation may hold`,
      );
    }
  }
}
