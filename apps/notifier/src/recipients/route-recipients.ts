import { NoticeType, type NoticeDueV1, type OrganisationType } from '@throughcare/contracts';

export type RecipientRole = 'COMMUNITY_PROVIDER' | 'CJIT' | 'OFFENDER_MANAGER' | 'PRISON';

export interface DirectoryEntry {
  organisationId: string;
  type: OrganisationType;
  localAuthorityCodes: readonly string[];
  establishments: readonly string[];
}

export interface Recipient {
  organisationId: string;
  role: RecipientRole;
}

/**
 * Who gets a notice (contract.md §4). `previouslyTold` is everyone who had a notice in the same
 * custody episode: a rescheduled or cancelled release goes to exactly them.
 */
export function routeNotice(
  notice: NoticeDueV1,
  directory: readonly DirectoryEntry[],
  previouslyTold: readonly Recipient[],
): Recipient[] {
  switch (notice.noticeType) {
    case NoticeType.Rescheduled:
    case NoticeType.Cancelled:
      return unique(previouslyTold);
    case NoticeType.Unplanned:
      return routeUnplanned(notice, directory);
    default:
      return notice.release
        ? [
            ...communityIn(notice.release.releaseArea.localAuthorityCode, directory),
            ...offenderManager(notice, directory),
          ]
        : [];
  }
}

/** The release area's community providers and CJITs. */
function communityIn(area: string | undefined, directory: readonly DirectoryEntry[]): Recipient[] {
  if (!area) return [];
  return directory
    .filter(
      (o) =>
        (o.type === 'COMMUNITY_PROVIDER' || o.type === 'CJIT') &&
        o.localAuthorityCodes.includes(area),
    )
    .map((o) => ({
      organisationId: o.organisationId,
      role: o.type as 'COMMUNITY_PROVIDER' | 'CJIT',
    }));
}

/** The offender manager's probation organisation, when the person is on licence. */
function offenderManager(notice: NoticeDueV1, directory: readonly DirectoryEntry[]): Recipient[] {
  const supervision = notice.release?.supervision;
  const omOrganisation = supervision?.onLicence
    ? supervision.offenderManager?.organisationId
    : undefined;
  return directory
    .filter((o) => o.type === 'PROBATION' && o.organisationId === omOrganisation)
    .map((o) => ({ organisationId: o.organisationId, role: 'OFFENDER_MANAGER' as const }));
}

/**
 * A court release goes at once to the area's CJIT and community provider, and the OM if known;
 * when the area is unknown (or no one covers it), to the holding prison's SPOC instead, who can
 * find out where the person went.
 */
function routeUnplanned(notice: NoticeDueV1, directory: readonly DirectoryEntry[]): Recipient[] {
  const area =
    notice.cause?.releaseArea?.localAuthorityCode ?? notice.release?.releaseArea.localAuthorityCode;
  const community = communityIn(area, directory);
  const holding = notice.cause?.establishment;
  const prison = community.length
    ? []
    : directory
        .filter(
          (o) => o.type === 'PRISON' && holding !== undefined && o.establishments.includes(holding),
        )
        .map((o) => ({ organisationId: o.organisationId, role: 'PRISON' as const }));
  return [...community, ...prison, ...offenderManager(notice, directory)];
}

function unique(recipients: readonly Recipient[]): Recipient[] {
  const seen = new Map(recipients.map((r) => [`${r.organisationId}|${r.role}`, r]));
  return [...seen.values()];
}
