import type { NoticeDueV1 } from '@throughcare/contracts';
import type { Recipient, RoutingFacts } from '@throughcare/disclosure';

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

export function routingFactsOf(notice: NoticeDueV1, previouslyTold: Recipient[]): RoutingFacts {
  const supervision = notice.release?.supervision;
  return {
    kind: noticeKindOf(notice),
    releaseArea: releaseAreaOf(notice),
    releasingEstablishment: releasingEstablishmentOf(notice),
    receivingEstablishment: notice.cause?.toEstablishment,
    caseloadCjitOrganisationId: notice.organisationId,
    offenderManagerOrganisationId: supervision?.onLicence
      ? supervision.offenderManager?.organisationId
      : undefined,
    previouslyTold,
  };
}
