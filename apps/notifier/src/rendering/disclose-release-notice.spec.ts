import { buildNoticeDue } from '@throughcare/testing';

import { discloseReleaseNotice } from './disclose-release-notice';

describe(discloseReleaseNotice.name, () => {
  it('withholds everything from community recipients while no signed release plan is on record', () => {
    expect(discloseReleaseNotice('CJIT', buildNoticeDue())).toEqual({
      decision: 'WITHHOLD',
      rule: 'community-needs-signed-release-plan',
    });
    expect(discloseReleaseNotice('COMMUNITY_PROVIDER', buildNoticeDue()).decision).toBe('WITHHOLD');
  });

  it('gives the OM release logistics and nothing clinical', () => {
    const sut = discloseReleaseNotice('OFFENDER_MANAGER', buildNoticeDue());
    expect(sut.decision).toBe('SEND');
    const fields = sut.decision === 'SEND' ? Object.keys(sut.fields).sort() : [];
    expect(fields).toEqual([
      'establishment',
      'fridayOrPreHoliday',
      'onLicence',
      'releaseDate',
      'releaseType',
      'shortNotice',
    ]);
  });
});
