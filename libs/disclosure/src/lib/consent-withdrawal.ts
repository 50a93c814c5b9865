import { ALL_FIELDS, type DisclosureRecord } from './disclosure-fields';
import type { ConsentState } from './consent-state';
import { allowedFieldsFor } from './decide-disclosure';
import type { RecipientRole } from './recipient-role';

const OUT_OF_PRISON_ROLES: readonly RecipientRole[] = [
  'COMMUNITY_PROVIDER',
  'CJIT',
  'OFFENDER_MANAGER',
];

/**
 * The roles a new consent version takes something away from: anything they could see under the
 * previous version and can no longer see now (risk overrides aside; they are judged at send time).
 * Those roles' queued notices are re-decided at once, and those who hold data are told.
 */
export function rolesLosingAccess(
  previous: ConsentState | null,
  current: ConsentState,
  at: Date,
): RecipientRole[] {
  return OUT_OF_PRISON_ROLES.filter((role) => {
    const before = new Set(
      allowedFieldsFor({ kind: 'RELEASE', role, consent: previous, overrides: [], at }),
    );
    const now = new Set(
      allowedFieldsFor({ kind: 'RELEASE', role, consent: current, overrides: [], at }),
    );
    return [...before].some((field) => !now.has(field));
  });
}

/** A record with every field present: lets tests and checks ask "what could this rule ever send". */
export function fullRecord(prisonNumber: string): DisclosureRecord {
  return Object.fromEntries([
    ...ALL_FIELDS.map((field) => [field, `<${field}>`]),
    ['prisonNumber', prisonNumber],
  ]) as DisclosureRecord;
}
