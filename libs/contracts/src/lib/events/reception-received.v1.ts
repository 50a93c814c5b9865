import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsDefined,
  IsIn,
  IsOptional,
  IsUUID,
  Matches,
  ValidateNested,
} from 'class-validator';

import {
  ESTABLISHMENT_PATTERN,
  ORGANISATION_ID_PATTERN,
  PRISON_NUMBER_PATTERN,
} from '../identifiers';
import { IsInstant } from '../validation/instant.decorator';
import { HAPPENED } from '../validation/time-bounds';
import { OST_MEDICINES, type OstMedicine } from './release-planned.v1';
import { IntakeSourceV1 } from './intake-source.v1';

export const RECEPTION_TYPES = ['REMAND', 'SENTENCED', 'RECALL'] as const;
export type ReceptionType = (typeof RECEPTION_TYPES)[number];

export class SubstanceMisuseV1 {
  @IsBoolean() opiateUse!: boolean;
  @IsBoolean() onOst!: boolean;
  @IsOptional() @IsIn(OST_MEDICINES) ostMedicine?: OstMedicine;
  @IsBoolean() alcohol!: boolean;
}

export class KnownToOrganisationV1 {
  @Matches(ORGANISATION_ID_PATTERN, { message: 'organisationId must match [a-z0-9-]{3,64}' })
  organisationId!: string;
}

/** `throughcare.reception.received`: received into custody (docs/hub-interface.md §3). */
export class ReceptionReceivedV1 {
  @IsUUID() eventId!: string;

  @Matches(PRISON_NUMBER_PATTERN, { message: 'prisonNumber must look like A1234BC' })
  prisonNumber!: string;

  @Matches(ESTABLISHMENT_PATTERN, { message: 'establishment must be a 3-letter prison code' })
  establishment!: string;

  @IsDefined() @IsInstant(HAPPENED) receivedAt!: string;

  @IsIn(RECEPTION_TYPES) receptionType!: ReceptionType;

  @IsDefined() @ValidateNested() @Type(() => SubstanceMisuseV1) substanceMisuse!: SubstanceMisuseV1;

  /** A community treatment provider that already knows the person. */
  @IsOptional()
  @ValidateNested()
  @Type(() => KnownToOrganisationV1)
  communityProvider?: KnownToOrganisationV1;

  /** A CJIT that already has the person on its caseload (DIR-06). */
  @IsOptional()
  @ValidateNested()
  @Type(() => KnownToOrganisationV1)
  cjitCaseload?: KnownToOrganisationV1;

  /** Set by a system reporting for a prison, e.g. the HMPPS adapter: the event it acted on. */
  @IsOptional() @ValidateNested() @Type(() => IntakeSourceV1) source?: IntakeSourceV1;
}
