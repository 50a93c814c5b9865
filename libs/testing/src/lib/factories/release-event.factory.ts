import { randomUUID } from 'node:crypto';

import type { NoticeDueV1, ReleasePlannedV1 } from '@throughcare/contracts';

/** A valid `throughcare.release.planned` payload (docs/hub-interface.md §6), with overrides. */
export function buildReleaseEvent(overrides: Partial<ReleasePlannedV1> = {}): ReleasePlannedV1 {
  return {
    eventId: randomUUID(),
    prisonNumber: 'A1234BC',
    establishment: 'LEI',
    releaseDate: '2026-12-18',
    releaseType: 'CONDITIONAL_RELEASE',
    supervision: {
      onLicence: true,
      offenderManager: {
        name: 'Sam Patel',
        email: 'sam.patel@probation.example',
        organisationId: 'yorkshire-probation',
      },
    },
    releaseArea: { localAuthorityCode: 'E08000035' },
    clinical: { onOst: true, ostMedicine: 'METHADONE', doseMg: 60, opiateHistory: true },
    ...overrides,
  };
}

export function buildNoticeDue(overrides: Partial<NoticeDueV1> = {}): NoticeDueV1 {
  const { occurredAt: _occurredAt, ...release } = buildReleaseEvent();
  return {
    noticeId: randomUUID(),
    noticeType: 'throughcare.notice.release.six-weeks',
    prisonNumber: release.prisonNumber,
    milestone: 'SIX_WEEKS',
    dueAt: '2026-11-06T09:00:00.000Z',
    issuedAt: '2026-11-06T09:00:01.000Z',
    shortNotice: false,
    fridayOrPreHoliday: true,
    release,
    ...overrides,
  };
}

/** A prison number no other test uses: a letter, 4 digits, 2 letters. */
export function uniquePrisonNumber(): string {
  const letters = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
  const pick = () => letters[Math.floor(Math.random() * letters.length)];
  return `${pick()}${String(Math.floor(Math.random() * 10_000)).padStart(4, '0')}${pick()}${pick()}`;
}
