import {
  databaseUrlProblems,
  runtimeDatabaseUrl,
  runtimeRoleOf,
  runtimeUrlVariable,
} from './database-roles';

describe('database roles', () => {
  const owner = 'postgres://postgres:ownersecret@db.internal:5432/throughcare';

  it('names each service its own runtime URL variable and default role', () => {
    expect(runtimeUrlVariable('continuity')).toBe('CONTINUITY_DATABASE_URL');
    expect(runtimeRoleOf('notifier')).toEqual({ name: 'throughcare_notifier' });
    expect(runtimeRoleOf('api', 'postgres://hub_api:s%40cret@db/throughcare')).toEqual({
      name: 'hub_api',
      password: 's@cret',
    });
  });

  it('outside production, runs as the default role on the owner URL, without its password', () => {
    const url = new URL(runtimeDatabaseUrl('planner', { NODE_ENV: 'test', DATABASE_URL: owner }));
    expect(url.username).toBe('throughcare_planner');
    expect(url.password).toBe('');
    expect(url.pathname).toBe('/throughcare');
    expect(databaseUrlProblems('planner', { NODE_ENV: 'test', DATABASE_URL: owner })).toEqual([]);
  });

  it('in production, requires a runtime URL of its own, never the owner role', () => {
    expect(databaseUrlProblems('api', { NODE_ENV: 'production', DATABASE_URL: owner })).toEqual([
      expect.stringMatching(/^API_DATABASE_URL: required when NODE_ENV=production/),
    ]);
    const asOwner = { NODE_ENV: 'production', DATABASE_URL: owner, runtimeUrl: owner };
    expect(databaseUrlProblems('api', asOwner)).toEqual([
      expect.stringMatching(/^API_DATABASE_URL: must name a role other than/),
    ]);
    const own = { NODE_ENV: 'production', runtimeUrl: 'postgres://hub_api:x@db/throughcare' };
    expect(databaseUrlProblems('api', own)).toEqual([]);
    expect(runtimeDatabaseUrl('api', own)).toBe(own.runtimeUrl);
  });

  it('never echoes a URL, which may carry a password', () => {
    const problems = databaseUrlProblems('api', {
      NODE_ENV: 'production',
      DATABASE_URL: owner,
      runtimeUrl: owner,
    });
    expect(problems.join(' ')).not.toContain('ownersecret');
  });
});
