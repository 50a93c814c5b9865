import { bankHolidaySet } from './bank-holidays';
import {
  bridgingCoverUntil,
  isFridayOrPreHoliday,
  localDate,
  localInstant,
  type MilestoneKind,
  type MilestoneSettings,
  planMilestones,
  releaseMilestones,
} from './release-milestones';

// Every expectation is a UTC instant worked out by hand: 09:00 Europe/London is 09:00Z in GMT
// (winter) and 08:00Z in BST (summer, from the last Sunday of March to the last Sunday of
// October; in 2026 from 29 March to 25 October, in 2027 from 28 March). Nothing here reads the
// host's zone, so the suite passes under any TZ (it is run with TZ=UTC and TZ=Asia/Tokyo).
const settings: MilestoneSettings = {
  localTime: '09:00',
  zone: 'Europe/London',
  bankHolidays: bankHolidaySet(),
};

describe(releaseMilestones.name, () => {
  it.each([
    // [case, release date, six weeks, two days, day of release]
    [
      'a plain Wednesday release in winter',
      '2026-11-18',
      '2026-10-07T08:00:00.000Z', // Wednesday 7 October, still BST
      '2026-11-16T09:00:00.000Z',
      '2026-11-18T09:00:00.000Z',
    ],
    [
      'a Friday release in winter',
      '2026-12-18',
      '2026-11-06T09:00:00.000Z',
      '2026-12-16T09:00:00.000Z',
      '2026-12-18T09:00:00.000Z',
    ],
    [
      'a summer release (all three in BST)',
      '2026-06-10',
      '2026-04-29T08:00:00.000Z',
      '2026-06-08T08:00:00.000Z',
      '2026-06-10T08:00:00.000Z',
    ],
    [
      'a release just after the spring clock change (six weeks in GMT, the rest in BST)',
      '2026-04-01',
      '2026-02-18T09:00:00.000Z',
      '2026-03-30T08:00:00.000Z',
      '2026-04-01T08:00:00.000Z',
    ],
  ])('%s (%s)', (_case, releaseDate, sixWeeks, twoDays, day) => {
    expect(
      releaseMilestones(releaseDate, settings).map((m) => [m.kind, m.dueAt.toISOString()]),
    ).toEqual([
      ['SIX_WEEKS', sixWeeks],
      ['TWO_DAYS', twoDays],
      ['DAY_OF_RELEASE', day],
    ]);
  });

  it.each<[string, string, MilestoneKind, string, string]>([
    // [case, release date, milestone, date it goes out, dueAt]
    // weekends
    [
      'six weeks on a Saturday',
      '2026-11-21',
      'SIX_WEEKS',
      '2026-10-09',
      '2026-10-09T08:00:00.000Z',
    ],
    ['six weeks on a Sunday', '2026-11-22', 'SIX_WEEKS', '2026-10-09', '2026-10-09T08:00:00.000Z'],
    ['two days on a Saturday', '2026-11-23', 'TWO_DAYS', '2026-11-20', '2026-11-20T09:00:00.000Z'],
    ['two days on a Sunday', '2026-11-24', 'TWO_DAYS', '2026-11-20', '2026-11-20T09:00:00.000Z'],
    [
      'day of on a Saturday',
      '2026-11-21',
      'DAY_OF_RELEASE',
      '2026-11-20',
      '2026-11-20T09:00:00.000Z',
    ],
    [
      'day of on a Sunday',
      '2026-11-22',
      'DAY_OF_RELEASE',
      '2026-11-20',
      '2026-11-20T09:00:00.000Z',
    ],
    // bank holidays
    [
      'six weeks on Christmas Day 2026 (Fri)',
      '2027-02-05',
      'SIX_WEEKS',
      '2026-12-24',
      '2026-12-24T09:00:00.000Z',
    ],
    [
      'day of on Christmas Day 2026 (Fri)',
      '2026-12-25',
      'DAY_OF_RELEASE',
      '2026-12-24',
      '2026-12-24T09:00:00.000Z',
    ],
    [
      'two days on the Boxing Day substitute (Mon 2026-12-28)',
      '2026-12-30',
      'TWO_DAYS',
      '2026-12-24',
      '2026-12-24T09:00:00.000Z',
    ],
    [
      "six weeks on New Year's Day 2027 (Fri)",
      '2027-02-12',
      'SIX_WEEKS',
      '2026-12-31',
      '2026-12-31T09:00:00.000Z',
    ],
    [
      'six weeks on Good Friday 2026 (3 April)',
      '2026-05-15',
      'SIX_WEEKS',
      '2026-04-02',
      '2026-04-02T08:00:00.000Z',
    ],
    [
      'two days on Easter Monday 2027 (29 March, back past Good Friday into GMT)',
      '2027-03-31',
      'TWO_DAYS',
      '2027-03-25',
      '2027-03-25T09:00:00.000Z',
    ],
    [
      'six weeks on Easter Monday 2027',
      '2027-05-10',
      'SIX_WEEKS',
      '2027-03-25',
      '2027-03-25T09:00:00.000Z',
    ],
    [
      'two days on the early May bank holiday (2026-05-04)',
      '2026-05-06',
      'TWO_DAYS',
      '2026-05-01',
      '2026-05-01T08:00:00.000Z',
    ],
    [
      'six weeks on the spring bank holiday (2026-05-25)',
      '2026-07-06',
      'SIX_WEEKS',
      '2026-05-22',
      '2026-05-22T08:00:00.000Z',
    ],
    [
      'day of on the August bank holiday (2026-08-31)',
      '2026-08-31',
      'DAY_OF_RELEASE',
      '2026-08-28',
      '2026-08-28T08:00:00.000Z',
    ],
    // Christmas 2027: Sat 25, Sun 26, Mon 27 and Tue 28 (substitutes) are all non-working
    [
      'two days on Tue 2027-12-28 (chain back to Fri 24th)',
      '2027-12-30',
      'TWO_DAYS',
      '2027-12-24',
      '2027-12-24T09:00:00.000Z',
    ],
    [
      'day of on Mon 2027-12-27 (chain back to Fri 24th)',
      '2027-12-27',
      'DAY_OF_RELEASE',
      '2027-12-24',
      '2027-12-24T09:00:00.000Z',
    ],
    // spring clock change, Sunday 29 March 2026
    [
      'two days on the Saturday before the spring change',
      '2026-03-30',
      'TWO_DAYS',
      '2026-03-27',
      '2026-03-27T09:00:00.000Z',
    ],
    [
      'two days on the spring change Sunday',
      '2026-03-31',
      'TWO_DAYS',
      '2026-03-27',
      '2026-03-27T09:00:00.000Z',
    ],
    [
      'two days on the Monday after the spring change',
      '2026-04-01',
      'TWO_DAYS',
      '2026-03-30',
      '2026-03-30T08:00:00.000Z',
    ],
    // autumn clock change, Sunday 25 October 2026
    [
      'two days on the Saturday before the autumn change',
      '2026-10-26',
      'TWO_DAYS',
      '2026-10-23',
      '2026-10-23T08:00:00.000Z',
    ],
    [
      'two days on the autumn change Sunday',
      '2026-10-27',
      'TWO_DAYS',
      '2026-10-23',
      '2026-10-23T08:00:00.000Z',
    ],
    [
      'two days on the Monday after the autumn change',
      '2026-10-28',
      'TWO_DAYS',
      '2026-10-26',
      '2026-10-26T09:00:00.000Z',
    ],
    [
      'six weeks on the autumn change Sunday',
      '2026-12-06',
      'SIX_WEEKS',
      '2026-10-23',
      '2026-10-23T08:00:00.000Z',
    ],
  ])('%s: release %s, %s on %s at %s', (_case, releaseDate, kind, date, dueAt) => {
    const milestone = releaseMilestones(releaseDate, settings).find((m) => m.kind === kind);
    expect([milestone?.date, milestone?.dueAt.toISOString()]).toEqual([date, dueAt]);
  });

  it.each([
    // [local time, release date, six weeks, day of release]
    ['07:30', '2026-11-18', '2026-10-07T06:30:00.000Z', '2026-11-18T07:30:00.000Z'],
    ['16:45', '2026-06-10', '2026-04-29T15:45:00.000Z', '2026-06-10T15:45:00.000Z'],
  ])('at a configured local time of %s (release %s)', (localTime, releaseDate, sixWeeks, day) => {
    const milestones = releaseMilestones(releaseDate, { ...settings, localTime });
    expect([milestones[0]?.dueAt.toISOString(), milestones[2]?.dueAt.toISOString()]).toEqual([
      sixWeeks,
      day,
    ]);
  });

  it('follows a configured holiday list instead of the shipped one', () => {
    const milestones = releaseMilestones('2026-12-25', {
      ...settings,
      bankHolidays: bankHolidaySet(['2026-12-23']),
    });
    // Christmas Day is a working day under this list; 23 December (its only holiday) is not.
    expect(milestones.map((m) => m.date)).toEqual(['2026-11-13', '2026-12-22', '2026-12-25']);
  });
});

describe(planMilestones.name, () => {
  const shortNotice = (plan: ReturnType<typeof planMilestones>) =>
    plan.kind === 'PLANNED' ? plan.milestones.map((m) => [m.kind, m.shortNotice]) : plan;

  it.each([
    // [case, release date, now, six weeks, two days, day of release: shortNotice]
    ['planned well ahead', '2027-02-05', '2026-11-01T10:00:00.000Z', false, false, false],
    ['three weeks ahead', '2026-12-09', '2026-11-18T10:00:00.000Z', true, false, false],
    ['a release tomorrow', '2026-11-18', '2026-11-17T12:00:00.000Z', true, true, false],
    [
      'a release today before 09:00 GMT',
      '2026-11-18',
      '2026-11-18T08:59:59.999Z',
      true,
      true,
      false,
    ],
    [
      'a release today at 09:00 exactly (due, so at once)',
      '2026-11-18',
      '2026-11-18T09:00:00.000Z',
      true,
      true,
      true,
    ],
    ['a release today after 09:00 GMT', '2026-11-18', '2026-11-18T10:00:00.000Z', true, true, true],
    // 08:30Z is 09:30 BST: the day-of notice (08:00Z) is due although 09:00Z has not come
    [
      'a summer release today after 09:00 BST',
      '2026-06-10',
      '2026-06-10T08:30:00.000Z',
      true,
      true,
      true,
    ],
    [
      'a summer release today before 09:00 BST',
      '2026-06-10',
      '2026-06-10T07:30:00.000Z',
      true,
      true,
      false,
    ],
    // 23:30Z on 10 June is 00:30 BST on 11 June: "today" is read in London, not in UTC
    [
      'a release "today" in London while still yesterday in UTC',
      '2026-06-11',
      '2026-06-10T23:30:00.000Z',
      true,
      true,
      false,
    ],
    // a Saturday release's day-of notice went out on the Friday: already due on the day
    ['a Saturday release today', '2026-11-21', '2026-11-21T08:00:00.000Z', true, true, true],
  ])('%s (%s at %s)', (_case, releaseDate, now, sixWeeks, twoDays, day) => {
    expect(shortNotice(planMilestones(releaseDate, new Date(now), settings))).toEqual([
      ['SIX_WEEKS', sixWeeks],
      ['TWO_DAYS', twoDays],
      ['DAY_OF_RELEASE', day],
    ]);
  });

  it.each([
    [
      'yesterday',
      '2026-11-17',
      '2026-11-18T00:00:00.000Z',
      'releaseDate 2026-11-17 is in the past',
    ],
    [
      'last year',
      '2025-12-01',
      '2026-11-18T10:00:00.000Z',
      'releaseDate 2025-12-01 is in the past',
    ],
    // 23:30Z on 10 June is already 11 June in London
    [
      'yesterday in London, today in UTC',
      '2026-06-10',
      '2026-06-10T23:30:00.000Z',
      'releaseDate 2026-06-10 is in the past',
    ],
    [
      'not a date',
      '2026-02-30',
      '2026-01-01T10:00:00.000Z',
      'releaseDate 2026-02-30 is not a calendar date',
    ],
  ])('refuses a release %s (%s at %s)', (_case, releaseDate, now, reason) => {
    expect(planMilestones(releaseDate, new Date(now), settings)).toEqual({
      kind: 'REFUSED',
      reason,
    });
  });

  it('plans dates and instants as releaseMilestones does, flagging a Friday release', () => {
    expect(planMilestones('2026-12-18', new Date('2026-12-01T12:00:00.000Z'), settings)).toEqual({
      kind: 'PLANNED',
      fridayOrPreHoliday: true,
      milestones: [
        {
          kind: 'SIX_WEEKS',
          date: '2026-11-06',
          dueAt: new Date('2026-11-06T09:00:00.000Z'),
          shortNotice: true,
        },
        {
          kind: 'TWO_DAYS',
          date: '2026-12-16',
          dueAt: new Date('2026-12-16T09:00:00.000Z'),
          shortNotice: false,
        },
        {
          kind: 'DAY_OF_RELEASE',
          date: '2026-12-18',
          dueAt: new Date('2026-12-18T09:00:00.000Z'),
          shortNotice: false,
        },
      ],
    });
  });

  it.each([
    ['a Friday', '2026-12-18', true],
    ['a Wednesday', '2026-12-16', false],
    ['Christmas Eve 2026 (Thursday)', '2026-12-24', true],
  ])('flags a release on %s (%s): %s', (_case, releaseDate, flagged) => {
    const plan = planMilestones(releaseDate, new Date('2026-11-01T00:00:00.000Z'), settings);
    expect(plan.kind === 'PLANNED' && plan.fridayOrPreHoliday).toBe(flagged);
  });
});

describe(isFridayOrPreHoliday.name, () => {
  it.each([
    ['2026-12-18', true], // a Friday
    ['2026-05-22', true], // the Friday before the spring bank holiday
    ['2026-08-28', true], // the Friday before the August bank holiday
    ['2026-12-24', true], // Thursday, Christmas Eve: the day before a bank holiday
    ['2026-04-02', true], // Thursday before Good Friday 2026
    ['2027-03-25', true], // Thursday before Good Friday 2027 (26 March)
    ['2026-12-31', true], // Thursday before New Year's Day 2027 (a Friday)
    ['2026-12-16', false], // a Wednesday
    ['2026-05-04', false], // the early May bank holiday itself: the Tuesday after is a working day
    ['2026-11-22', false], // a Sunday: the Monday after is a working day
  ])('%s -> %s', (releaseDate, expected) => {
    expect(isFridayOrPreHoliday(releaseDate, settings.bankHolidays)).toBe(expected);
  });
});

describe(bridgingCoverUntil.name, () => {
  it.each([
    ['a Wednesday', '2026-11-18', '2026-11-19'],
    ['a Friday', '2026-11-20', '2026-11-23'],
    ['a Friday before the August bank holiday Monday', '2026-08-28', '2026-09-01'],
    ['Christmas Eve 2026 (Thu; Fri 25th and Mon 28th are holidays)', '2026-12-24', '2026-12-29'],
    ['the Thursday before Easter 2027', '2027-03-25', '2027-03-30'],
    ['Christmas Eve 2027 (Fri; Mon 27th and Tue 28th are holidays)', '2027-12-24', '2027-12-29'],
    ["New Year's Eve 2026 (Thu; Fri 1 January is a holiday)", '2026-12-31', '2027-01-04'],
  ])('release on %s (%s): cover until %s', (_case, releaseDate, until) => {
    expect(bridgingCoverUntil(releaseDate, settings.bankHolidays)).toBe(until);
  });
});

describe(localInstant.name, () => {
  it.each([
    // [date, local time, UTC instant]: all in Europe/London, named explicitly
    ['2026-03-28', '09:00', '2026-03-28T09:00:00.000Z'], // Saturday before the spring change
    ['2026-03-30', '09:00', '2026-03-30T08:00:00.000Z'], // Monday after it
    ['2026-10-24', '09:00', '2026-10-24T08:00:00.000Z'], // Saturday before the autumn change
    ['2026-10-26', '09:00', '2026-10-26T09:00:00.000Z'], // Monday after it
    ['2026-07-01', '07:30', '2026-07-01T06:30:00.000Z'],
    // 01:30 does not exist on 29 March 2026 (01:00 GMT jumps to 02:00 BST): luxon moves it
    // forward an hour, to 02:30 BST = 01:30Z
    ['2026-03-29', '01:30', '2026-03-29T01:30:00.000Z'],
    // 01:30 happens twice on 25 October 2026 (BST, then GMT): luxon takes the GMT one
    ['2026-10-25', '01:30', '2026-10-25T01:30:00.000Z'],
  ])('%s %s Europe/London is %s', (date, localTime, instant) => {
    expect(localInstant(date, localTime, 'Europe/London').toISOString()).toBe(instant);
  });

  it.each([
    ['2026-02-30', '09:00', 'Europe/London'],
    ['2026-11-18', '9 am', 'Europe/London'],
    ['2026-11-18', '09:00', 'Not/AZone'],
  ])('refuses %s %s in %s', (date, localTime, zone) => {
    expect(() => localInstant(date, localTime, zone)).toThrow(/invalid local time/);
  });
});

describe(localDate.name, () => {
  it.each([
    // the host's zone plays no part: these hold under TZ=UTC and TZ=Asia/Tokyo alike
    ['2026-06-10T23:30:00.000Z', 'Europe/London', '2026-06-11'], // 00:30 BST
    ['2026-12-10T23:30:00.000Z', 'Europe/London', '2026-12-10'], // 23:30 GMT
    ['2026-06-10T15:30:00.000Z', 'Asia/Tokyo', '2026-06-11'],
    ['2026-06-10T15:30:00.000Z', 'UTC', '2026-06-10'],
  ])('%s in %s is %s', (instant, zone, date) => {
    expect(localDate(new Date(instant), zone)).toBe(date);
  });
});
