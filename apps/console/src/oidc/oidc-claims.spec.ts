import { parseRoleMap } from '../config/console.config';
import { claimAt, personFromClaims } from './oidc-claims';

const ISSUER = 'https://sign-in.hmpps.example/auth/issuer';
const MAPPING = {
  username: 'preferred_username',
  role: 'roles',
  roleMap: parseRoleMap(
    'ROLE_HUB_ADMIN=admin, ROLE_HUB_PRESCRIBER=prescriber, ROLE_HUB_CJIT=community-service',
  ),
  establishments: 'establishments',
  organisation: 'organisation',
};

describe('mapping an ID token to a console account (CSL-1)', () => {
  it('maps the first role of the map the person holds, with their establishments, keyed by issuer and sub', () => {
    const outcome = personFromClaims(
      ISSUER,
      {
        sub: 'abc-123',
        preferred_username: 'PAT_PRESCRIBER',
        name: 'Pat Prescriber',
        roles: ['ROLE_OTHER', 'ROLE_HUB_PRESCRIBER'],
        establishments: 'lei, MDI',
      },
      MAPPING,
    );
    expect(outcome).toEqual({
      kind: 'person',
      person: {
        subject: `${ISSUER} abc-123`,
        username: 'pat_prescriber',
        displayName: 'Pat Prescriber',
        role: 'prescriber',
        establishments: ['LEI', 'MDI'],
        organisationId: null,
      },
    });
  });

  it('takes the earlier role in the map when a person holds two, and binds an admin to nothing', () => {
    const outcome = personFromClaims(
      ISSUER,
      {
        sub: 's',
        preferred_username: 'ada.admin',
        roles: ['ROLE_HUB_PRESCRIBER', 'ROLE_HUB_ADMIN'],
        establishments: ['LEI'],
      },
      MAPPING,
    );
    expect(outcome).toMatchObject({
      kind: 'person',
      person: { role: 'admin', establishments: [] },
    });
  });

  it('binds a community service person to the organisation claim', () => {
    const outcome = personFromClaims(
      ISSUER,
      {
        sub: 's',
        preferred_username: 'cj.one',
        roles: 'ROLE_HUB_CJIT',
        organisation: 'leeds-cjit',
      },
      MAPPING,
    );
    expect(outcome).toMatchObject({
      kind: 'person',
      person: { role: 'community-service', organisationId: 'leeds-cjit', establishments: [] },
    });
  });

  it('refuses a person with no mapped role, saying so', () => {
    expect(
      personFromClaims(
        ISSUER,
        { sub: 's', preferred_username: 'x.y', roles: ['ROLE_OTHER'] },
        MAPPING,
      ),
    ).toEqual({
      kind: 'refused',
      username: 'x.y',
      detail: 'no mapped role',
      message: expect.stringContaining('does not give you a role in this service'),
    });
  });

  it('refuses a prison role without establishments and a community role without an organisation, never guessing', () => {
    expect(
      personFromClaims(
        ISSUER,
        { sub: 's', preferred_username: 'rx.one', roles: ['ROLE_HUB_PRESCRIBER'] },
        MAPPING,
      ),
    ).toMatchObject({ kind: 'refused', detail: 'prescriber without establishments' });
    expect(
      personFromClaims(
        ISSUER,
        {
          sub: 's',
          preferred_username: 'rx.one',
          roles: ['ROLE_HUB_PRESCRIBER'],
          establishments: ['LEEDS'],
        },
        MAPPING,
      ),
    ).toMatchObject({ kind: 'refused', message: expect.stringContaining('no prison you work at') });
    expect(
      personFromClaims(
        ISSUER,
        { sub: 's', preferred_username: 'cj.one', roles: ['ROLE_HUB_CJIT'] },
        MAPPING,
      ),
    ).toMatchObject({ kind: 'refused', detail: 'community-service without organisation' });
  });

  it('refuses a token without sub, and falls back to sub when there is no username claim', () => {
    expect(personFromClaims(ISSUER, { roles: ['ROLE_HUB_ADMIN'] }, MAPPING)).toMatchObject({
      kind: 'refused',
      detail: 'no sub claim',
    });
    expect(
      personFromClaims(ISSUER, { sub: 'Sub-42', roles: ['ROLE_HUB_ADMIN'] }, MAPPING),
    ).toMatchObject({
      kind: 'person',
      person: { username: 'sub-42', displayName: 'sub-42' },
    });
  });

  it('reads a claim by its name first, then as a dotted path into objects', () => {
    const claims = { 'https://hub/roles': ['a'], realm_access: { roles: ['b'] } };
    expect(claimAt(claims, 'https://hub/roles')).toEqual(['a']);
    expect(claimAt(claims, 'realm_access.roles')).toEqual(['b']);
    expect(claimAt(claims, 'realm_access.missing.deeper')).toBeUndefined();
  });

  it('refuses a role map naming a role the console does not have', () => {
    expect(() => parseRoleMap('ROLE_X=superuser')).toThrow(
      /CONSOLE_OIDC_ROLE_MAP: superuser is not one of/,
    );
  });
});
