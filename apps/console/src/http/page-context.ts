import { ESTABLISHMENT_ROLES, ROLE_NAMES, type StaffIdentity } from '../accounts/staff-account';
import type { ConsoleRequest } from './console-request';

/** The service navigation a person sees: only the pages their role opens. */
function navigationFor(identity: StaffIdentity | undefined, path: string) {
  if (!identity) return [];
  const items: Array<{ href: string; text: string }> = [];
  if (identity.role === 'admin' || ESTABLISHMENT_ROLES.includes(identity.role))
    items.push({ href: '/caseload', text: 'Caseload' });
  if (identity.role === 'community-service' || identity.role === 'probation')
    items.push({ href: '/deliveries', text: 'Notices sent to you' });
  if (identity.role === 'prescriber')
    items.push({ href: '/prescribing', text: 'Bridging requests' });
  if (identity.role === 'admin') {
    items.push({ href: '/admin/accounts', text: 'Staff accounts' });
    items.push({ href: '/admin/audit', text: 'Audit' });
    items.push({ href: '/admin/organisations', text: 'Organisations' });
    items.push({ href: '/admin/subscriptions', text: 'Webhooks' });
    items.push({ href: '/admin/api-keys', text: 'API keys' });
  }
  items.push({ href: '/account', text: 'Your account' });
  return items.map((item) => ({
    ...item,
    active: path === item.href || path.startsWith(`${item.href}/`),
  }));
}

/** What every page's layout reads: who is signed in, the CSRF token of its forms, the CSP nonce. */
export function pageContext(request: ConsoleRequest): Record<string, unknown> {
  const data = request.consoleSession?.data;
  const identity = data?.identity;
  return {
    identity,
    roleName: identity ? ROLE_NAMES[identity.role] : undefined,
    navigation: navigationFor(identity, request.path),
    csrfToken: data?.csrfToken,
    cspNonce: request.cspNonce,
    currentPath: request.path,
  };
}
