import {
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  MaxLength,
  MinLength,
  ValidateBy,
  ValidateIf,
} from 'class-validator';

import { IsInstant } from '../validation/instant.decorator';
import { HAPPENED } from '../validation/time-bounds';

/**
 * The naloxone outcome for a release (NAL-01): issued with
 * training (NAL-01), declined, or not eligible.
 */
export const NALOXONE_OUTCOMES = ['ISSUED', 'DECLINED', 'NOT_ELIGIBLE'] as const;
export type NaloxoneOutcome = (typeof NALOXONE_OUTCOMES)[number];

/** `POST /v1/people/{prisonNumber}/naloxone`: a new outcome; the latest one counts. */
export class NaloxoneOutcomeV1 {
  @IsIn(NALOXONE_OUTCOMES) outcome!: NaloxoneOutcome;

  /** "Naloxone (and training to administer it)" (NAL-01): ISSUED needs true. */
  @ValidateIf(
    (record: NaloxoneOutcomeV1) =>
      record.outcome === 'ISSUED' || record.trainingGiven !== undefined,
  )
  @IsBoolean()
  @ValidateBy({
    name: 'trainingGivenWhenIssued',
    validator: {
      validate: (value, args) =>
        (args?.object as NaloxoneOutcomeV1).outcome !== 'ISSUED' || value === true,
      defaultMessage: () => 'trainingGiven must be true when outcome is ISSUED',
    },
  })
  trainingGiven?: boolean;

  /** Why the person is not eligible: NOT_ELIGIBLE only, and then mandatory. */
  @ValidateIf(
    (record: NaloxoneOutcomeV1) => record.outcome === 'NOT_ELIGIBLE' || record.reason !== undefined,
  )
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  reason?: string;

  @IsInstant(HAPPENED) recordedAt!: string;
  /** Optional: docs/hub-interface.md §6's example has none; the API keeps the caller's organisation. */
  @IsOptional() @IsString() @MinLength(1) @MaxLength(100) recordedBy?: string;
}
