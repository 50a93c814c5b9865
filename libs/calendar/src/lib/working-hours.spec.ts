import { bankHolidaySet } from './bank-holidays';
import { addWorkingTime, parseWorkingHours } from './working-hours';

const HOURS = {
  start: '09:00',
  end: '17:00',
  zone: 'Europe/London',
  bankHolidays: bankHolidaySet(),
};
const HOUR = 3_600_000;

describe(addWorkingTime.name, () => {
  it.each([
    ['within the day', '2026-12-02T10:00:00Z', '2026-12-02T11:00:00.000Z'],
    ['before opening: from 09:00', '2026-12-02T06:00:00Z', '2026-12-02T10:00:00.000Z'],
    ['across the close: the rest next morning', '2026-12-02T16:30:00Z', '2026-12-03T09:30:00.000Z'],
    ['a Friday afternoon: Monday', '2026-12-04T16:30:00Z', '2026-12-07T09:30:00.000Z'],
    ['a Saturday: Monday', '2026-12-05T12:00:00Z', '2026-12-07T10:00:00.000Z'],
    [
      'Christmas Eve after hours: past two bank holidays and a weekend',
      '2026-12-24T18:00:00Z',
      '2026-12-29T10:00:00.000Z',
    ],
    ['summer time: 09:00 London is 08:00 UTC', '2026-07-01T07:00:00Z', '2026-07-01T09:00:00.000Z'],
  ])('one working hour %s', (_case, from, due) => {
    expect(addWorkingTime(new Date(from), HOUR, HOURS).toISOString()).toBe(due);
  });

  it('counts round the clock with 00:00-24:00, still skipping weekends', () => {
    const allDay = { ...HOURS, start: '00:00', end: '24:00' };
    expect(addWorkingTime(new Date('2026-12-02T23:30:00Z'), HOUR, allDay).toISOString()).toBe(
      '2026-12-03T00:30:00.000Z',
    );
    expect(addWorkingTime(new Date('2026-12-05T12:00:00Z'), HOUR, allDay).toISOString()).toBe(
      '2026-12-07T01:00:00.000Z',
    );
  });

  it('refuses working hours that do not read start-end', () => {
    expect(parseWorkingHours('09:00-17:00')).toEqual({ start: '09:00', end: '17:00' });
    expect(() => parseWorkingHours('17:00-09:00')).toThrow(RangeError);
    expect(() => parseWorkingHours('9-5')).toThrow(RangeError);
  });
});
