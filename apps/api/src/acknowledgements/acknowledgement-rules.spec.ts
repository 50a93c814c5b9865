import type { AcknowledgementV1 } from '@throughcare/contracts';

import { acknowledgementErrors, describeAcknowledgement } from './acknowledgement-rules';

const NOW = new Date('2026-12-03T12:00:00Z');

describe(acknowledgementErrors.name, () => {
  it('accepts each status with what it needs', () => {
    const bodies: AcknowledgementV1[] = [
      { status: 'RECEIVED' },
      { status: 'ACCEPTED' },
      { status: 'ACTIONED', action: { kind: 'APPOINTMENT_BOOKED', at: '2026-12-09T10:00:00Z' } },
      { status: 'ACTIONED', action: { kind: 'SCRIPT_DISPENSED', at: '2026-12-03T11:00:00Z' } },
      { status: 'DECLINED', reason: 'not our area' },
    ];
    for (const body of bodies) expect(acknowledgementErrors(body, NOW)).toEqual([]);
  });

  it('refuses an action without ACTIONED, a reason without DECLINED, and attendance in the future', () => {
    expect(
      acknowledgementErrors(
        { status: 'ACCEPTED', action: { kind: 'SCRIPT_DISPENSED', at: '2026-12-03T11:00:00Z' } },
        NOW,
      ).map((e) => e.field),
    ).toEqual(['action']);
    expect(
      acknowledgementErrors({ status: 'ACCEPTED', reason: 'x' }, NOW).map((e) => e.field),
    ).toEqual(['reason']);
    expect(
      acknowledgementErrors(
        {
          status: 'ACTIONED',
          action: { kind: 'FIRST_APPOINTMENT_ATTENDED', at: '2026-12-04T10:00:00Z' },
        },
        NOW,
      ).map((e) => e.field),
    ).toEqual(['action.at']);
  });
});

describe(describeAcknowledgement.name, () => {
  it('says what was done, by whom, and why a notice was declined', () => {
    expect(
      describeAcknowledgement({
        status: 'DECLINED',
        organisationId: 'leeds-cjit',
        noticeType: 'throughcare.notice.release.unplanned',
        action: null,
        reason: 'not our area',
      }),
    ).toBe('DECLINED of unplanned by leeds-cjit: not our area');
  });
});
