import type { ContinuityRecordV1, NoticeDueV1 } from '@throughcare/contracts';
import type { EntityManager } from 'typeorm';
import type { Recipient, RoutingFacts } from '@throughcare/disclosure';

import { continuityOnRecord } from '../continuity/keep-continuity-record';
import { noticeKindOf } from './notice-kind';

/** The release area: a court release may name it; otherwise the planned release's. */
export function releaseAreaOf(notice: NoticeDueV1): string | undefined {
  return (
    notice.cause?.releaseArea?.localAuthorityCode ?? notice.release?.releaseArea.localAuthorityCode
  );
}

/** The prison releasing the person, or holding them for a court release. */
export function releasingEstablishmentOf(notice: NoticeDueV1): string | undefined {
  return notice.cause?.establishment ?? notice.release?.establishment;
}

/**
 * What routing needs to know, from the notice and the person's continuity record on file (the
 * provider named at reception, REL-08); a record of another custody episode adds nothing.
 */
export function routingFactsOf(
  notice: NoticeDueV1,
  previouslyTold: Recipient[],
  continuity: ContinuityRecordV1 | null = notice.continuity ?? null,
): RoutingFacts {
  const supervision = notice.release?.supervision;
  const sameEpisode =
    continuity &&
    (!notice.episodeId || !continuity.episodeId || continuity.episodeId === notice.episodeId);
  const namedProvider = sameEpisode ? continuity.atReception?.communityProviderId : undefined;
  return {
    kind: noticeKindOf(notice),
    releaseArea: releaseAreaOf(notice),
    releasingEstablishment: releasingEstablishmentOf(notice),
    receivingEstablishment: notice.cause?.toEstablishment,
    caseloadCjitOrganisationId: notice.organisationId,
    ...(namedProvider ? { namedCommunityProviderOrganisationId: namedProvider } : {}),
    offenderManagerOrganisationId: supervision?.onLicence
      ? supervision.offenderManager?.organisationId
      : undefined,
    previouslyTold,
  };
}

/** The kinds a provider named at reception is routed (REL-08): only these read the record. */
const ROUTED_TO_NAMED_PROVIDER: ReadonlySet<string> = new Set([
  'RELEASE',
  'UNPLANNED_RELEASE',
  'DIR_HANDOFF',
  'BRIDGING_ISSUED',
]);

/**
 * The continuity record routing reads: the one the notice carries, else the copy on record, and
 * only for the kinds that can reach the provider named at reception (one read, not one per notice).
 */
export async function continuityForRouting(
  manager: EntityManager,
  notice: NoticeDueV1,
): Promise<ContinuityRecordV1 | null> {
  if (notice.continuity) return notice.continuity;
  if (!ROUTED_TO_NAMED_PROVIDER.has(noticeKindOf(notice))) return null;
  return continuityOnRecord(manager, notice.prisonNumber);
}
