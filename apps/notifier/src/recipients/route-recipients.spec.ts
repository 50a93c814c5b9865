import { NoticeType } from '@throughcare/contracts';
import { buildNoticeDue } from '@throughcare/testing';

import { routeNotice, type DirectoryEntry } from './route-recipients';

describe(routeNotice.name, () => {
  const directory: DirectoryEntry[] = [
    {
      organisationId: 'leeds-cjit',
      type: 'CJIT',
      localAuthorityCodes: ['E08000035'],
      establishments: [],
    },
    {
      organisationId: 'leeds-cp',
      type: 'COMMUNITY_PROVIDER',
      localAuthorityCodes: ['E08000035'],
      establishments: [],
    },
    {
      organisationId: 'bradford-cjit',
      type: 'CJIT',
      localAuthorityCodes: ['E08000032'],
      establishments: [],
    },
    {
      organisationId: 'yorkshire-probation',
      type: 'PROBATION',
      localAuthorityCodes: ['E08000035'],
      establishments: [],
    },
    {
      organisationId: 'hmp-leeds',
      type: 'PRISON',
      localAuthorityCodes: [],
      establishments: ['LEI'],
    },
  ];

  it("sends a milestone to the release area's CJIT and community provider and the OM's probation service", () => {
    expect(routeNotice(buildNoticeDue(), directory, [])).toEqual([
      { organisationId: 'leeds-cjit', role: 'CJIT' },
      { organisationId: 'leeds-cp', role: 'COMMUNITY_PROVIDER' },
      { organisationId: 'yorkshire-probation', role: 'OFFENDER_MANAGER' },
    ]);
  });

  it('leaves probation out when the person is not on licence', () => {
    const notice = buildNoticeDue();
    notice.release!.supervision = { onLicence: false };
    expect(routeNotice(notice, directory, []).map((r) => r.role)).not.toContain('OFFENDER_MANAGER');
  });

  it('finds no one for an area with no registered organisation', () => {
    const notice = buildNoticeDue();
    notice.release!.releaseArea.localAuthorityCode = 'E06000001';
    notice.release!.supervision = { onLicence: false };
    expect(routeNotice(notice, directory, [])).toEqual([]);
  });

  it('sends a rescheduled or cancelled notice to exactly those already told', () => {
    const told = [
      { organisationId: 'yorkshire-probation', role: 'OFFENDER_MANAGER' as const },
      { organisationId: 'yorkshire-probation', role: 'OFFENDER_MANAGER' as const },
    ];
    for (const noticeType of [NoticeType.Rescheduled, NoticeType.Cancelled]) {
      expect(routeNotice(buildNoticeDue({ noticeType }), directory, told)).toEqual([told[0]]);
    }
  });

  it("sends an unplanned release to the court release's area and the OM", () => {
    const notice = buildNoticeDue({
      noticeType: NoticeType.Unplanned,
      cause: {
        type: 'throughcare.court-release.released',
        eventId: '9d3b8f54-67a7-4d0a-9a4c-0d9f6a1b2c3d',
        occurredAt: '2026-11-20T15:10:00Z',
        establishment: 'LEI',
        releaseArea: { localAuthorityCode: 'E08000032' },
      },
    });
    expect(routeNotice(notice, directory, [])).toEqual([
      { organisationId: 'bradford-cjit', role: 'CJIT' },
      { organisationId: 'yorkshire-probation', role: 'OFFENDER_MANAGER' },
    ]);
  });

  it("falls back to the holding prison's SPOC when the area of an unplanned release is unknown", () => {
    const notice = buildNoticeDue({
      noticeType: NoticeType.Unplanned,
      release: undefined,
      cause: {
        type: 'throughcare.court-release.released',
        eventId: '9d3b8f54-67a7-4d0a-9a4c-0d9f6a1b2c3d',
        occurredAt: '2026-11-20T15:10:00Z',
        establishment: 'LEI',
      },
    });
    expect(routeNotice(notice, directory, [])).toEqual([
      { organisationId: 'hmp-leeds', role: 'PRISON' },
    ]);
  });
});
