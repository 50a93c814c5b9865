import { IsIn, Matches } from 'class-validator';

export const INTAKE_SOURCE_SYSTEMS = ['HMPPS'] as const;
export type IntakeSourceSystem = (typeof INTAKE_SOURCE_SYSTEMS)[number];

/**
 * Where an intake event came from, when a system reported it on someone else's behalf: for the
 * HMPPS adapter, the id of the HMPPS domain event (the SNS MessageId) it acted on, so that the
 * person's timeline names the HMPPS event behind each entry (docs/hmpps-adapter.md, HMPPS-7).
 */
export class IntakeSourceV1 {
  @IsIn(INTAKE_SOURCE_SYSTEMS) system!: IntakeSourceSystem;

  /** Printable ASCII, no spaces: an SNS MessageId (UUID) or `sha256:<hex>` of a bridged event. */
  @Matches(/^[\x21-\x7e]{1,200}$/, { message: 'source.eventId must be 1-200 printable characters' })
  eventId!: string;
}
