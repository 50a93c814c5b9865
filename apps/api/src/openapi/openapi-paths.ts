import type { JsonSchema } from '@throughcare/contracts';

import type { Role } from '../auth/caller';

export type HttpMethod = 'get' | 'put' | 'post' | 'delete';

/** The error statuses the API answers with `application/problem+json`. */
export type ProblemStatus = 400 | 401 | 403 | 404 | 409 | 413 | 422 | 503;

export interface OperationParameter {
  name: string;
  in: 'path' | 'query';
  required: boolean;
  description: string;
  schema: JsonSchema;
}

export interface OperationSuccess {
  status: 200 | 201 | 202 | 204;
  description: string;
  /** Defaults to `application/json`; no schema means no body. */
  contentType?: string;
  schema?: JsonSchema;
}

export interface ApiOperation {
  method: HttpMethod;
  /** OpenAPI path template, e.g. `/v1/api-keys/{id}`. */
  path: string;
  operationId: string;
  tag: string;
  summary: string;
  description: string;
  /** A key of `contractJsonSchemas()`: the body is that DTO class. */
  requestBody?: string;
  parameters?: OperationParameter[];
  /** Roles whose API key may call it (admin may call every secured route), or public. */
  roles: readonly Role[] | 'public';
  success: OperationSuccess;
  /** Each answered as `application/problem+json` with the shared ProblemDetails schema. */
  errors: Partial<Record<ProblemStatus, string>>;
}

// Identity formats (contract.md §1), repeated here as JSON Schema for path and query parameters.
const PRISON_NUMBER: JsonSchema = { type: 'string', pattern: '^[A-Z][0-9]{4}[A-Z]{2}$' };
const ESTABLISHMENT: JsonSchema = { type: 'string', pattern: '^[A-Z]{3}$' };
const ORGANISATION_ID: JsonSchema = { type: 'string', pattern: '^[a-z0-9-]{3,64}$' };
const CALENDAR_DATE: JsonSchema = { type: 'string', format: 'date' };
const INSTANT: JsonSchema = { type: 'string', format: 'date-time' };
const UUID: JsonSchema = { type: 'string', format: 'uuid' };

const INTAKE_ACCEPTED: JsonSchema = {
  type: 'object',
  required: ['eventId', 'status', 'timeline'],
  properties: {
    eventId: { ...UUID, description: 'The eventId of the request.' },
    status: { const: 'accepted' },
    timeline: {
      type: 'string',
      description: "Where to follow the event: the person's timeline.",
      examples: ['/v1/people/A1234BC/timeline'],
    },
  },
};

const STATUS_UP: JsonSchema = {
  type: 'object',
  required: ['status'],
  properties: { status: { const: 'up' } },
};

const NOT_AUTHENTICATED = 'No API key, or one the hub does not recognise.';
const NOT_ALLOWED = "The key's role may not call this.";
const TOO_LARGE = 'The body is over 64 KiB.';
const INVALID = 'Malformed JSON, or fields that fail validation: one `errors[]` entry per field.';
const INTAKE_FORBIDDEN =
  "The key's role may not post events, or a prison key posted for an establishment it is not bound to.";
const INTAKE_CONFLICT = 'The event contradicts what the hub already knows about the person.';
const EVENT_ID_REUSED = 'The eventId was already used for a different event.';

const INTAKE_ERRORS: ApiOperation['errors'] = {
  400: INVALID,
  401: NOT_AUTHENTICATED,
  403: INTAKE_FORBIDDEN,
  409: INTAKE_CONFLICT,
  413: TOO_LARGE,
  422: EVENT_ID_REUSED,
};

const INTAKE_IDEMPOTENCY =
  'The `eventId` is the idempotency key: the same event sent again answers as the first time and changes nothing.';

function intake(
  slug: string,
  operationId: string,
  requestBody: string,
  summary: string,
  description: string,
): ApiOperation {
  return {
    method: 'post',
    path: `/v1/events/${slug}`,
    operationId,
    tag: 'Intake',
    summary,
    description: `${description} ${INTAKE_IDEMPOTENCY} A prison key may post only for the establishments it is bound to.`,
    requestBody,
    roles: ['admin', 'prison'],
    success: {
      status: 202,
      description: 'Accepted: recorded and queued for the Kafka topic.',
      schema: INTAKE_ACCEPTED,
    },
    errors: INTAKE_ERRORS,
  };
}

/** Every operation of the hub's HTTP API (contract.md §3 and §5), in the order of the contract. */
export const API_OPERATIONS: readonly ApiOperation[] = [
  intake(
    'reception',
    'recordReception',
    'ReceptionReceivedV1',
    'Received into custody',
    'A person was received into custody (remand, sentence or recall), with what is known of their substance misuse.',
  ),
  intake(
    'transfer',
    'recordTransfer',
    'TransferCompletedV1',
    'Moved between prisons',
    'A person was transferred from one establishment to another.',
  ),
  intake(
    'release',
    'recordRelease',
    'ReleasePlannedV1',
    'Planned release, or a new date',
    'A planned release, or a new date for the same custody episode. Schedules the 6-week, 2-day and day-of-release notices.',
  ),
  intake(
    'release-cancelled',
    'recordReleaseCancelled',
    'ReleaseCancelledV1',
    'Planned release cancelled',
    'The planned release will not happen (new charge, recall, ...). Notices not yet sent are cancelled.',
  ),
  intake(
    'discharge',
    'recordDischarge',
    'ReleaseDischargedV1',
    'Left the gate',
    'The person has left the prison.',
  ),
  intake(
    'court-release',
    'recordCourtRelease',
    'CourtReleaseV1',
    'Released from court',
    'An unplanned release from court without returning to the holding establishment.',
  ),
  {
    method: 'get',
    path: '/v1/people/{prisonNumber}/timeline',
    operationId: 'getTimeline',
    tag: 'Person record',
    summary: "A person's timeline",
    description:
      'Every event, scheduled and sent notice, handoff, delivery and disclosure decision for the person, oldest first. A prison key sees only people in its establishments.',
    parameters: [
      {
        name: 'prisonNumber',
        in: 'path',
        required: true,
        description: 'e.g. A1234BC',
        schema: PRISON_NUMBER,
      },
    ],
    roles: ['admin', 'prison'],
    success: {
      status: 200,
      description: 'The timeline.',
      schema: {
        type: 'object',
        required: ['prisonNumber', 'entries'],
        properties: {
          prisonNumber: PRISON_NUMBER,
          entries: {
            type: 'array',
            items: {
              type: 'object',
              required: ['at', 'kind', 'type', 'summary'],
              properties: {
                at: { ...INSTANT, description: 'When it happened, or is scheduled to.' },
                kind: {
                  type: 'string',
                  description: 'What the entry is: an event, a notice, a handoff, a delivery, ...',
                },
                type: { type: 'string', description: 'e.g. throughcare.release.planned' },
                summary: { type: 'string', description: 'One line for people to read.' },
                eventId: { ...UUID, description: 'The intake event behind the entry, if any.' },
              },
            },
          },
        },
      },
    },
    errors: {
      400: 'The prison number is not valid.',
      401: NOT_AUTHENTICATED,
      403: "The key's role may not read timelines, or the person is not in one of its establishments.",
      404: 'The hub knows nothing of this person.',
    },
  },
  {
    method: 'get',
    path: '/v1/releases',
    operationId: 'listReleases',
    tag: 'Person record',
    summary: 'Upcoming releases',
    description:
      'Releases from one establishment between two dates (inclusive, Europe/London), with the state of each throughcare step. A prison key may ask only for its own establishments.',
    parameters: [
      {
        name: 'establishment',
        in: 'query',
        required: true,
        description: 'e.g. LEI',
        schema: ESTABLISHMENT,
      },
      {
        name: 'from',
        in: 'query',
        required: false,
        description: 'First release date, YYYY-MM-DD; today (Europe/London) when left out.',
        schema: CALENDAR_DATE,
      },
      {
        name: 'to',
        in: 'query',
        required: false,
        description: 'Last release date, YYYY-MM-DD; twelve weeks after `from` when left out.',
        schema: CALENDAR_DATE,
      },
    ],
    roles: ['admin', 'prison'],
    success: {
      status: 200,
      description: 'The releases, by release date.',
      schema: {
        type: 'object',
        required: ['releases'],
        properties: {
          releases: {
            type: 'array',
            items: {
              type: 'object',
              required: ['prisonNumber', 'establishment', 'releaseDate', 'status', 'steps'],
              additionalProperties: false,
              properties: {
                prisonNumber: PRISON_NUMBER,
                establishment: ESTABLISHMENT,
                releaseDate: CALENDAR_DATE,
                status: { type: 'string', enum: ['RELEASE_PLANNED'] },
                steps: {
                  type: 'object',
                  description:
                    'Each release notice: SENT once issued for this release date, else PENDING. Later issues add the DIR handoff, OST plan and naloxone steps.',
                  required: ['sixWeeks', 'twoDays', 'dayOfRelease'],
                  properties: {
                    sixWeeks: { type: 'string', enum: ['SENT', 'PENDING'] },
                    twoDays: { type: 'string', enum: ['SENT', 'PENDING'] },
                    dayOfRelease: { type: 'string', enum: ['SENT', 'PENDING'] },
                  },
                },
              },
            },
          },
        },
      },
    },
    errors: {
      400: 'A parameter is missing or not valid, or `to` is before `from`.',
      401: NOT_AUTHENTICATED,
      403: "The key's role may not list releases, or the establishment is not one of its own.",
    },
  },
  {
    method: 'post',
    path: '/v1/organisations',
    operationId: 'registerOrganisation',
    tag: 'Directory',
    summary: 'Register an organisation',
    description:
      'A community treatment provider, CJIT, probation service or prison joins the directory, with the areas or establishments it covers and its single point of contact.',
    requestBody: 'OrganisationV1',
    roles: ['admin'],
    success: {
      status: 201,
      description: 'Registered.',
      schema: {
        type: 'object',
        required: ['organisationId'],
        properties: { organisationId: ORGANISATION_ID },
      },
    },
    errors: {
      400: INVALID,
      401: NOT_AUTHENTICATED,
      403: NOT_ALLOWED,
      409: 'An organisation with this organisationId is already registered.',
      413: TOO_LARGE,
    },
  },
  {
    method: 'post',
    path: '/v1/subscriptions',
    operationId: 'registerSubscription',
    tag: 'Directory',
    summary: "Register an organisation's webhook",
    description:
      'A webhook endpoint and the notice types it wants (a type, or a prefix ending in `.*`). The signing secret is in the answer and is shown only once. A subscriber key may register only for its own organisation.',
    requestBody: 'SubscriptionRequestV1',
    roles: ['admin', 'subscriber'],
    success: {
      status: 201,
      description: 'Registered. Keep the secret: the hub never shows it again.',
      schema: {
        type: 'object',
        required: ['id', 'organisationId', 'url', 'types', 'secret'],
        properties: {
          id: UUID,
          organisationId: ORGANISATION_ID,
          url: { type: 'string', format: 'uri' },
          types: { type: 'array', items: { type: 'string' } },
          secret: {
            type: 'string',
            description: 'The Standard Webhooks signing secret, shown once.',
            examples: ['whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'],
          },
        },
      },
    },
    errors: {
      400: INVALID,
      401: NOT_AUTHENTICATED,
      403: "The key's role may not register webhooks, or the organisation is not the subscriber's own.",
      404: 'The organisation is not registered.',
      413: TOO_LARGE,
      422: 'The URL is refused (for example a loopback or private address).',
    },
  },
  {
    method: 'post',
    path: '/v1/api-keys',
    operationId: 'issueApiKey',
    tag: 'API keys',
    summary: 'Issue an API key',
    description:
      'A key for an organisation, with a role and, for prison keys, the establishments it may post events for. The key is in the answer and is shown only once; the hub stores only its hash.',
    requestBody: 'ApiKeyRequestV1',
    roles: ['admin'],
    success: {
      status: 201,
      description: 'Issued. Keep the key: the hub never shows it again.',
      schema: {
        type: 'object',
        required: ['id', 'organisationId', 'role', 'establishments', 'key'],
        properties: {
          id: UUID,
          organisationId: ORGANISATION_ID,
          role: { type: 'string', enum: ['admin', 'prison', 'subscriber'] },
          establishments: { type: 'array', items: ESTABLISHMENT },
          key: { type: 'string', description: 'The bearer API key, shown once.' },
        },
      },
    },
    errors: {
      400: INVALID,
      401: NOT_AUTHENTICATED,
      403: NOT_ALLOWED,
      404: 'The organisation is not registered.',
      413: TOO_LARGE,
    },
  },
  {
    method: 'delete',
    path: '/v1/api-keys/{id}',
    operationId: 'revokeApiKey',
    tag: 'API keys',
    summary: 'Revoke an API key',
    description: 'The key stops working at once.',
    parameters: [
      {
        name: 'id',
        in: 'path',
        required: true,
        description: 'The id returned when the key was issued.',
        schema: UUID,
      },
    ],
    roles: ['admin'],
    success: { status: 204, description: 'Revoked.' },
    errors: {
      400: 'The id is not a UUID.',
      401: NOT_AUTHENTICATED,
      403: NOT_ALLOWED,
      404: 'No key has this id.',
    },
  },
  {
    method: 'get',
    path: '/v1/openapi.json',
    operationId: 'getOpenApiDocument',
    tag: 'Documentation',
    summary: 'This document',
    description: 'The OpenAPI 3.1 document of the HTTP API, generated from the contract classes.',
    roles: 'public',
    success: { status: 200, description: 'The OpenAPI document.', schema: { type: 'object' } },
    errors: {},
  },
  {
    method: 'get',
    path: '/v1/docs',
    operationId: 'getApiDocsPage',
    tag: 'Documentation',
    summary: 'Browsable API documentation',
    description: 'Swagger UI for this document, served by the hub itself (no CDN).',
    roles: 'public',
    success: {
      status: 200,
      description: 'An HTML page.',
      contentType: 'text/html',
      schema: { type: 'string' },
    },
    errors: {},
  },
  {
    method: 'get',
    path: '/health/live',
    operationId: 'getLiveness',
    tag: 'Operating',
    summary: 'Liveness',
    description: 'The process is up.',
    roles: 'public',
    success: { status: 200, description: 'Up.', schema: STATUS_UP },
    errors: {},
  },
  {
    method: 'get',
    path: '/health/ready',
    operationId: 'getReadiness',
    tag: 'Operating',
    summary: 'Readiness',
    description: 'Ready only when the PostgreSQL, Redis and Kafka connections all answer.',
    roles: 'public',
    success: {
      status: 200,
      description: 'Ready.',
      schema: {
        type: 'object',
        required: ['status', 'checks'],
        properties: {
          status: { const: 'up' },
          checks: {
            type: 'object',
            additionalProperties: { type: 'string', enum: ['up', 'down'] },
          },
        },
      },
    },
    errors: { 503: 'A dependency does not answer.' },
  },
  {
    method: 'get',
    path: '/metrics',
    operationId: 'getMetrics',
    tag: 'Operating',
    summary: 'Prometheus metrics',
    description: 'Process metrics and the hub counters, in the Prometheus text format.',
    roles: 'public',
    success: {
      status: 200,
      description: 'Metrics.',
      contentType: 'text/plain; version=0.0.4',
      schema: { type: 'string' },
    },
    errors: {},
  },
];
