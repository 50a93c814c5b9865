import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { declaredVariables, documentedVariables, validateEnv } from '@throughcare/service-config';

import { consoleConfigFromEnv } from './console.config';
import { ConsoleEnv } from './console.env';

const REQUIRED = {
  CONSOLE_DATABASE_URL: 'postgres://console@127.0.0.1:5432/hub',
  CONSOLE_API_KEY: 'k'.repeat(40),
};

describe('the console configuration', () => {
  it('documents exactly the variables ConsoleEnv declares in docs/configuration.md', () => {
    const doc = readFileSync(
      join(__dirname, '..', '..', '..', '..', 'docs', 'configuration.md'),
      'utf8',
    );
    expect(documentedVariables(doc, 'console')).toEqual(declaredVariables(ConsoleEnv));
  });

  it('defaults to secure cookies, a 30-minute idle timeout and a lockout after 5 failures', () => {
    const config = consoleConfigFromEnv(validateEnv(ConsoleEnv, REQUIRED));
    expect(config).toMatchObject({
      secureCookies: true,
      idleTimeoutSeconds: 1800,
      lockout: { attempts: 5, minutes: 15 },
    });
  });

  it('refuses a short API key, naming the variable and not the value', () => {
    expect(() => validateEnv(ConsoleEnv, { ...REQUIRED, CONSOLE_API_KEY: 'short-secret' })).toThrow(
      /CONSOLE_API_KEY must be at least 32 characters/,
    );
    expect(() =>
      validateEnv(ConsoleEnv, { ...REQUIRED, CONSOLE_API_KEY: 'short-secret' }),
    ).not.toThrow(/short-secret/);
  });

  it('refuses cookies without Secure and a plain-HTTP remote API in production (CSL-3)', () => {
    const env = validateEnv(ConsoleEnv, {
      ...REQUIRED,
      NODE_ENV: 'production',
      CONSOLE_SECURE_COOKIES: 'false',
      CONSOLE_API_URL: 'http://hub.internal:3000',
    });
    expect(() => consoleConfigFromEnv(env)).toThrow(/CONSOLE_SECURE_COOKIES[\s\S]*CONSOLE_API_URL/);
  });

  const OIDC = {
    CONSOLE_OIDC_ISSUER_URL: 'https://sign-in.hmpps.example/auth/issuer',
    CONSOLE_OIDC_CLIENT_ID: 'throughcare-console',
    CONSOLE_OIDC_CLIENT_SECRET: 'a client secret',
    CONSOLE_OIDC_REDIRECT_URL: 'https://console.example/sign-in/oidc/callback',
    CONSOLE_OIDC_ROLE_MAP: 'ROLE_A=release-team,ROLE_B=admin',
  };

  it('has no OpenID Connect sign-in without an issuer: the embedded accounts only', () => {
    expect(consoleConfigFromEnv(validateEnv(ConsoleEnv, REQUIRED)).oidc).toBeUndefined();
  });

  it('reads the OpenID Connect settings, the role map in the order written', () => {
    const config = consoleConfigFromEnv(validateEnv(ConsoleEnv, { ...REQUIRED, ...OIDC }));
    expect(config.oidc).toMatchObject({
      issuerUrl: OIDC.CONSOLE_OIDC_ISSUER_URL,
      scopes: 'openid profile',
      claims: {
        role: 'roles',
        roleMap: [
          { value: 'ROLE_A', role: 'release-team' },
          { value: 'ROLE_B', role: 'admin' },
        ],
      },
    });
  });

  it('refuses an issuer without its client, and client settings without an issuer', () => {
    const { CONSOLE_OIDC_CLIENT_SECRET: _secret, ...withoutSecret } = OIDC;
    expect(() =>
      consoleConfigFromEnv(validateEnv(ConsoleEnv, { ...REQUIRED, ...withoutSecret })),
    ).toThrow(/CONSOLE_OIDC_CLIENT_SECRET: needed with CONSOLE_OIDC_ISSUER_URL/);
    expect(() =>
      consoleConfigFromEnv(
        validateEnv(ConsoleEnv, { ...REQUIRED, CONSOLE_OIDC_CLIENT_ID: 'throughcare-console' }),
      ),
    ).toThrow(/CONSOLE_OIDC_CLIENT_ID: set without CONSOLE_OIDC_ISSUER_URL/);
  });

  it('refuses a plain-HTTP issuer or redirect URL in production, naming them and not the secret', () => {
    const env = validateEnv(ConsoleEnv, {
      ...REQUIRED,
      ...OIDC,
      NODE_ENV: 'production',
      CONSOLE_OIDC_ISSUER_URL: 'http://sign-in.hmpps.example/auth/issuer',
      CONSOLE_OIDC_REDIRECT_URL: 'http://console.example/sign-in/oidc/callback',
    });
    expect(() => consoleConfigFromEnv(env)).toThrow(
      /CONSOLE_OIDC_ISSUER_URL: must be https[\s\S]*CONSOLE_OIDC_REDIRECT_URL: must be https/,
    );
    expect(() => consoleConfigFromEnv(env)).not.toThrow(/a client secret/);
    expect(() =>
      consoleConfigFromEnv(
        validateEnv(ConsoleEnv, { ...REQUIRED, ...OIDC, NODE_ENV: 'production' }),
      ),
    ).not.toThrow();
  });

  it('refuses a redirect URL that is not the callback and scopes without openid', () => {
    expect(() =>
      validateEnv(ConsoleEnv, {
        ...REQUIRED,
        ...OIDC,
        CONSOLE_OIDC_REDIRECT_URL: 'https://console.example/',
      }),
    ).toThrow(/CONSOLE_OIDC_REDIRECT_URL must be/);
    expect(() =>
      validateEnv(ConsoleEnv, { ...REQUIRED, ...OIDC, CONSOLE_OIDC_SCOPES: 'profile email' }),
    ).toThrow(/CONSOLE_OIDC_SCOPES must be/);
  });
});
