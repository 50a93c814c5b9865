import { Type } from 'class-transformer';
import {
  IsDefined,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';

import { ORGANISATION_ID_PATTERN } from '../identifiers';
import { IsInstant } from '../validation/instant.decorator';
import { HAPPENED, PLANNED } from '../validation/time-bounds';

/**
 * What a recipient says it did with a notice (ACK-01): it arrived (RECEIVED), it is theirs to act
 * on (ACCEPTED), something was done (ACTIONED, with what), or it is not theirs (DECLINED, with why).
 */
export const ACKNOWLEDGEMENT_STATUSES = ['RECEIVED', 'ACCEPTED', 'ACTIONED', 'DECLINED'] as const;
export type AcknowledgementStatus = (typeof ACKNOWLEDGEMENT_STATUSES)[number];

/** What was done, for an ACTIONED acknowledgement. */
export const ACKNOWLEDGEMENT_ACTIONS = [
  'APPOINTMENT_BOOKED',
  'SCRIPT_DISPENSED',
  'NALOXONE_KIT_GIVEN',
  'FIRST_APPOINTMENT_ATTENDED',
] as const;
export type AcknowledgementAction = (typeof ACKNOWLEDGEMENT_ACTIONS)[number];

export class AcknowledgementActionV1 {
  @IsIn(ACKNOWLEDGEMENT_ACTIONS) kind!: AcknowledgementAction;
  /**
   * When: the appointment's date and time for APPOINTMENT_BOOKED (may be ahead), otherwise when it
   * happened (not ahead of the hub's clock: checked by the API).
   */
  @IsInstant(PLANNED) at!: string;
}

/** `POST /v1/notices/{webhook-id}/acknowledgements` body. */
export class AcknowledgementV1 {
  @IsIn(ACKNOWLEDGEMENT_STATUSES) status!: AcknowledgementStatus;

  /** Required for ACTIONED; refused with any other status (the API says so). */
  @ValidateIf((a: AcknowledgementV1) => a.status === 'ACTIONED' || a.action !== undefined)
  @IsDefined({ message: 'action is required when status is ACTIONED' })
  @ValidateNested()
  @Type(() => AcknowledgementActionV1)
  action?: AcknowledgementActionV1;

  /** Required for DECLINED (e.g. "not our area"), so the releasing prison can find someone else. */
  @ValidateIf((a: AcknowledgementV1) => a.status === 'DECLINED' || a.reason !== undefined)
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  reason?: string;
}

/** `throughcare.delivery.acknowledged` data (API -> notifier): stops or starts escalation. */
export class DeliveryAcknowledgedV1 {
  @IsUUID() acknowledgementId!: string;
  @IsString() @MaxLength(200) deliveryId!: string;
  @IsUUID() noticeId!: string;
  @IsString() @MaxLength(200) noticeType!: string;
  @Matches(ORGANISATION_ID_PATTERN) organisationId!: string;
  @IsIn(ACKNOWLEDGEMENT_STATUSES) status!: AcknowledgementStatus;
  @IsOptional()
  @ValidateNested()
  @Type(() => AcknowledgementActionV1)
  action?: AcknowledgementActionV1;
  @IsOptional() @IsString() @MaxLength(500) reason?: string;
  @IsInstant(HAPPENED) acknowledgedAt!: string;
}
