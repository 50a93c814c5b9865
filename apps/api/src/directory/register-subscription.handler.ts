import { randomUUID } from 'node:crypto';

import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

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
import { writeOutbox } from '@throughcare/messaging';
import { correlationIdOrNew } from '@throughcare/observability';
import { encryptSecret, generateWebhookSecret, resolveWebhookTarget } from '@throughcare/webhooks';

import { API_CONFIG, type ApiConfig } from '../config/api.config';
import { API_SCHEMA } from '../database/api.data-source';
import { OrganisationEntity } from './organisation.entity';
import { SubscriptionEntity } from './subscription.entity';

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
    private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  async execute(request: SubscriptionRequestV1): Promise<SubscriptionCreated> {
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
    const secret = generateWebhookSecret();
    const subscription = {
      id: randomUUID(),
      organisationId: request.organisationId,
      url: request.url,
      types: request.types,
      encryptedSecret: encryptSecret(secret, this.config.secretKey),
      createdAt: this.clock.now(),
    };
    await this.dataSource.transaction(async (manager) => {
      const organisation = await manager.findOneBy(OrganisationEntity, {
        organisationId: request.organisationId,
      });
      if (!organisation) {
        throw new DomainError(
          DomainErrorCode.NotFound,
          `organisation ${request.organisationId} is not registered`,
        );
      }
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
      await writeOutbox(manager, API_SCHEMA, [
        { topic: Topics.Directory, key: subscription.organisationId, event },
      ]);
    });
    const { id, organisationId, url, types } = subscription;
    return { id, organisationId, url, types, secret };
  }
}
