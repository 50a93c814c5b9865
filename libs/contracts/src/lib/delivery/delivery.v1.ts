import { Type } from 'class-transformer';
import {
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

import { ORGANISATION_ID_PATTERN } from '../identifiers';
import { IsInstant } from '../validation/instant.decorator';
import { HAPPENED, PLANNED } from '../validation/time-bounds';

/**
 * PENDING: waiting or retrying. DELIVERED: a 2xx came back (or the e-mail was accepted).
 * FAILED: the schedule ran out; kept for replay. WITHHELD: disclosure allowed nothing.
 * PAUSED: the endpoint is disabled; sent in order once it is enabled again.
 * STOOD_DOWN: not yet sent when the release it was about was cancelled; never sent (REL-07).
 */
export const DELIVERY_STATUSES = [
  'PENDING',
  'DELIVERED',
  'FAILED',
  'WITHHELD',
  'PAUSED',
  'STOOD_DOWN',
] as const;
export type DeliveryStatusV1 = (typeof DELIVERY_STATUSES)[number];

export const DELIVERY_CHANNELS = ['WEBHOOK', 'EMAIL'] as const;
export type DeliveryChannel = (typeof DELIVERY_CHANNELS)[number];

export class DeliveryAttemptV1 {
  @IsInt() @Min(1) attemptNumber!: number;
  @IsInstant(HAPPENED) startedAt!: string;
  @IsOptional() @IsInt() statusCode?: number | null;
  @IsInt() @Min(0) latencyMs!: number;
  @IsOptional() @IsString() @MaxLength(500) error?: string | null;
}

/**
 * `throughcare.delivery.updated` data: the state of one delivery (one notice to one endpoint)
 * after every change, with all its attempts. No personal data: a subscriber reads its own
 * deliveries through the API, and a withheld one must not say who it was about.
 */
export class DeliveryUpdatedV1 {
  /** The stable `webhook-id`. */
  @IsString() @MaxLength(200) deliveryId!: string;
  @IsUUID() noticeId!: string;
  /** The type the recipient receives (or would have). */
  @IsString() @MaxLength(100) noticeType!: string;
  @Matches(ORGANISATION_ID_PATTERN) organisationId!: string;
  @IsOptional() @IsUUID() subscriptionId?: string | null;
  @IsIn(DELIVERY_CHANNELS) channel!: DeliveryChannel;
  @IsIn(DELIVERY_STATUSES) status!: DeliveryStatusV1;
  @IsInstant(HAPPENED) createdAt!: string;
  @IsOptional() @IsInstant(PLANNED) nextAttemptAt?: string | null;
  @IsOptional() @IsInstant(HAPPENED) deliveredAt?: string | null;
  /** How many times it was replayed on request. */
  @IsInt() @Min(0) replays!: number;
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => DeliveryAttemptV1)
  attempts!: DeliveryAttemptV1[];
  /** Increases with every update; consumers keep the highest. */
  @IsInt() @Min(1) revision!: number;
}

/** `throughcare.delivery.replay-requested` data: `POST /v1/deliveries/{id}/replay`. */
export class DeliveryReplayRequestedV1 {
  @IsString() @MaxLength(200) deliveryId!: string;
  /** The organisation whose key asked, or `admin`. */
  @IsString() @MaxLength(64) requestedBy!: string;
  @IsInstant(HAPPENED) requestedAt!: string;
}

/** `throughcare.directory.subscription-secret-rotated`: a new signing secret; the old one stays valid until `previousSecretValidUntil`. */
export class SubscriptionSecretRotatedV1 {
  @IsUUID() subscriptionId!: string;
  @Matches(ORGANISATION_ID_PATTERN) organisationId!: string;
  @IsString()
  @Matches(/^v1\.[A-Za-z0-9+/=.]+$/, { message: 'encryptedSecret must be a sealed secret' })
  encryptedSecret!: string;
  @IsInstant(PLANNED) previousSecretValidUntil!: string;
}

/** `throughcare.directory.subscription-enabled`: a disabled endpoint is switched back on. */
export class SubscriptionEnabledV1 {
  @IsUUID() subscriptionId!: string;
  @Matches(ORGANISATION_ID_PATTERN) organisationId!: string;
  @IsInstant(HAPPENED) enabledAt!: string;
}

/**
 * `throughcare.delivery.endpoint-disabled`: the notifier switched a webhook endpoint off after it
 * failed without a single success for ENDPOINT_DISABLE_AFTER; its notices wait (PAUSED) until
 * `POST /v1/subscriptions/{id}/enable`.
 */
export class EndpointDisabledV1 {
  @IsUUID() subscriptionId!: string;
  @Matches(ORGANISATION_ID_PATTERN) organisationId!: string;
  @IsInstant(HAPPENED) failingSince!: string;
  @IsInstant(HAPPENED) disabledAt!: string;
  /** Notices waiting for the endpoint when it was disabled. */
  @IsInt() @Min(0) paused!: number;
}
