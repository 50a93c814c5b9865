import { bindingProblems, ROLE_NAMES, type StaffRole } from '../accounts/staff-account';
import type { OidcClaimMapping } from '../config/console.config';

/** What the console keeps of a person the provider vouched for: their account's fields. */
export interface ProviderPerson {
  /** `<issuer> <sub>`: the link between the provider's person and the console's account. */
  subject: string;
  username: string;
  displayName: string;
  role: StaffRole;
  establishments: string[];
  organisationId: string | null;
}

export type ClaimsOutcome =
  | { kind: 'person'; person: ProviderPerson }
  | { kind: 'refused'; username: string; detail: string; message: string };

/** A claim by name, or by dotted path into object claims (`realm_access.roles`). */
export function claimAt(claims: Record<string, unknown>, path: string): unknown {
  if (path in claims) return claims[path];
  let value: unknown = claims;
  for (const part of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** A list claim as strings: an array, or one string of values separated by commas or spaces. */
function listOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v) => typeof v === 'string').map((v) => v.trim());
  if (typeof value === 'string') return value.split(/[\s,]+/).filter(Boolean);
  return [];
}

/**
 * Maps an ID token's claims to a console role and binding (CSL-1). The provider decides who the
 * person is and what they hold; the console decides what that lets them open. A person with no
 * mapped role, or whose role lacks its establishments or organisation, is refused, never given a
 * guess: a wrong binding would show them people held elsewhere (CSL-4).
 */
export function personFromClaims(
  issuer: string,
  claims: Record<string, unknown>,
  mapping: OidcClaimMapping,
): ClaimsOutcome {
  const sub = typeof claims['sub'] === 'string' ? claims['sub'] : '';
  const rawUsername = claimAt(claims, mapping.username);
  const username = (typeof rawUsername === 'string' && rawUsername ? rawUsername : sub)
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9._@-]/g, '-')
    .slice(0, 100);
  const refused = (detail: string, message: string): ClaimsOutcome => ({
    kind: 'refused',
    username: username || 'unknown',
    detail,
    message,
  });
  if (!sub) return refused('no sub claim', 'Your sign-in did not say who you are.');

  const held = new Set(listOf(claimAt(claims, mapping.role)));
  const role = mapping.roleMap.find((entry) => held.has(entry.value))?.role;
  if (!role)
    return refused(
      'no mapped role',
      'Your account does not give you a role in this service. Ask your administrator for access.',
    );

  const bound = role === 'release-team' || role === 'healthcare' || role === 'prescriber';
  const community = role === 'community-service' || role === 'probation';
  const establishments = bound
    ? [...new Set(listOf(claimAt(claims, mapping.establishments)).map((e) => e.toUpperCase()))]
    : [];
  const organisationClaim = claimAt(claims, mapping.organisation);
  const organisationId =
    community && typeof organisationClaim === 'string' ? organisationClaim.trim() : null;
  const problems = bindingProblems({ username, role, establishments, organisationId });
  if (problems.some((p) => p.field === 'username'))
    return refused(
      'unusable username',
      'Your account has a username this service cannot use. Ask your administrator for access.',
    );
  if (problems.length > 0)
    return refused(
      `${role} without ${bound ? 'establishments' : 'organisation'}`,
      `Your account gives you the ${ROLE_NAMES[role].toLowerCase()} role but ${
        bound ? 'no prison you work at' : 'no organisation'
      }. Ask your administrator for access.`,
    );

  const name = typeof claims['name'] === 'string' ? claims['name'].trim() : '';
  return {
    kind: 'person',
    person: {
      subject: `${issuer} ${sub}`,
      username,
      displayName: (name || username).slice(0, 200),
      role,
      establishments,
      organisationId,
    },
  };
}
