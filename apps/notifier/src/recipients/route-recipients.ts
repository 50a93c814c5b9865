import type { NoticeDueV1, OrganisationType } from '@throughcare/contracts';

export type RecipientRole = 'COMMUNITY_PROVIDER' | 'CJIT' | 'OFFENDER_MANAGER';

export interface DirectoryEntry {
  organisationId: string;
  type: OrganisationType;
  localAuthorityCodes: readonly string[];
}

export interface Recipient {
  organisationId: string;
  role: RecipientRole;
}

/**
 * Who gets a release milestone notice (contract.md §4): the release area's community providers
 * and CJITs, and the offender manager's probation organisation when the person is on licence.
 */
export function routeReleaseNotice(
  notice: NoticeDueV1,
  directory: readonly DirectoryEntry[],
): Recipient[] {
  const area = notice.release.releaseArea.localAuthorityCode;
  const community = directory
    .filter(
      (o) =>
        (o.type === 'COMMUNITY_PROVIDER' || o.type === 'CJIT') &&
        o.localAuthorityCodes.includes(area),
    )
    .map((o): Recipient => ({
      organisationId: o.organisationId,
      role: o.type as 'COMMUNITY_PROVIDER' | 'CJIT',
    }));
  const omOrganisation = notice.release.supervision.onLicence
    ? notice.release.supervision.offenderManager?.organisationId
    : undefined;
  const probation = directory
    .filter((o) => o.type === 'PROBATION' && o.organisationId === omOrganisation)
    .map((o): Recipient => ({ organisationId: o.organisationId, role: 'OFFENDER_MANAGER' }));
  return [...community, ...probation];
}
