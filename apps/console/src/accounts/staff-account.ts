/**
 * Staff accounts of the console (CSL-1): a person signs in as themselves, with one role bound
 * either to establishments (people in custody there) or to an organisation (what it was sent).
 */
export const STAFF_ROLES = [
  'release-team',
  'healthcare',
  'prescriber',
  'community-service',
  'probation',
  'admin',
] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** Roles that act for people held at their establishments. */
export const ESTABLISHMENT_ROLES: readonly StaffRole[] = [
  'release-team',
  'healthcare',
  'prescriber',
];
/** Roles that act for an organisation that receives notices. */
export const ORGANISATION_ROLES: readonly StaffRole[] = ['community-service', 'probation'];

export const ROLE_NAMES: Record<StaffRole, string> = {
  'release-team': 'Release team',
  healthcare: 'Healthcare',
  prescriber: 'Prescriber',
  'community-service': 'Community service',
  probation: 'Probation',
  admin: 'Admin',
};

export interface StaffAccount {
  id: string;
  username: string;
  displayName: string;
  role: StaffRole;
  establishments: string[];
  organisationId: string | null;
  /** null for a person who signs in through the OpenID Connect provider (oidcSubject). */
  passwordHash: string | null;
  oidcSubject: string | null;
  totpSecret: string | null;
  failedAttempts: number;
  lockedUntil: Date | null;
}

/** The signed-in person as a session carries them: no secrets. */
export interface StaffIdentity {
  accountId: string;
  username: string;
  displayName: string;
  role: StaffRole;
  establishments: string[];
  organisationId: string | null;
}

export function identityOf(account: StaffAccount): StaffIdentity {
  return {
    accountId: account.id,
    username: account.username,
    displayName: account.displayName,
    role: account.role,
    establishments: account.establishments,
    organisationId: account.organisationId,
  };
}

const ESTABLISHMENT = /^[A-Z]{3}$/;
const ORGANISATION = /^[a-z0-9-]{3,64}$/;
const USERNAME = /^[a-z0-9._@-]{3,100}$/;

/** Why an account's role and binding do not fit together (CSL-1); empty when they do. */
export function bindingProblems(input: {
  username: string;
  role: string;
  establishments: string[];
  organisationId: string | null;
}): Array<{ field: string; message: string }> {
  const problems: Array<{ field: string; message: string }> = [];
  if (!USERNAME.test(input.username))
    problems.push({
      field: 'username',
      message: 'Enter a username of 3 to 100 lower-case letters, digits, dots, @ or -',
    });
  if (!(STAFF_ROLES as readonly string[]).includes(input.role)) {
    problems.push({ field: 'role', message: 'Select a role' });
    return problems;
  }
  const role = input.role as StaffRole;
  if (ESTABLISHMENT_ROLES.includes(role)) {
    if (
      input.establishments.length === 0 ||
      !input.establishments.every((e) => ESTABLISHMENT.test(e))
    )
      problems.push({
        field: 'establishments',
        message: 'Enter one or more 3-letter prison codes, like LEI',
      });
    if (input.organisationId)
      problems.push({
        field: 'organisationId',
        message: 'A prison role is bound to establishments, not an organisation',
      });
  } else if (ORGANISATION_ROLES.includes(role)) {
    if (!input.organisationId || !ORGANISATION.test(input.organisationId))
      problems.push({
        field: 'organisationId',
        message: 'Enter the organisation id, like leeds-cjit',
      });
    if (input.establishments.length > 0)
      problems.push({
        field: 'establishments',
        message: 'A community role is bound to an organisation, not establishments',
      });
  } else if (input.establishments.length > 0 || input.organisationId) {
    problems.push({
      field: 'role',
      message: 'An admin is bound to no establishment or organisation',
    });
  }
  return problems;
}

/** Whether the person may act for people held at this establishment (CSL-4). */
export function coversEstablishment(
  identity: StaffIdentity,
  establishment: string | null,
): boolean {
  if (identity.role === 'admin') return true;
  if (!ESTABLISHMENT_ROLES.includes(identity.role)) return false;
  return establishment !== null && identity.establishments.includes(establishment);
}
