import { Type } from 'class-transformer';
import { IsBoolean, IsDefined, IsOptional, IsUUID, Matches, ValidateNested } from 'class-validator';

import { ESTABLISHMENT_PATTERN, PRISON_NUMBER_PATTERN } from '../identifiers';
import { IsInstant } from '../validation/instant.decorator';
import { HAPPENED } from '../validation/time-bounds';
import { IntakeSourceV1 } from './intake-source.v1';

/** `throughcare.release.discharged`: the person has left the gate (docs/hub-interface.md §3). */
export class ReleaseDischargedV1 {
  @IsUUID() eventId!: string;

  @Matches(PRISON_NUMBER_PATTERN, { message: 'prisonNumber must look like A1234BC' })
  prisonNumber!: string;

  @Matches(ESTABLISHMENT_PATTERN, { message: 'establishment must be a 3-letter prison code' })
  establishment!: string;

  @IsDefined() @IsInstant(HAPPENED) dischargedAt!: string;

  /**
   * Reported from a stream that can still reverse (e.g. HMPPS's immediate stream): the notice says
   * so, and a `release-retracted` naming this eventId may withdraw it (REL-09).
   */
  @IsOptional() @IsBoolean() provisional?: boolean;

  /** Set by a system reporting for a prison, e.g. the HMPPS adapter: the event it acted on. */
  @IsOptional() @ValidateNested() @Type(() => IntakeSourceV1) source?: IntakeSourceV1;
}
