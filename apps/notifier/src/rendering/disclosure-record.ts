import {
  naloxoneOnNotice,
  releasePlanEssentials,
  urgentContinuityNeed,
} from '@throughcare/continuity-rules';
import {
  IntakeEventType,
  NoticeType,
  type ContinuityRecordV1,
  type NoticeDueV1,
} from '@throughcare/contracts';
import type { DisclosureRecord } from '@throughcare/disclosure';

import { releaseAreaOf, releasingEstablishmentOf } from '../notices/routing-facts';
import type { RecipientOrganisationEntity } from '../recipients/recipient-organisation.entity';

/**
 * Everything the hub knows that this notice could tell, gathered in the disclosure catalogue's
 * names. The disclosure rules then pick what one recipient may see. The release plan's SPOC and
 * local provider come from the directory (REL-01).
 */
export function buildDisclosureRecord(
  notice: NoticeDueV1,
  directory: readonly RecipientOrganisationEntity[],
  continuityRecord: ContinuityRecordV1 | null = null,
): DisclosureRecord {
  const { release, cause } = notice;
  const clinical = release?.clinical;
  const episodeRecord = sameEpisode(notice, continuityRecord);
  const area = releaseAreaOf(notice);
  const establishment = releasingEstablishmentOf(notice);
  const prison = directory.find(
    (o) =>
      o.type === 'PRISON' &&
      establishment !== undefined &&
      o.establishments.includes(establishment),
  );
  const providers = directory.filter(
    (o) =>
      o.type === 'COMMUNITY_PROVIDER' && area !== undefined && o.localAuthorityCodes.includes(area),
  );
  const unplanned = notice.noticeType === NoticeType.Unplanned;
  const transfer = cause?.type === IntakeEventType.TransferCompleted;
  const reception = cause?.type === IntakeEventType.ReceptionReceived;
  const record: Record<string, unknown> = {
    prisonNumber: notice.prisonNumber,
    releaseDate: release?.releaseDate,
    establishment,
    releaseType: release?.releaseType,
    onLicence: release?.supervision.onLicence,
    releaseArea: area,
    milestone: notice.milestone,
    shortNotice: notice.shortNotice,
    fridayOrPreHoliday: notice.fridayOrPreHoliday,
    previousReleaseDate: notice.previousReleaseDate,
    dischargedAt: notice.noticeType === NoticeType.Discharged ? cause?.occurredAt : undefined,
    court: cause?.court,
    releasedAt: unplanned ? cause?.occurredAt : undefined,
    reason: cause?.reason,
    receivedAt: reception ? cause?.occurredAt : undefined,
    localTreatmentProvider: providers.length
      ? providers.map((p) => ({ organisationId: p.organisationId, name: p.name, spoc: p.spoc }))
      : undefined,
    prisonSpoc: prison
      ? { organisationId: prison.organisationId, organisation: prison.name, ...prison.spoc }
      : undefined,
    onOst: clinical?.onOst,
    ostMedicine: clinical?.ostMedicine,
    doseMg: clinical?.doseMg,
    opiateHistory: clinical?.opiateHistory,
    fromEstablishment: transfer ? cause?.establishment : undefined,
    toEstablishment: transfer ? cause?.toEstablishment : undefined,
    transferredAt: transfer ? cause?.occurredAt : undefined,
    holdingEstablishment: unplanned ? cause?.establishment : undefined,
    // "that an urgent continuity need exists" (DIS-10): from everything the hub knows.
    urgentContinuityNeed: unplanned
      ? urgentContinuityNeed({
          releaseClinical: clinical ?? null,
          atReception: episodeRecord?.atReception ?? null,
          ostPlan: episodeRecord?.ostPlan ?? null,
          bridgingRequest: episodeRecord?.bridgingRequest ?? null,
        })
      : undefined,
    withdrawnAt: notice.noticeType === NoticeType.ConsentWithdrawn ? notice.dueAt : undefined,
    ...continuityFields(notice, episodeRecord),
  };
  return Object.fromEntries(
    Object.entries(record).filter(([, value]) => value !== undefined),
  ) as DisclosureRecord;
}

/**
 * The continuity record, if it is of the notice's custody episode: a record of another episode
 * adds nothing, so a new episode never shows the last one's DIR or clinical picture.
 */
function sameEpisode(
  notice: NoticeDueV1,
  continuity: ContinuityRecordV1 | null,
): ContinuityRecordV1 | null {
  return continuity &&
    (!notice.episodeId || !continuity.episodeId || continuity.episodeId === notice.episodeId)
    ? continuity
    : null;
}

/**
 * What the continuity record adds: the DIR and the engagement fields it holds, how medicines
 * continue and whether naloxone was issued (docs/hub-interface.md §4: every community release notice
 * carries the plan's essentials), from the record of the notice's episode only.
 */
function continuityFields(
  notice: NoticeDueV1,
  record: ContinuityRecordV1 | null,
): Record<string, unknown> {
  const dir = record?.dir;
  const { bbvStatus, ...dirBody } = dir?.dir ?? {};
  const request = record?.bridgingRequest;
  const onOst = notice.release?.clinical.onOst ?? (request ? true : undefined);
  const essentials =
    onOst === undefined
      ? undefined
      : releasePlanEssentials({
          localTreatmentProvider: null,
          prisonSpoc: null,
          clinical: { onOst },
          ostPlan: record?.ostPlan ?? null,
          bridgingRequest:
            request && request.status !== 'CANCELLED'
              ? { status: request.status, coverUntil: request.coverUntil, issued: request.issued }
              : null,
          naloxone: record?.naloxone ?? null,
        });
  return {
    dir: dir
      ? { dirId: dir.dirId, version: dir.version, holder: dir.holder, ...dirBody }
      : undefined,
    // Healthcare's part of the DIR is its own class, lifted out so `dir` never carries it (DIS-17).
    bbvStatus,
    engagementStatus: dir?.dir.treatment.status,
    interventionsDelivered: dir?.dir.treatment.modalities,
    riskIssues: dir?.dir.riskIssues,
    futureNeeds: dir?.dir.futureNeeds,
    treatmentPlanned: dir?.dir.treatmentPlanned,
    lastPrisonDoseAt: record?.ostPlan?.lastPrisonDoseAt ?? request?.lastPrisonDoseAt ?? undefined,
    naloxone: naloxoneOnNotice(record?.naloxone ?? null),
    bridgingScript: request,
    medicinesContinuation: essentials?.medicinesContinuation,
  };
}
