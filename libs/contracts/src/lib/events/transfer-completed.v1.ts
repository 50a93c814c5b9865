import { IsDefined, IsUUID, Matches, ValidateBy } from 'class-validator';

import { ESTABLISHMENT_PATTERN, PRISON_NUMBER_PATTERN } from '../identifiers';
import { IsInstant } from '../validation/instant.decorator';
import { HAPPENED } from '../validation/time-bounds';

/** `throughcare.transfer.completed`: moved between prisons (contract.md §3). */
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
}
