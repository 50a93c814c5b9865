import { bankHolidaySet } from '@throughcare/calendar';
import { NoticeType } from '@throughcare/contracts';

import {
  acknowledgementDeadline,
  closeOnAcknowledgement,
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

describe(closeOnAcknowledgement.name, () => {
  const uncomputed = {
    role: 'CJIT' as const,
    issuedAt: new Date('2026-12-07T10:00:00Z'),
    releaseDate: null,
    required: null,
    dueAt: null,
  };
  const at = new Date('2026-12-07T10:00:05Z');

  it('computes a deadline the sweeper has not reached yet, so the row keeps when it was due (ACK-04)', () => {
    expect(
      closeOnAcknowledgement(
        { ...uncomputed, noticeType: NoticeType.Unplanned },
        'ACCEPTED',
        at,
        SETTINGS,
      ),
    ).toEqual({
      required: 'ACCEPTED',
      dueAt: new Date('2026-12-07T11:00:00Z'),
      closedAt: at,
      closedBy: 'ACCEPTED',
    });
  });

  it('leaves a bridging request open on an early ACCEPTED: it asks for ACTIONED', () => {
    const bridging = {
      ...uncomputed,
      role: 'RELEASING_PRISON' as const,
      noticeType: NoticeType.BridgingScriptRequested,
      releaseDate: '2026-12-09',
    };
    expect(closeOnAcknowledgement(bridging, 'ACCEPTED', at, SETTINGS)).toBeNull();
    expect(closeOnAcknowledgement(bridging, 'ACTIONED', at, SETTINGS)).toMatchObject({
      required: 'ACTIONED',
      closedBy: 'ACTIONED',
    });
  });

  it('keeps a computed deadline as it is', () => {
    const dueAt = new Date('2026-12-08T00:00:00Z');
    expect(
      closeOnAcknowledgement(
        { ...uncomputed, noticeType: NoticeType.TwoDays, required: 'ACCEPTED', dueAt },
        'ACTIONED',
        at,
        SETTINGS,
      ),
    ).toEqual({ required: 'ACCEPTED', dueAt, closedAt: at, closedBy: 'ACTIONED' });
  });
});
