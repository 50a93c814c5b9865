/**
 * What admins see of the hub's directory (docs/console.md): organisations as `GET
 * /v1/organisations` answers them, their webhooks as `GET /v1/subscriptions` does, and the form
 * that issues an API key (`POST /v1/api-keys`). Pure functions of the API's answers.
 */
import { formatDateTime } from '../http/configure-console-http';

export interface Contact {
  name: string;
  email: string;
  phone?: string;
}

export interface Organisation {
  organisationId: string;
  type: 'COMMUNITY_PROVIDER' | 'CJIT' | 'PROBATION' | 'PRISON';
  name: string;
  localAuthorityCodes?: string[];
  establishments?: string[];
  spoc: Contact;
  secondContact?: Contact;
  createdAt: string;
}

export interface Subscription {
  id: string;
  organisationId: string;
  url: string;
  types: string[];
  status: 'ACTIVE' | 'DISABLED';
  createdAt: string;
  failingSince: string | null;
  disabledAt: string | null;
}

export const ORGANISATION_TYPE_NAMES: Record<Organisation['type'], string> = {
  COMMUNITY_PROVIDER: 'Community treatment provider',
  CJIT: 'Criminal justice intervention team',
  PROBATION: 'Probation',
  PRISON: 'Prison',
};

const contactText = (contact: Contact) =>
  [contact.name, contact.email, contact.phone].filter(Boolean).join(', ');

/** What an organisation covers: its prisons, or the local authority areas it serves. */
function coverage(organisation: Organisation): string {
  const covered =
    organisation.type === 'PRISON' ? organisation.establishments : organisation.localAuthorityCodes;
  return (covered ?? []).join(', ') || 'nothing';
}

/** The directory's table, by name. */
export function organisationRows(organisations: Organisation[]) {
  return [...organisations]
    .sort(
      (a, b) => a.name.localeCompare(b.name) || a.organisationId.localeCompare(b.organisationId),
    )
    .map((organisation) => ({
      organisationId: organisation.organisationId,
      href: `/admin/organisations/${encodeURIComponent(organisation.organisationId)}`,
      name: organisation.name,
      type: ORGANISATION_TYPE_NAMES[organisation.type] ?? organisation.type,
      covers: coverage(organisation),
      spoc: contactText(organisation.spoc),
    }));
}

/** One organisation as a GOV.UK summary list, then its webhooks. */
export function organisationSummary(organisation: Organisation, subscriptions: Subscription[]) {
  const rows: Array<{ key: { text: string }; value: { text: string } }> = [
    ['Organisation id', organisation.organisationId],
    ['Type', ORGANISATION_TYPE_NAMES[organisation.type] ?? organisation.type],
    [
      organisation.type === 'PRISON' ? 'Establishments' : 'Local authority areas',
      coverage(organisation),
    ],
    ['Single point of contact', contactText(organisation.spoc)],
    [
      'Second contact',
      organisation.secondContact ? contactText(organisation.secondContact) : 'None',
    ],
    ['Registered', formatDateTime(organisation.createdAt)],
  ].map(([key, value]) => ({ key: { text: key as string }, value: { text: value as string } }));
  return {
    organisationId: organisation.organisationId,
    name: organisation.name,
    rows,
    subscriptions: subscriptionRows(
      subscriptions.filter((s) => s.organisationId === organisation.organisationId),
    ),
  };
}

/** Webhooks, disabled ones first (they hold notices back until switched on again). */
export function subscriptionRows(subscriptions: Subscription[]) {
  return [...subscriptions]
    .sort(
      (a, b) =>
        Number(b.status === 'DISABLED') - Number(a.status === 'DISABLED') ||
        a.organisationId.localeCompare(b.organisationId) ||
        a.createdAt.localeCompare(b.createdAt),
    )
    .map((subscription) => ({
      id: subscription.id,
      organisationId: subscription.organisationId,
      url: subscription.url,
      types: subscription.types.join(', '),
      status:
        subscription.status === 'DISABLED'
          ? { text: 'Disabled', classes: 'govuk-tag--red' }
          : subscription.failingSince
            ? { text: 'Failing', classes: 'govuk-tag--yellow' }
            : { text: 'Active', classes: 'govuk-tag--green' },
      since: subscription.disabledAt ?? subscription.failingSince,
      enableable: subscription.status === 'DISABLED',
    }));
}

export const API_KEY_ROLES = ['admin', 'prison', 'subscriber'] as const;

export interface ApiKeyForm {
  organisationId: string;
  role: string;
  establishments: string;
}

/**
 * The issue form's problems before the API is asked (the API checks again): an organisation
 * id, a role, and establishments for a prison key only (ACC-2).
 */
export function apiKeyFormProblems(form: ApiKeyForm): Array<{ field: string; message: string }> {
  const problems: Array<{ field: string; message: string }> = [];
  if (!/^[a-z0-9-]{3,64}$/.test(form.organisationId))
    problems.push({
      field: 'organisationId',
      message: 'Enter the organisation id, like leeds-cjit',
    });
  if (!(API_KEY_ROLES as readonly string[]).includes(form.role))
    problems.push({ field: 'role', message: 'Select a role' });
  const establishments = establishmentsOf(form.establishments);
  if (
    form.role === 'prison' &&
    (establishments.length === 0 || !establishments.every((e) => /^[A-Z]{3}$/.test(e)))
  )
    problems.push({
      field: 'establishments',
      message: 'Enter one or more 3-letter prison codes, like LEI',
    });
  if (form.role !== 'prison' && establishments.length > 0)
    problems.push({ field: 'establishments', message: 'Only a prison key has establishments' });
  return problems;
}

export function establishmentsOf(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((e) => e.toUpperCase());
}

/** The contacts form's fields, as posted. */
export const CONTACT_FIELDS = [
  'spocName',
  'spocEmail',
  'spocPhone',
  'secondName',
  'secondEmail',
  'secondPhone',
] as const;
export type ContactsForm = Record<(typeof CONTACT_FIELDS)[number], string>;

export function contactsFormOf(organisation: Organisation): ContactsForm {
  return {
    spocName: organisation.spoc.name,
    spocEmail: organisation.spoc.email,
    spocPhone: organisation.spoc.phone ?? '',
    secondName: organisation.secondContact?.name ?? '',
    secondEmail: organisation.secondContact?.email ?? '',
    secondPhone: organisation.secondContact?.phone ?? '',
  };
}

const contactOf = (name: string, email: string, phone: string): Contact => ({
  name,
  email,
  ...(phone ? { phone } : {}),
});

/**
 * The `PUT /v1/organisations/{id}/contacts` body from the form, or what is missing. A second
 * contact left wholly empty is removed; one half filled in is a problem, not a guess.
 */
export function contactsFromForm(form: ContactsForm): {
  body?: { spoc: Contact; secondContact?: Contact };
  problems: Array<{ field: string; message: string }>;
} {
  const problems: Array<{ field: string; message: string }> = [];
  if (!form.spocName)
    problems.push({ field: 'spocName', message: 'Enter the name of the single point of contact' });
  if (!form.spocEmail)
    problems.push({
      field: 'spocEmail',
      message: 'Enter the e-mail address of the single point of contact',
    });
  const second = Boolean(form.secondName || form.secondEmail || form.secondPhone);
  if (second && !form.secondName)
    problems.push({
      field: 'secondName',
      message: 'Enter the name of the second contact, or leave all of its fields empty',
    });
  if (second && !form.secondEmail)
    problems.push({
      field: 'secondEmail',
      message: 'Enter the e-mail address of the second contact, or leave all of its fields empty',
    });
  if (problems.length > 0) return { problems };
  return {
    problems,
    body: {
      spoc: contactOf(form.spocName, form.spocEmail, form.spocPhone),
      ...(second
        ? { secondContact: contactOf(form.secondName, form.secondEmail, form.secondPhone) }
        : {}),
    },
  };
}

/** The form field of an API problem's field (`spoc.email` is `spocEmail`). */
export function contactFieldOf(apiField: string): string {
  const [contact, part = 'name'] = apiField.split('.');
  const prefix = contact === 'secondContact' ? 'second' : 'spoc';
  return `${prefix}${part.charAt(0).toUpperCase()}${part.slice(1)}`;
}
