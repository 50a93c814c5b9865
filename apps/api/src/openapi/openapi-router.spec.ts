import 'reflect-metadata';

import { randomBytes } from 'node:crypto';

import { SystemClock } from '@throughcare/clock';
import { validateEnv } from '@throughcare/service-config';

import { ApiModule } from '../app.module';
import { apiConfigFromEnv } from '../config/api.config';
import { ApiEnv } from '../config/api.env';
import { controllersOf, liveRoutes, type LiveRoute } from './live-routes';
import { buildOpenApiDocument } from './openapi-document';

interface DocumentedOperation {
  'x-roles': string[];
  security: unknown[];
  responses: Record<string, unknown>;
}

/**
 * Served but not an API operation: the docs page's own scripts and styles (GET /v1/docs is
 * documented). Each is checked to be mounted, so this list cannot outlive the route.
 */
const NOT_OPERATIONS: readonly LiveRoute[] = [
  { method: 'get', path: '/v1/docs/{asset}', status: 200, roles: 'public' },
];

const key = () => randomBytes(32).toString('base64');

/** The API as it starts with the docs page mounted: every route it can serve. */
function mountedRoutes(): LiveRoute[] {
  const env = validateEnv(ApiEnv, {
    PORT: '3000',
    DATABASE_URL: 'postgres://owner@127.0.0.1:5432/throughcare',
    HUB_SECRET_KEY: key(),
    HUB_FIELD_KEYS: `k1:${key()}`,
    HUB_FIELD_KEY_ID: 'k1',
    HUB_DOCS_ENABLED: 'true',
  });
  return liveRoutes(controllersOf(ApiModule.forRoot(apiConfigFromEnv(env), new SystemClock())));
}

/** Every operation in the OpenAPI document, said the same way. */
function documentedRoutes(): LiveRoute[] {
  const paths = buildOpenApiDocument()['paths'] as Record<
    string,
    Record<string, DocumentedOperation>
  >;
  return Object.entries(paths).flatMap(([path, operations]) =>
    Object.entries(operations).map(([method, operation]) => ({
      method,
      path,
      status: Number(Object.keys(operation.responses).find((status) => /^2\d\d$/.test(status))),
      roles: operation.security.length === 0 ? ('public' as const) : operation['x-roles'],
    })),
  );
}

const byRoute = (a: LiveRoute, b: LiveRoute) =>
  `${a.path} ${a.method}`.localeCompare(`${b.path} ${b.method}`);

describe('the OpenAPI document and the live router', () => {
  it('list the same routes, each with the same method, success status and roles', () => {
    const mounted = mountedRoutes();
    expect(mounted).toEqual(expect.arrayContaining([...NOT_OPERATIONS]));
    const operations = mounted.filter(
      (route) =>
        !NOT_OPERATIONS.some((not) => not.method === route.method && not.path === route.path),
    );
    expect(operations.length).toBeGreaterThan(20);
    expect(documentedRoutes().sort(byRoute)).toEqual(operations.sort(byRoute));
  });

  it('tells a role the guard would refuse from one it allows', () => {
    const consent = mountedRoutes().find(
      (route) => route.method === 'put' && route.path === '/v1/people/{prisonNumber}/consent',
    );
    expect(consent).toEqual({
      method: 'put',
      path: '/v1/people/{prisonNumber}/consent',
      status: 200,
      roles: ['admin', 'prison'],
    });
  });
});
