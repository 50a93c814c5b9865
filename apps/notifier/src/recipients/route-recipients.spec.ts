import { buildNoticeDue } from '@throughcare/testing';

import { routeReleaseNotice, type DirectoryEntry } from './route-recipients';

describe(routeReleaseNotice.name, () => {
  const directory: DirectoryEntry[] = [
    { organisationId: 'leeds-cjit', type: 'CJIT', localAuthorityCodes: ['E08000035'] },
    { organisationId: 'leeds-cp', type: 'COMMUNITY_PROVIDER', localAuthorityCodes: ['E08000035'] },
    { organisationId: 'bradford-cjit', type: 'CJIT', localAuthorityCodes: ['E08000032'] },
    {
      organisationId: 'yorkshire-probation',
      type: 'PROBATION',
      localAuthorityCodes: ['E08000035'],
    },
  ];

  it("sends to the release area's CJIT and community provider and the OM's probation service", () => {
    const sut = routeReleaseNotice(buildNoticeDue(), directory);
    expect(sut).toEqual([
      { organisationId: 'leeds-cjit', role: 'CJIT' },
      { organisationId: 'leeds-cp', role: 'COMMUNITY_PROVIDER' },
      { organisationId: 'yorkshire-probation', role: 'OFFENDER_MANAGER' },
    ]);
  });

  it('leaves probation out when the person is not on licence', () => {
    const notice = buildNoticeDue();
    notice.release.supervision = { onLicence: false };
    expect(routeReleaseNotice(notice, directory).map((r) => r.role)).not.toContain(
      'OFFENDER_MANAGER',
    );
  });

  it('finds no one for an area with no registered organisation', () => {
    const notice = buildNoticeDue();
    notice.release.releaseArea.localAuthorityCode = 'E06000001';
    notice.release.supervision = { onLicence: false };
    expect(routeReleaseNotice(notice, directory)).toEqual([]);
  });
});
