import { Type } from 'class-transformer';
import { IsIn, IsOptional, IsUUID, Matches, ValidateNested } from 'class-validator';

import { ESTABLISHMENT_PATTERN, PRISON_NUMBER_PATTERN } from '../identifiers';
import { IsInstant } from '../validation/instant.decorator';
import { HAPPENED } from '../validation/time-bounds';
import { IntakeSourceV1 } from './intake-source.v1';

export const RELEASE_CANCELLATION_REASONS = [
  'FURTHER_CHARGE',
  'RECALL',
  'SENTENCE_RECALCULATED',
  'PAROLE_REFUSED',
  'ADMINISTRATIVE_ERROR',
  'OTHER',
] as const;
export type ReleaseCancellationReason = (typeof RELEASE_CANCELLATION_REASONS)[number];

/** `throughcare.release.cancelled`: the planned release will not happen (docs/hub-interface.md §3). */
export class ReleaseCancelledV1 {
  @IsUUID() eventId!: string;

  @Matches(PRISON_NUMBER_PATTERN, { message: 'prisonNumber must look like A1234BC' })
  prisonNumber!: string;

  @Matches(ESTABLISHMENT_PATTERN, { message: 'establishment must be a 3-letter prison code' })
  establishment!: string;

  @IsIn(RELEASE_CANCELLATION_REASONS) reason!: ReleaseCancellationReason;

  /** When the decision was made at the prison; defaults to when the hub received it. */
  @IsOptional() @IsInstant(HAPPENED) occurredAt?: string;

  /** Set by a system reporting for a prison, e.g. the HMPPS adapter: the event it acted on. */
  @IsOptional() @ValidateNested() @Type(() => IntakeSourceV1) source?: IntakeSourceV1;
}
