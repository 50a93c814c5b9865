import { Type } from 'class-transformer';
import {
  IsDefined,
  IsInt,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

import {
  ESTABLISHMENT_PATTERN,
  ORGANISATION_ID_PATTERN,
  PRISON_NUMBER_PATTERN,
} from '../identifiers';
import { IsInstant } from '../validation/instant.decorator';
import { HAPPENED } from '../validation/time-bounds';
import { BridgingIssuedV1 } from './bridging-request.v1';
import { CustodyEpisodeRefV1, DirV1 } from './dir.v1';
import { NaloxoneOutcomeV1 } from './naloxone-outcome.v1';
import { OstPlanV1 } from './ost-plan.v1';

// `throughcare.person-record.v1` (API -> continuity): what release teams and prescribers wrote on a
// person's record, after the API validated it and placed it in a custody episode. Key: prisonNumber.

abstract class PersonRecordEventV1 {
  @Matches(PRISON_NUMBER_PATTERN, { message: 'prisonNumber must look like A1234BC' })
  prisonNumber!: string;

  /** The API's custody episode id (the `episodeid` of the intake events). */
  @IsString() @MaxLength(64) episodeId!: string;

  /** The organisation whose key made the write (ids only; who by name is inside the record). */
  @Matches(ORGANISATION_ID_PATTERN) recordedByOrganisation!: string;

  /** When the API accepted the write. */
  @IsInstant(HAPPENED) acceptedAt!: string;
}

/** `throughcare.person-record.dir-recorded`: a DIR version (1 creates it; later versions update it). */
export class DirRecordedV1 extends PersonRecordEventV1 {
  @IsUUID() dirId!: string;
  @IsInt() @Min(1) version!: number;
  /** The reception that opened the custody episode the DIR belongs to (DIR-01). */
  @IsDefined() @ValidateNested() @Type(() => CustodyEpisodeRefV1) episode!: CustodyEpisodeRefV1;
  /** The prison holding the DIR now: the one that wrote this version. */
  @Matches(ESTABLISHMENT_PATTERN) holder!: string;
  @IsDefined() @ValidateNested() @Type(() => DirV1) dir!: DirV1;
}

/** `throughcare.person-record.ost-plan-recorded`: how OST continues on release (latest wins). */
export class OstPlanRecordedV1 extends PersonRecordEventV1 {
  @IsInt() @Min(1) version!: number;
  @IsDefined() @ValidateNested() @Type(() => OstPlanV1) plan!: OstPlanV1;
}

/** `throughcare.person-record.naloxone-recorded`: a naloxone outcome (latest wins). */
export class NaloxoneRecordedV1 extends PersonRecordEventV1 {
  @IsDefined() @ValidateNested() @Type(() => NaloxoneOutcomeV1) outcome!: NaloxoneOutcomeV1;
}

/** `throughcare.person-record.bridging-script-issued`: a prison prescriber issued the FP10 / FP10MDA. */
export class BridgingScriptIssuedV1 extends PersonRecordEventV1 {
  @IsUUID() requestId!: string;
  @IsDefined() @ValidateNested() @Type(() => BridgingIssuedV1) issued!: BridgingIssuedV1;
}
