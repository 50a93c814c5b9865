import { ladderContact, nextStep } from './escalation-ladder';

const spoc = (email: string) => ({ name: 'Duty', email });

describe(ladderContact.name, () => {
  const directory = {
    organisation: {
      organisationId: 'leeds-cjit',
      spoc: spoc('spoc@cjit.example'),
      secondContact: spoc('manager@cjit.example'),
    },
    releasingPrison: { organisationId: 'hmp-leeds', spoc: spoc('release-team@leeds.example') },
  };

  it('climbs SPOC, second contact, releasing prison (ACK-04)', () => {
    expect(ladderContact('SPOC', directory)?.email).toBe('spoc@cjit.example');
    expect(ladderContact('SECOND_CONTACT', directory)?.email).toBe('manager@cjit.example');
    expect(ladderContact('RELEASING_PRISON', directory)).toEqual({
      organisationId: 'hmp-leeds',
      email: 'release-team@leeds.example',
    });
    expect(nextStep('SPOC')).toBe('SECOND_CONTACT');
    expect(nextStep('SECOND_CONTACT')).toBe('RELEASING_PRISON');
    expect(nextStep('RELEASING_PRISON')).toBeNull();
  });

  it('has no one for a step whose contact is not registered', () => {
    const bare = {
      organisation: { ...directory.organisation, secondContact: null },
      releasingPrison: null,
    };
    expect(ladderContact('SECOND_CONTACT', bare)).toBeNull();
    expect(ladderContact('RELEASING_PRISON', bare)).toBeNull();
  });
});
