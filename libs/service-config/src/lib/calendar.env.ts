import { readFileSync } from 'node:fs';

import { IsOptional, IsString, Matches } from 'class-validator';

import { bankHolidaySet, isCalendarDateList, type MilestoneSettings } from '@throughcare/calendar';

import { ServiceEnv } from './service.env';

/**
 * The environment of a service that reads release dates on the hub's calendar (planner and
 * continuity): both must agree on the milestone time, the zone and the bank holidays, or the
 * two-day milestone and the working days a bridging script covers would drift apart.
 */
export class CalendarServiceEnv extends ServiceEnv {
  /** Local time the notices go out (docs/hub-interface.md §4: 09:00 Europe/London unless configured). */
  @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'MILESTONE_LOCAL_TIME must be HH:mm' })
  MILESTONE_LOCAL_TIME: string = '09:00';

  @IsString() MILESTONE_ZONE: string = 'Europe/London';

  /** A JSON array of YYYY-MM-DD that replaces the shipped England and Wales bank holidays. */
  @IsOptional() @IsString() BANK_HOLIDAYS_FILE?: string;
}

export function milestoneSettingsFromEnv(env: CalendarServiceEnv): MilestoneSettings {
  return {
    localTime: env.MILESTONE_LOCAL_TIME,
    zone: env.MILESTONE_ZONE,
    bankHolidays: loadBankHolidays(env.BANK_HOLIDAYS_FILE),
  };
}

function loadBankHolidays(file: string | undefined): ReadonlySet<string> {
  if (!file) return bankHolidaySet();
  const dates: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (!isCalendarDateList(dates))
    throw new Error('BANK_HOLIDAYS_FILE: must hold a JSON array of YYYY-MM-DD dates');
  return bankHolidaySet(dates);
}
