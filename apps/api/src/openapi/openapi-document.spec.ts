import 'reflect-metadata';

import { NotFoundException, StreamableFile } from '@nestjs/common';
import { IsString } from 'class-validator';

import { ALL_NOTICE_TYPES, contractJsonSchemas } from '@throughcare/contracts';

import { PROBLEM_CONTENT_TYPE } from '../http/problem-details';
import { buildOpenApiDocument, referencedSchemaNames } from './openapi-document';
import { API_OPERATIONS } from './openapi-paths';
import { OpenApiController } from './openapi.controller';

// Request DTOs that the intake and API-key work is adding to libs/contracts: a $ref to one of
// these may dangle until it lands. Remove each name once contractJsonSchemas() has it.
const UPCOMING_SCHEMAS = [
  'ApiKeyRequestV1',
  'CourtReleaseV1',
  'ReceptionReceivedV1',
  'ReleaseCancelledV1',
  'ReleaseDischargedV1',
  'TransferCompletedV1',
];

// Another class-validator class in the same process, as the env classes are in the running API.
class UnrelatedSettings {
  @IsString() SOME_SETTING!: string;
}

interface Operation {
  operationId: string;
  security: unknown[];
  'x-roles': string[];
  description: string;
  responses: Record<string, { content?: Record<string, { schema: unknown }> }>;
}

const document = buildOpenApiDocument();
const paths = document['paths'] as Record<string, Record<string, Operation>>;
const schemas = (document['components'] as { schemas: Record<string, unknown> }).schemas;

function operation(method: string, path: string): Operation {
  const found = paths[path]?.[method];
  if (!found) throw new Error(`no ${method} ${path} in the document`);
  return found;
}

describe(buildOpenApiDocument.name, () => {
  it('is OpenAPI 3.1 with a bearer scheme', () => {
    expect(document['openapi']).toBe('3.1.0');
    expect(document['components']).toMatchObject({
      securitySchemes: { apiKey: { type: 'http', scheme: 'bearer' } },
    });
  });

  it.each(API_OPERATIONS.map((op) => [op.method.toUpperCase(), op.path, op.operationId]))(
    'has %s %s as %s',
    (method, path, operationId) => {
      expect(operation(method.toLowerCase(), path).operationId).toBe(operationId);
    },
  );

  it('gives every operation its own operationId', () => {
    const ids = API_OPERATIONS.map((op) => op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('resolves every $ref, except request DTOs still being added', () => {
    const missing = [...referencedSchemaNames(document)].filter((name) => !(name in schemas));
    const unexpected = missing.filter((name) => !UPCOMING_SCHEMAS.includes(name));
    expect(unexpected).toEqual([]);
  });

  it('includes the schemas the request bodies reference, and ProblemDetails', () => {
    expect(Object.keys(schemas)).toEqual(
      expect.arrayContaining([
        'OrganisationV1',
        'SpocV1',
        'SubscriptionRequestV1',
        'ReleasePlannedV1',
        'SupervisionV1',
        'ReleaseClinicalV1',
        'ProblemDetails',
      ]),
    );
    expect(operation('post', '/v1/events/release')).toMatchObject({
      requestBody: {
        content: {
          'application/json': { schema: { $ref: '#/components/schemas/ReleasePlannedV1' } },
        },
      },
    });
  });

  it('leaves out class-validator classes that no request uses', () => {
    expect(contractJsonSchemas()).toHaveProperty(UnrelatedSettings.name);
    expect(schemas).not.toHaveProperty(UnrelatedSettings.name);
    expect(schemas).not.toHaveProperty('CloudEventEnvelopeV1');
  });

  it.each([400, 401, 403, 409, 413, 422, 503])(
    'answers POST /v1/events/release %i with a problem',
    (status) => {
      expect(operation('post', '/v1/events/release').responses[status]).toEqual({
        description: expect.any(String),
        content: {
          [PROBLEM_CONTENT_TYPE]: { schema: { $ref: '#/components/schemas/ProblemDetails' } },
        },
      });
    },
  );

  it('answers POST /v1/events/release 202 with the event id and its timeline', () => {
    expect(operation('post', '/v1/events/release').responses['202']).toMatchObject({
      content: {
        'application/json': { schema: { required: ['eventId', 'status', 'timeline'] } },
      },
    });
  });

  it('needs no key for the public routes', () => {
    for (const [method, path] of [
      ['get', '/v1/openapi.json'],
      ['get', '/v1/docs'],
      ['get', '/health/live'],
      ['get', '/health/ready'],
      ['get', '/metrics'],
    ] as const) {
      expect(operation(method, path).security).toEqual([]);
    }
  });

  it('needs a bearer key, names the roles and documents 401 and 403 everywhere else', () => {
    for (const op of API_OPERATIONS) {
      if (op.roles === 'public') continue;
      const built = operation(op.method, op.path);
      expect(built.security).toEqual([{ apiKey: [] }]);
      expect(built['x-roles']).toEqual(op.roles);
      expect(built.description).toContain(
        `Roles: ${op.roles.map((role) => `\`${role}\``).join(', ')}.`,
      );
      expect(Object.keys(built.responses)).toEqual(expect.arrayContaining(['401', '403']));
    }
  });

  it('documents 429 with Retry-After on every route (docs/security/access-rules.md RATE-1..3)', () => {
    for (const op of API_OPERATIONS) {
      expect(operation(op.method, op.path).responses['429']).toMatchObject({
        headers: { 'Retry-After': { schema: { type: 'integer' } } },
        content: { [PROBLEM_CONTENT_TYPE]: expect.any(Object) },
      });
    }
  });

  it('is deterministic, with sorted paths and schemas', () => {
    expect(JSON.stringify(buildOpenApiDocument())).toBe(JSON.stringify(document));
    const sorted = (keys: string[]) => [...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    expect(Object.keys(paths)).toEqual(sorted(Object.keys(paths)));
    expect(Object.keys(schemas)).toEqual(sorted(Object.keys(schemas)));
  });
});

describe(OpenApiController.name, () => {
  const controller = new OpenApiController(document);
  const response = { setHeader: jest.fn() };

  it('serves the document', () => {
    expect(controller.openApiDocument()).toBe(document);
  });

  it('serves a page that loads only local assets and points Swagger UI at the document', () => {
    const page = controller.docsPage();
    expect(page).toContain('src="/v1/docs/swagger-ui-bundle.js"');
    expect(page).not.toMatch(/https?:\/\//);
    const initializer = controller
      .docsAsset('swagger-initializer.js', response)
      .getStream()
      .read() as Buffer;
    expect(initializer.toString()).toContain("url: '/v1/openapi.json'");
  });

  it('serves an allow-listed swagger-ui-dist file, cacheable', () => {
    expect(controller.docsAsset('swagger-ui.css', response)).toBeInstanceOf(StreamableFile);
    expect(response.setHeader).toHaveBeenCalledWith('Cache-Control', 'public, max-age=3600');
  });

  it.each(['../package.json', '..%2Fpackage.json', 'package.json', 'constructor', '__proto__'])(
    'refuses %s',
    (asset) => {
      const refused = { setHeader: jest.fn() };
      expect(() => controller.docsAsset(asset, refused)).toThrow(NotFoundException);
      expect(refused.setHeader).not.toHaveBeenCalled();
    },
  );
});

describe('notice webhooks', () => {
  type Webhook = {
    post: {
      parameters: Array<{ name: string; in: string }>;
      requestBody: { content: Record<string, { schema: { allOf: unknown[] } }> };
    };
  };
  const webhooks = document['webhooks'] as Record<string, Webhook>;

  it('has one per notice type, signed, its body a NoticeBody of that type', () => {
    expect(Object.keys(webhooks).sort()).toEqual([...ALL_NOTICE_TYPES].sort());
    for (const [type, webhook] of Object.entries(webhooks)) {
      expect(webhook.post.parameters.map((p) => `${p.in}:${p.name}`)).toEqual([
        'header:webhook-id',
        'header:webhook-timestamp',
        'header:webhook-signature',
      ]);
      expect(webhook.post.requestBody.content['application/json']?.schema.allOf).toEqual([
        { $ref: '#/components/schemas/NoticeBody' },
        { properties: { type: { const: type } } },
      ]);
    }
  });

  it('leaves every notice field optional but the disclosure, and keeps the prison number in subject', () => {
    const body = schemas['NoticeBody'] as {
      properties: { data: { required: string[]; properties: Record<string, unknown> } };
    };
    expect(body.properties.data.required).toEqual(['disclosure']);
    expect(body.properties.data.properties).not.toHaveProperty('prisonNumber');
    expect(body.properties.data.properties).toHaveProperty('release');
    for (const name of referencedSchemaNames(body)) expect(schemas).toHaveProperty(name);
  });
});
