import { Type } from 'class-transformer';
import {
  IsDefined,
  IsOptional,
  IsUUID,
  Matches,
  ValidateBy,
  ValidateNested,
} from 'class-validator';

import { ESTABLISHMENT_PATTERN, PRISON_NUMBER_PATTERN } from '../identifiers';
import { IsInstant } from '../validation/instant.decorator';
import { HAPPENED } from '../validation/time-bounds';
import { IntakeSourceV1 } from './intake-source.v1';

/** `throughcare.transfer.completed`: moved between prisons (docs/hub-interface.md §3). */
export class TransferCompletedV1 {
  @IsUUID() eventId!: string;

  @Matches(PRISON_NUMBER_PATTERN, { message: 'prisonNumber must look like A1234BC' })
  prisonNumber!: string;

  @Matches(ESTABLISHMENT_PATTERN, { message: 'fromEstablishment must be a 3-letter prison code' })
  fromEstablishment!: string;

  @Matches(ESTABLISHMENT_PATTERN, { message: 'toEstablishment must be a 3-letter prison code' })
  @ValidateBy({
    name: 'differsFromFromEstablishment',
    validator: {
      validate: (value, args) => value !== (args?.object as TransferCompletedV1).fromEstablishment,
      defaultMessage: () => 'toEstablishment must differ from fromEstablishment',
    },
  })
  toEstablishment!: string;

  @IsDefined() @IsInstant(HAPPENED) transferredAt!: string;

  /** Set by a system reporting for a prison, e.g. the HMPPS adapter: the event it acted on. */
  @IsOptional() @ValidateNested() @Type(() => IntakeSourceV1) source?: IntakeSourceV1;
}
