import { Type } from 'class-transformer';
import { IsOptional, IsUUID, Matches, ValidateNested } from 'class-validator';

import { ESTABLISHMENT_PATTERN, PRISON_NUMBER_PATTERN } from '../identifiers';
import { IsInstant } from '../validation/instant.decorator';
import { HAPPENED } from '../validation/time-bounds';
import { IntakeSourceV1 } from './intake-source.v1';

/**
 * `throughcare.release.retracted`: a release reported provisionally (a `discharge` or
 * `court-release` with `provisional: true`) did not happen; the person is still held
 * (docs/hub-interface.md §3, REL-09).
 */
export class ReleaseRetractedV1 {
  @IsUUID() eventId!: string;

  @Matches(PRISON_NUMBER_PATTERN, { message: 'prisonNumber must look like A1234BC' })
  prisonNumber!: string;

  /** The prison that holds the person (for a court release, the holding prison). */
  @Matches(ESTABLISHMENT_PATTERN, { message: 'establishment must be a 3-letter prison code' })
  establishment!: string;

  /** The eventId of the provisional `discharge` or `court-release` this withdraws. */
  @IsUUID() retractedEventId!: string;

  /** When the movement was found reversed at the prison; defaults to when the hub received it. */
  @IsOptional() @IsInstant(HAPPENED) occurredAt?: string;

  /** Set by a system reporting for a prison, e.g. the HMPPS adapter: the event it acted on. */
  @IsOptional() @ValidateNested() @Type(() => IntakeSourceV1) source?: IntakeSourceV1;
}
