import type { StaffIdentity } from '../accounts/staff-account';
import { type BridgingRequest, issuedBody, prescriberQueue } from './prescribing';

const REQUEST: BridgingRequest = {
  id: 'r1',
  prisonNumber: 'A1000AA',
  establishment: 'LEI',
  status: 'OPEN',
  releaseKind: 'PLANNED',
  releaseDate: '2026-12-05',
  urgent: false,
  fridayOrPreHoliday: false,
  openedAt: '2026-12-03T09:00:00Z',
  coverFrom: '2026-12-05',
  coverUntil: '2026-12-07',
};
const PAT: StaffIdentity = {
  accountId: 'id',
  username: 'pat.p',
  displayName: 'Dr Pat Price',
  role: 'prescriber',
  establishments: ['LEI'],
  organisationId: null,
};

describe('the prescriber queue (OST-03, OST-07)', () => {
  it('puts urgent requests first, then the oldest', () => {
    const queue = prescriberQueue([
      { ...REQUEST, id: 'old', openedAt: '2026-12-01T09:00:00Z' },
      {
        ...REQUEST,
        id: 'court',
        urgent: true,
        releaseKind: 'COURT',
        openedAt: '2026-12-03T10:00:00Z',
      },
      { ...REQUEST, id: 'new' },
    ]);
    expect(queue.map((r) => r.id)).toEqual(['court', 'old', 'new']);
  });

  it('signs the script with the signed-in prescriber, whatever the form says (CSL-5)', () => {
    expect(
      issuedBody(
        { form: 'FP10', coverUntil: '2026-12-07', prescriber: 'someone else', pharmacy: ' ' },
        PAT,
        new Date('2026-12-03T10:00:00Z'),
      ),
    ).toEqual({
      form: 'FP10',
      prescriber: { name: 'Dr Pat Price' },
      issuedAt: '2026-12-03T10:00:00.000Z',
      coverUntil: '2026-12-07',
    });
  });
});
