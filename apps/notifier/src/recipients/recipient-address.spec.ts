import { buildReleaseEvent } from '@throughcare/testing';

import { emailAddressOf } from './recipient-address';

describe(emailAddressOf.name, () => {
  const probation = { spoc: { name: 'Probation SPOC', email: 'spoc@probation.example' } };
  const { occurredAt: _occurredAt, ...release } = buildReleaseEvent({
    supervision: {
      onLicence: true,
      offenderManager: {
        name: 'A. Officer',
        email: 'a.officer@probation.example',
        organisationId: 'yorkshire-probation',
      },
    },
  });

  it("e-mails the named offender manager, not only their organisation's SPOC (REL-08)", () => {
    const om = {
      recipientRole: 'OFFENDER_MANAGER' as const,
      organisationId: 'yorkshire-probation',
    };
    expect(emailAddressOf(om, { release }, probation)).toBe('a.officer@probation.example');
  });

  it('uses the SPOC for another organisation, another role, or a release naming no OM', () => {
    const other = { recipientRole: 'OFFENDER_MANAGER' as const, organisationId: 'other-probation' };
    expect(emailAddressOf(other, { release }, probation)).toBe('spoc@probation.example');
    const cjit = { recipientRole: 'CJIT' as const, organisationId: 'yorkshire-probation' };
    expect(emailAddressOf(cjit, { release }, probation)).toBe('spoc@probation.example');
    const om = {
      recipientRole: 'OFFENDER_MANAGER' as const,
      organisationId: 'yorkshire-probation',
    };
    expect(emailAddressOf(om, {}, probation)).toBe('spoc@probation.example');
  });
});
