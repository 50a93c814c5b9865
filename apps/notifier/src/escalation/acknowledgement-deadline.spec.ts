import { bankHolidaySet } from '@throughcare/calendar';
import { NoticeType } from '@throughcare/contracts';

import {
  acknowledgementDeadline,
  meetsDeadline,
  requiredAcknowledgement,
  type DeadlineSettings,
} from './acknowledgement-deadline';

const SETTINGS: DeadlineSettings = {
  unplannedWithinMs: 3_600_000,
  releaseDayDeadlineTime: '00:00',
  workingHours: {
    start: '09:00',
    end: '17:00',
    zone: 'Europe/London',
    bankHolidays: bankHolidaySet(),
  },
};

describe(acknowledgementDeadline.name, () => {
  it('gives an unplanned release one working hour to be ACCEPTED (ACK-02)', () => {
    expect(
      acknowledgementDeadline(
        {
          noticeType: NoticeType.Unplanned,
          role: 'CJIT',
          issuedAt: new Date('2026-12-04T16:30:00Z'),
          releaseDate: null,
        },
        SETTINGS,
      ),
    ).toEqual({ required: 'ACCEPTED', dueAt: new Date('2026-12-07T09:30:00Z') });
  });

  it('wants a two-day notice ACCEPTED and a bridging request ACTIONED before the release day', () => {
    const issuedAt = new Date('2026-12-07T09:00:00Z');
    expect(
      acknowledgementDeadline(
        {
          noticeType: NoticeType.TwoDays,
          role: 'COMMUNITY_PROVIDER',
          issuedAt,
          releaseDate: '2026-12-09',
        },
        SETTINGS,
      ),
    ).toEqual({ required: 'ACCEPTED', dueAt: new Date('2026-12-09T00:00:00Z') });
    expect(
      acknowledgementDeadline(
        {
          noticeType: NoticeType.BridgingScriptRequested,
          role: 'RELEASING_PRISON',
          issuedAt: new Date('2026-07-07T08:00:00Z'),
          releaseDate: '2026-07-09',
        },
        SETTINGS,
      ),
    ).toEqual({ required: 'ACTIONED', dueAt: new Date('2026-07-08T23:00:00Z') });
  });

  it('gives a notice issued after its release-day deadline the working-hour one, never overdue at birth', () => {
    expect(
      acknowledgementDeadline(
        {
          noticeType: NoticeType.BridgingScriptRequested,
          role: 'RELEASING_PRISON',
          issuedAt: new Date('2026-12-09T10:00:00Z'),
          releaseDate: '2026-12-09',
        },
        SETTINGS,
      ),
    ).toEqual({ required: 'ACTIONED', dueAt: new Date('2026-12-09T11:00:00Z') });
  });

  it('owes nothing for other notices or recipients', () => {
    expect(requiredAcknowledgement(NoticeType.SixWeeks, 'CJIT')).toBeNull();
    expect(requiredAcknowledgement(NoticeType.Unplanned, 'RELEASING_PRISON')).toBeNull();
    expect(requiredAcknowledgement(NoticeType.BridgingScriptRequested, 'CJIT')).toBeNull();
  });
});

describe(meetsDeadline.name, () => {
  it('counts ACTIONED for ACCEPTED, never RECEIVED or DECLINED', () => {
    expect(meetsDeadline('ACCEPTED', 'ACCEPTED')).toBe(true);
    expect(meetsDeadline('ACTIONED', 'ACCEPTED')).toBe(true);
    expect(meetsDeadline('ACCEPTED', 'ACTIONED')).toBe(false);
    expect(meetsDeadline('RECEIVED', 'ACCEPTED')).toBe(false);
    expect(meetsDeadline('DECLINED', 'ACCEPTED')).toBe(false);
  });
});
