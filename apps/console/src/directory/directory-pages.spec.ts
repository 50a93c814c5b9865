import {
  apiKeyFormProblems,
  contactFieldOf,
  contactsFormOf,
  contactsFromForm,
  type Organisation,
  organisationRows,
  organisationSummary,
  type Subscription,
  subscriptionRows,
} from './directory-pages';

const CJIT: Organisation = {
  organisationId: 'leeds-cjit',
  type: 'CJIT',
  name: 'Leeds CJIT',
  localAuthorityCodes: ['E08000035'],
  establishments: [],
  spoc: { name: 'Duty worker', email: 'duty@leeds-cjit.example', phone: '0113 000 0000' },
  createdAt: '2026-12-01T09:00:00Z',
};
const PRISON: Organisation = {
  organisationId: 'hmp-leeds',
  type: 'PRISON',
  name: 'HMP Leeds',
  localAuthorityCodes: [],
  establishments: ['LEI'],
  spoc: { name: 'Healthcare SPOC', email: 'spoc@hmp-leeds.example' },
  createdAt: '2026-12-01T10:00:00Z',
};
const HOOK: Subscription = {
  id: '0b7e4c2a-5d1f-4a8e-9c3b-2f6d8e1a7b90',
  organisationId: 'leeds-cjit',
  url: 'https://hooks.leeds-cjit.example/in',
  types: ['throughcare.notice.*'],
  status: 'ACTIVE',
  createdAt: '2026-12-01T09:05:00Z',
  failingSince: null,
  disabledAt: null,
};

describe("the console's directory pages for admins", () => {
  it('lists organisations by name with what each covers and its contact', () => {
    expect(organisationRows([PRISON, CJIT])).toEqual([
      {
        organisationId: 'hmp-leeds',
        href: '/admin/organisations/hmp-leeds',
        name: 'HMP Leeds',
        type: 'Prison',
        covers: 'LEI',
        spoc: 'Healthcare SPOC, spoc@hmp-leeds.example',
      },
      {
        organisationId: 'leeds-cjit',
        href: '/admin/organisations/leeds-cjit',
        name: 'Leeds CJIT',
        type: 'Criminal justice intervention team',
        covers: 'E08000035',
        spoc: 'Duty worker, duty@leeds-cjit.example, 0113 000 0000',
      },
    ]);
  });

  it('summarises one organisation and only its own webhooks', () => {
    const summary = organisationSummary(CJIT, [
      HOOK,
      { ...HOOK, id: 'other', organisationId: 'hmp-leeds' },
    ]);
    expect(summary.rows.map((row) => [row.key.text, row.value.text])).toEqual([
      ['Organisation id', 'leeds-cjit'],
      ['Type', 'Criminal justice intervention team'],
      ['Local authority areas', 'E08000035'],
      ['Single point of contact', 'Duty worker, duty@leeds-cjit.example, 0113 000 0000'],
      ['Second contact', 'None'],
      ['Registered', '1 December 2026 at 09:00:00'],
    ]);
    expect(summary.subscriptions.map((s) => s.id)).toEqual([HOOK.id]);
  });

  it('puts disabled webhooks first, offering to switch them on, and marks failing ones', () => {
    const rows = subscriptionRows([
      HOOK,
      { ...HOOK, id: 'failing', failingSince: '2026-12-02T08:00:00Z' },
      { ...HOOK, id: 'off', status: 'DISABLED', disabledAt: '2026-12-02T09:00:00Z' },
    ]);
    expect(rows.map((r) => [r.id, r.status.text, r.enableable, r.since])).toEqual([
      ['off', 'Disabled', true, '2026-12-02T09:00:00Z'],
      [HOOK.id, 'Active', false, null],
      ['failing', 'Failing', false, '2026-12-02T08:00:00Z'],
    ]);
  });

  it('asks for establishments on a prison key only, and a registered-looking organisation id', () => {
    expect(
      apiKeyFormProblems({
        organisationId: 'hmp-leeds',
        role: 'prison',
        establishments: 'lei mdi',
      }),
    ).toEqual([]);
    expect(
      apiKeyFormProblems({ organisationId: 'leeds-cjit', role: 'subscriber', establishments: '' }),
    ).toEqual([]);
    expect(
      apiKeyFormProblems({ organisationId: 'Leeds CJIT', role: 'prison', establishments: '' }).map(
        (p) => p.field,
      ),
    ).toEqual(['organisationId', 'establishments']);
    expect(
      apiKeyFormProblems({
        organisationId: 'leeds-cjit',
        role: 'subscriber',
        establishments: 'LEI',
      }),
    ).toEqual([{ field: 'establishments', message: 'Only a prison key has establishments' }]);
    expect(
      apiKeyFormProblems({ organisationId: 'leeds-cjit', role: 'root', establishments: '' }),
    ).toEqual([{ field: 'role', message: 'Select a role' }]);
  });

  it('turns the contacts form into the API body, removing a second contact left empty and refusing half of one', () => {
    const form = contactsFormOf(CJIT);
    expect(form).toEqual({
      spocName: 'Duty worker',
      spocEmail: 'duty@leeds-cjit.example',
      spocPhone: '0113 000 0000',
      secondName: '',
      secondEmail: '',
      secondPhone: '',
    });
    expect(contactsFromForm(form)).toEqual({
      problems: [],
      body: { spoc: CJIT.spoc },
    });
    expect(
      contactsFromForm({
        ...form,
        spocPhone: '',
        secondName: 'Duty manager',
        secondEmail: 'm@x.example',
      }).body,
    ).toEqual({
      spoc: { name: 'Duty worker', email: 'duty@leeds-cjit.example' },
      secondContact: { name: 'Duty manager', email: 'm@x.example' },
    });
    expect(
      contactsFromForm({ ...form, spocEmail: '', secondPhone: '0113' }).problems.map(
        (p) => p.field,
      ),
    ).toEqual(['spocEmail', 'secondName', 'secondEmail']);
  });

  it("names the form field of the API's field problem", () => {
    expect(contactFieldOf('spoc.email')).toBe('spocEmail');
    expect(contactFieldOf('secondContact.phone')).toBe('secondPhone');
    expect(contactFieldOf('spoc')).toBe('spocName');
  });
});
