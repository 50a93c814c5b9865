import { ALL_NOTICE_TYPES, contractJsonSchemas, type JsonSchema } from '@throughcare/contracts';

import { PROBLEM_CONTENT_TYPE } from '../http/problem-details';
import { API_OPERATIONS, type ApiOperation, type HttpMethod } from './openapi-paths';

export type OpenApiDocument = Record<string, unknown>;

export const SCHEMA_REF_PREFIX = '#/components/schemas/';
export const BEARER_SCHEME = 'apiKey';

const METHOD_ORDER: readonly HttpMethod[] = ['get', 'put', 'post', 'delete'];

const TAGS = [
  { name: 'Intake', description: 'Events from release teams and prison systems.' },
  { name: 'Person record', description: 'What the hub knows of a person and their release.' },
  { name: 'Directory', description: 'Organisations and their webhook subscriptions.' },
  { name: 'Deliveries', description: "A subscriber's deliveries, their attempts, and replay." },
  { name: 'API keys', description: 'Issuing and revoking bearer API keys.' },
  { name: 'Documentation', description: 'This document and its browsable page.' },
  { name: 'Operating', description: 'Health and metrics.' },
];

/** RFC 9457 problem details, as `apps/api/src/http/problem-details.ts` builds them. */
const PROBLEM_DETAILS_SCHEMA: JsonSchema = {
  type: 'object',
  required: ['type', 'title', 'status'],
  properties: {
    type: {
      type: 'string',
      format: 'uri',
      examples: ['https://throughcare-hub.example/problems/validation'],
    },
    title: { type: 'string' },
    status: { type: 'integer', minimum: 400, maximum: 599 },
    detail: { type: 'string' },
    instance: { type: 'string' },
    errors: {
      type: 'array',
      description: 'One entry per field that failed validation (400 only).',
      items: {
        type: 'object',
        required: ['field', 'pointer', 'detail'],
        properties: {
          field: { type: 'string', examples: ['clinical.doseMg'] },
          pointer: {
            type: 'string',
            description: 'JSON Pointer into the request body.',
            examples: ['/clinical/doseMg'],
          },
          detail: { type: 'string' },
        },
      },
    },
  },
};

// Every route is behind the per-address limit, every secured one behind the per-key and
// failed-authentication limits too (docs/security/access-rules.md RATE-1 to RATE-3).
const TOO_MANY_REQUESTS = {
  description:
    'Too many requests from this API key or client address, or too many failed authentications from this address: retry after the number of seconds in Retry-After.',
  headers: {
    'Retry-After': {
      description: 'Seconds until a request may succeed again.',
      schema: { type: 'integer', minimum: 1 },
    },
  },
  content: { [PROBLEM_CONTENT_TYPE]: { schema: schemaRef('ProblemDetails') } },
};

function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function schemaRef(name: string): JsonSchema {
  return { $ref: SCHEMA_REF_PREFIX + name };
}

/** Every `#/components/schemas/...` name that `value` references, at any depth. */
export function referencedSchemaNames(value: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(value)) {
    for (const item of value) referencedSchemaNames(item, found);
  } else if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (key === '$ref' && typeof child === 'string' && child.startsWith(SCHEMA_REF_PREFIX)) {
        found.add(child.slice(SCHEMA_REF_PREFIX.length));
      } else {
        referencedSchemaNames(child, found);
      }
    }
  }
  return found;
}

const NOTICE_BODY = 'NoticeBody';

const WEBHOOK_HEADERS = [
  ['webhook-id', "The notice id, the same on every retry and replay; equals the body's `id`."],
  ['webhook-timestamp', 'Unix time (seconds) of this attempt: every retry is signed afresh.'],
  [
    'webhook-signature',
    '`v1,` and the base64 HMAC-SHA256 of `${webhook-id}.${webhook-timestamp}.${raw body}` under your secret; two, space-separated, while a secret rotates.',
  ],
].map(([name, description]) => ({
  name,
  in: 'header',
  required: true,
  description,
  schema: { type: 'string' },
}));

/**
 * The body of every notice (docs/hub-interface.md §4): a CloudEvent whose `data` holds the fields
 * of the notice the disclosure rules allowed this recipient when it was sent (so any may be
 * absent), `late` for a release notice sent late, and the rule and consent version it was built
 * under. `subject` is the prison number, absent from non-identifying alerts.
 */
function noticeBodySchema(): JsonSchema {
  const notice = contractJsonSchemas()['NoticeDueV1'] as {
    properties?: Record<string, JsonSchema>;
  };
  const { prisonNumber: _subject, ...fields } = notice.properties ?? {};
  return {
    type: 'object',
    required: ['specversion', 'id', 'source', 'type', 'time', 'datacontenttype', 'data'],
    properties: {
      specversion: { const: '1.0' },
      id: { type: 'string', description: 'Equals the webhook-id header.' },
      source: { const: 'throughcare-hub' },
      type: { type: 'string', enum: [...ALL_NOTICE_TYPES] },
      subject: {
        type: 'string',
        description: 'The prison number; absent from non-identifying alerts.',
      },
      time: { type: 'string', format: 'date-time' },
      datacontenttype: { const: 'application/json' },
      data: {
        type: 'object',
        description:
          'Only the fields the disclosure rules allowed your organisation when the notice was sent: any field may be absent.',
        required: ['disclosure'],
        properties: {
          ...fields,
          late: {
            const: true,
            description: 'A release notice sent late, once consent allowed it.',
          },
          disclosure: {
            type: 'object',
            required: ['rule', 'consentVersion'],
            properties: {
              rule: {
                type: 'string',
                description: 'The disclosure rule the notice was built under.',
              },
              consentVersion: { type: 'integer', minimum: 0 },
            },
          },
        },
      },
    },
  };
}

/** One OpenAPI webhook per notice type, so a subscriber can generate the types it receives. */
function noticeWebhooks(): Record<string, unknown> {
  return Object.fromEntries(
    [...ALL_NOTICE_TYPES].sort(byCodeUnit).map((type) => [
      type,
      {
        post: {
          summary: `The ${type} notice`,
          description:
            'Sent to the subscription URL, signed as Standard Webhooks specify (docs/receiving-notices.md); who gets it and when: docs/hub-interface.md §4.',
          parameters: WEBHOOK_HEADERS,
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: {
                  allOf: [schemaRef(NOTICE_BODY), { properties: { type: { const: type } } }],
                },
              },
            },
          },
          responses: {
            '2XX': { description: 'Received: the hub stops retrying this notice.' },
            default: { description: 'Anything else: retried with backoff, then kept for replay.' },
          },
        },
      },
    ]),
  );
}

/**
 * The request schemas and everything they reference, sorted by name. Not the whole of
 * `contractJsonSchemas()`: that reads class-validator's global storage, which in the running
 * API also holds the env classes, and the Kafka-only payloads are no part of the HTTP API.
 */
function componentSchemas(
  roots: Iterable<string>,
  own: Record<string, JsonSchema>,
): Record<string, JsonSchema> {
  const all = contractJsonSchemas();
  const included = new Map<string, JsonSchema>([
    ['ProblemDetails', PROBLEM_DETAILS_SCHEMA],
    ...Object.entries(own),
  ]);
  const pending = [...roots];
  for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
    const schema = all[name];
    if (included.has(name) || !schema) continue; // an unknown name stays a dangling $ref
    included.set(name, schema);
    pending.push(...referencedSchemaNames(schema));
  }
  return Object.fromEntries([...included].sort(([a], [b]) => byCodeUnit(a, b)));
}

function rolesNote(operation: ApiOperation): string {
  if (operation.roles === 'public') return 'Public: no API key needed.';
  return `Roles: ${operation.roles.map((role) => `\`${role}\``).join(', ')}.`;
}

function buildOperation(operation: ApiOperation): Record<string, unknown> {
  const { success } = operation;
  const responses: Record<string, unknown> = {
    [success.status]: {
      description: success.description,
      ...(success.schema
        ? { content: { [success.contentType ?? 'application/json']: { schema: success.schema } } }
        : {}),
    },
  };
  const errorStatuses = Object.keys(operation.errors)
    .map(Number)
    .sort((a, b) => a - b);
  for (const status of errorStatuses) {
    responses[status] = {
      description: operation.errors[status as keyof ApiOperation['errors']],
      content: { [PROBLEM_CONTENT_TYPE]: { schema: schemaRef('ProblemDetails') } },
    };
  }
  responses[429] = TOO_MANY_REQUESTS;
  return {
    operationId: operation.operationId,
    tags: [operation.tag],
    summary: operation.summary,
    description: `${operation.description}\n\n${rolesNote(operation)}`,
    'x-roles': operation.roles === 'public' ? [] : [...operation.roles],
    security: operation.roles === 'public' ? [] : [{ [BEARER_SCHEME]: [] }],
    ...(operation.parameters?.length ? { parameters: operation.parameters } : {}),
    ...(operation.requestBody
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: schemaRef(operation.requestBody) } },
          },
        }
      : {}),
    responses,
  };
}

function buildPaths(operations: readonly ApiOperation[]): Record<string, unknown> {
  const byPath = new Map<string, Map<HttpMethod, Record<string, unknown>>>();
  for (const operation of operations) {
    const methods = byPath.get(operation.path) ?? new Map<HttpMethod, Record<string, unknown>>();
    if (methods.has(operation.method)) {
      throw new Error(`duplicate operation ${operation.method} ${operation.path}`);
    }
    methods.set(operation.method, buildOperation(operation));
    byPath.set(operation.path, methods);
  }
  const paths: Record<string, unknown> = {};
  for (const [path, methods] of [...byPath].sort(([a], [b]) => byCodeUnit(a, b))) {
    paths[path] = Object.fromEntries(
      METHOD_ORDER.flatMap((method) => {
        const built = methods.get(method);
        return built ? [[method, built]] : [];
      }),
    );
  }
  return paths;
}

/**
 * The OpenAPI 3.1 document of the hub's HTTP API: operations from `API_OPERATIONS`, request
 * schemas generated from the class-validator DTOs. Same input, same output, key for key.
 */
export function buildOpenApiDocument(
  operations: readonly ApiOperation[] = API_OPERATIONS,
): OpenApiDocument {
  // Request bodies, the DTO schemas answers refer to, and those the notice bodies refer to.
  const noticeBody = noticeBodySchema();
  const roots = [
    ...operations.flatMap((operation) => [
      ...(operation.requestBody ? [operation.requestBody] : []),
      ...referencedSchemaNames(operation.success.schema),
    ]),
    ...referencedSchemaNames(noticeBody),
  ];
  return {
    openapi: '3.1.0',
    info: {
      title: 'Throughcare Hub HTTP API',
      version: '0.1.0',
      description:
        'Intake of prison events, the person record and the directory of organisations and webhooks. ' +
        'Errors are RFC 9457 `application/problem+json`. ' +
        'Generated by `npm run docs:openapi` from apps/api/src/openapi and libs/contracts; ' +
        'the test command fails when docs/openapi.yaml and the DTOs drift apart.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: '/', description: 'This hub' }],
    security: [{ [BEARER_SCHEME]: [] }],
    tags: TAGS,
    paths: buildPaths(operations),
    webhooks: noticeWebhooks(),
    components: {
      securitySchemes: {
        [BEARER_SCHEME]: {
          type: 'http',
          scheme: 'bearer',
          description:
            '`Authorization: Bearer <api key>`. The first admin key is created at first start and shown once (`npm run hub`), unless HUB_ADMIN_KEY holds one; an admin issues the others.',
        },
      },
      schemas: componentSchemas(roots, { [NOTICE_BODY]: noticeBody }),
    },
  };
}
