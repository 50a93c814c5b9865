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
} from 'class-validator';

import { ORGANISATION_ID_PATTERN, PRISON_NUMBER_PATTERN } from '../identifiers';
import { IsInstant } from '../validation/instant.decorator';
import { HAPPENED } from '../validation/time-bounds';

/**
 * SEND: an identifying notice with exactly `fields`. ALERT: a non-identifying alert (no
 * prisonNumber). WITHHOLD: nothing sent. UNROUTED: no organisation at all could be told.
 * STOOD_DOWN: a notice not yet sent for a release since cancelled; it never goes (REL-07).
 */
export const DISCLOSURE_OUTCOMES = ['SEND', 'ALERT', 'WITHHOLD', 'UNROUTED', 'STOOD_DOWN'] as const;
export type DisclosureOutcome = (typeof DISCLOSURE_OUTCOMES)[number];

/**
 * `throughcare.disclosure.decided` data: one row of the append-only disclosure audit
 * (DIS-15), published by the notifier for the person's timeline and for data
 * protection requests. Field names only, never values.
 */
export class DisclosureDecidedV1 {
  @IsUUID() decisionId!: string;
  @IsUUID() noticeId!: string;
  @IsString() @MaxLength(100) noticeType!: string;
  @Matches(PRISON_NUMBER_PATTERN) prisonNumber!: string;
  @IsOptional() @IsString() @MaxLength(200) deliveryId?: string;
  @IsOptional() @Matches(ORGANISATION_ID_PATTERN) organisationId?: string;
  @IsOptional() @IsString() @MaxLength(40) recipientRole?: string;
  @IsIn(DISCLOSURE_OUTCOMES) decision!: DisclosureOutcome;
  /** The rule that decided, e.g. `om-restricted-set-without-consent`. */
  @IsString() @MaxLength(100) rule!: string;
  /** The ids of the rules the decision rests on (docs/rules.md), e.g. `DIS-04; DIS-06`. */
  @IsString() @MaxLength(300) citation!: string;
  @IsArray() @IsString({ each: true }) fields!: string[];
  /** The consent version the decision was based on; null when none was on record. */
  @IsOptional() @IsInt() @Min(1) consentVersion?: number | null;
  @IsOptional() @IsUUID() riskOverrideId?: string | null;
  @IsInstant(HAPPENED) decidedAt!: string;
}
