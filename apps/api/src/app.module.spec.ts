import { randomBytes } from 'node:crypto';

import { SystemClock } from '@throughcare/clock';
import { validateEnv } from '@throughcare/service-config';

import { ApiModule } from './app.module';
import { apiConfigFromEnv } from './config/api.config';
import { ApiEnv } from './config/api.env';
import { OpenApiModule } from './openapi/openapi.module';

// The docs page (/v1/docs) and the document it reads (/v1/openapi.json) are mounted or not from
// the environment (docs/configuration.md, "Production mode"); the module list is what decides.
describe('ApiModule: the docs page from the environment', () => {
  const key = () => randomBytes(32).toString('base64');
  const environment = (overrides: Record<string, string>) => ({
    PORT: '3000',
    DATABASE_URL: 'postgres://owner@db.internal:5432/throughcare',
    HUB_SECRET_KEY: key(),
    HUB_FIELD_KEYS: `k1:${key()}`,
    HUB_FIELD_KEY_ID: 'k1',
    ...overrides,
  });
  const production = {
    NODE_ENV: 'production',
    API_DATABASE_URL: 'postgres://throughcare_api:pw@db.internal:5432/throughcare',
  };
  const mountsDocs = (overrides: Record<string, string>) =>
    (
      ApiModule.forRoot(
        apiConfigFromEnv(validateEnv(ApiEnv, environment(overrides))),
        new SystemClock(),
      ).imports ?? []
    ).includes(OpenApiModule);

  it.each([
    ['development, unset', true, { NODE_ENV: 'development' }],
    ['production, unset', false, production],
    ['production, HUB_DOCS_ENABLED=true', true, { ...production, HUB_DOCS_ENABLED: 'true' }],
    ['development, HUB_DOCS_ENABLED=false', false, { HUB_DOCS_ENABLED: 'false' }],
  ])('%s: mounted %s', (_case, mounted, overrides) => {
    expect(mountsDocs(overrides)).toBe(mounted);
  });
});
