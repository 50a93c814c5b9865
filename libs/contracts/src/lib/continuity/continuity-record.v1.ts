import { Type } from 'class-transformer';
import {
  IsBoolean,
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

import {
  ESTABLISHMENT_PATTERN,
  ORGANISATION_ID_PATTERN,
  PRISON_NUMBER_PATTERN,
} from '../identifiers';
import { OST_MEDICINES, type OstMedicine } from '../events/release-planned.v1';
import { IsInstant } from '../validation/instant.decorator';
import { HAPPENED } from '../validation/time-bounds';
import { BridgingRequestV1 } from './bridging-request.v1';
import { CustodyEpisodeRefV1, DirV1 } from './dir.v1';
import { NaloxoneOutcomeV1 } from './naloxone-outcome.v1';
import { OstPlanV1 } from './ost-plan.v1';

/** The DIR the continuity service holds for the episode: one per custody episode. */
export class DirOnRecordV1 {
  @IsUUID() dirId!: string;
  @IsInt() @Min(1) version!: number;
  @ValidateNested() @Type(() => CustodyEpisodeRefV1) episode!: CustodyEpisodeRefV1;
  @Matches(ESTABLISHMENT_PATTERN) holder!: string;
  @ValidateNested() @Type(() => DirV1) dir!: DirV1;
}

/**
 * What the episode's reception said about the person (docs/hub-interface.md §3): whether they are
 * on OST and use opiates, and a community provider that already knows them. Kept on the record so
 * a court release before any planned release still knows the clinical picture (DIS-10).
 */
export class ReceptionFactsV1 {
  @IsBoolean() onOst!: boolean;
  @IsOptional() @IsIn(OST_MEDICINES) ostMedicine?: OstMedicine;
  @IsBoolean() opiateUse!: boolean;
  @IsOptional()
  @Matches(ORGANISATION_ID_PATTERN, { message: 'organisationId must match [a-z0-9-]{3,64}' })
  communityProviderId?: string;
}

/**
 * `throughcare.continuity.record-updated` (continuity -> API, notifier), and embedded in the
 * notices continuity issues: the person's clinical-continuity record for their current custody
 * episode after a change. `revision` rises with every change per person, so a reader keeps the
 * highest it has seen and ignores older copies, whichever path they came by. Notices are rendered
 * from the copy on record at send time, under the consent on record then.
 */
export class ContinuityRecordV1 {
  @Matches(PRISON_NUMBER_PATTERN, { message: 'prisonNumber must look like A1234BC' })
  prisonNumber!: string;

  @IsInt() @Min(1) revision!: number;

  /** The API's custody episode id; the record starts empty with each new episode. */
  @IsOptional() @IsString() @MaxLength(64) episodeId?: string;

  /** What the episode's latest reception said (OST, opiate use, a provider that knows the person). */
  @IsOptional()
  @ValidateNested()
  @Type(() => ReceptionFactsV1)
  atReception?: ReceptionFactsV1;

  @IsOptional() @ValidateNested() @Type(() => DirOnRecordV1) dir?: DirOnRecordV1;
  @IsOptional() @ValidateNested() @Type(() => OstPlanV1) ostPlan?: OstPlanV1;
  @IsOptional() @ValidateNested() @Type(() => NaloxoneOutcomeV1) naloxone?: NaloxoneOutcomeV1;

  /** The bridging request for the current release, open or issued. */
  @IsOptional()
  @ValidateNested()
  @Type(() => BridgingRequestV1)
  bridgingRequest?: BridgingRequestV1;

  @IsInstant(HAPPENED) updatedAt!: string;
}
