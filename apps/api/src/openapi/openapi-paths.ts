import type { JsonSchema } from '@throughcare/contracts';

import type { Role } from '../auth/caller';
import { DISCLOSURE_RECORD_COLUMNS } from '../disclosure-audit/disclosure-audit.queries';

export type HttpMethod = 'get' | 'put' | 'post' | 'delete';

/** The error statuses the API answers with `application/problem+json`. */
export type ProblemStatus = 400 | 401 | 403 | 404 | 409 | 413 | 422 | 503;

export interface OperationParameter {
  name: string;
  in: 'path' | 'query' | 'header';
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

// Identity formats (docs/hub-interface.md §1), repeated here as JSON Schema for path and query parameters.
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
  "The key's role may not post events; or a prison key reported a movement that is not its establishment's to record (a transfer is the sending prison's, a court release the holding prison's, every other event the prison it names), or about a person held at another establishment (docs/security/access-rules.md ACC-2 to ACC-4). The detail never says where the person is held.";
const INTAKE_CONFLICT = 'The event contradicts what the hub already knows about the person.';
const EVENT_ID_REUSED = 'The eventId was already used for a different event.';

const INTAKE_ERRORS: ApiOperation['errors'] = {
  400: INVALID,
  401: NOT_AUTHENTICATED,
  403: INTAKE_FORBIDDEN,
  409: INTAKE_CONFLICT,
  413: TOO_LARGE,
  422: EVENT_ID_REUSED,
  503: 'Delivery is catching up: the delivery backlog is over INTAKE_BACKLOG_LIMIT. Nothing was recorded; retry after the seconds in Retry-After.',
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
    description: `${description} ${INTAKE_IDEMPOTENCY} A prison key records only its own establishment's movements, about people it holds or the hub has not seen (docs/security/access-rules.md).`,
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

const PRISON_NUMBER_PATH: OperationParameter = {
  name: 'prisonNumber',
  in: 'path',
  required: true,
  description: 'e.g. A1234BC',
  schema: PRISON_NUMBER,
};

const IDEMPOTENCY_KEY: OperationParameter = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description:
    'Any 1 to 255 visible ASCII characters, e.g. a UUID, new for each new request. A retry with the same key and body answers as the first time (with `Idempotent-Replayed: true`) and changes nothing; the same key with a different request is refused with 422. Without it, every request is a new write.',
  schema: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[!-~]+$' },
};

const PERSON_FORBIDDEN = "The key's role may not do this.";
const NO_SUCH_PERSON =
  'The hub has no record of this person, the prison number is not valid, or (the same answer, so that another prison learns nothing of their existence) a prison key whose establishments never held the person (docs/security/access-rules.md ACC-6).';
const KEY_REUSED = 'The Idempotency-Key was already used by this caller for a different request.';

const CUSTODY_EPISODE: JsonSchema = { $ref: '#/components/schemas/CustodyEpisodeRefV1' };

const DIR_VERSION: JsonSchema = {
  type: 'object',
  required: ['prisonNumber', 'dirId', 'version', 'episode', 'holder'],
  properties: {
    prisonNumber: PRISON_NUMBER,
    dirId: UUID,
    version: { type: 'integer', minimum: 1 },
    episode: CUSTODY_EPISODE,
    holder: ESTABLISHMENT,
  },
};

const OST_PLAN_VERSION: JsonSchema = {
  type: 'object',
  required: ['prisonNumber', 'version', 'episodeId', 'plan'],
  properties: {
    prisonNumber: PRISON_NUMBER,
    version: { type: 'integer', minimum: 1 },
    episodeId: { type: 'string' },
    plan: { $ref: '#/components/schemas/OstPlanV1' },
  },
};

const NALOXONE_RECORD: JsonSchema = {
  type: 'object',
  required: ['prisonNumber', 'id', 'episodeId', 'outcome'],
  properties: {
    prisonNumber: PRISON_NUMBER,
    id: UUID,
    episodeId: { type: 'string' },
    outcome: { $ref: '#/components/schemas/NaloxoneOutcomeV1' },
  },
};

const SHARE: JsonSchema = {
  type: 'object',
  required: ['count', 'of', 'ratio'],
  properties: {
    count: { type: 'integer' },
    of: { type: 'integer' },
    ratio: { type: ['number', 'null'] },
  },
};

const SHARE_PROPERTIES = {
  count: { type: 'integer' },
  of: { type: 'integer' },
  ratio: { type: ['number', 'null'] },
};

/** Seconds from a delivery to an acknowledgement, over the notices acknowledged (MEA-05). */
const TIME_TO: JsonSchema = {
  type: 'object',
  required: ['count', 'medianSeconds', 'maxSeconds'],
  properties: {
    count: { type: 'integer' },
    medianSeconds: { type: ['number', 'null'] },
    maxSeconds: { type: ['number', 'null'] },
  },
};

const MEASURES: JsonSchema = {
  type: 'object',
  required: [
    'establishment',
    'from',
    'to',
    'releases',
    'planned',
    'naloxoneIssuedOfEligible',
    'ost',
    'unplanned',
    'acknowledgements',
    'continuityOfCare',
  ],
  properties: {
    establishment: { anyOf: [ESTABLISHMENT, { type: 'null' }] },
    from: CALENDAR_DATE,
    to: CALENDAR_DATE,
    releases: { type: 'integer' },
    planned: {
      type: 'object',
      required: ['count', 'notifiedAtSixWeeks', 'notifiedAtTwoDays', 'notifiedOnTheDay'],
      properties: {
        count: { type: 'integer' },
        notifiedAtSixWeeks: SHARE,
        notifiedAtTwoDays: SHARE,
        notifiedOnTheDay: SHARE,
      },
    },
    naloxoneIssuedOfEligible: SHARE,
    ost: {
      type: 'object',
      required: ['withScriptOrBookedDose', 'noneWithReason', 'noPlan'],
      properties: {
        withScriptOrBookedDose: SHARE,
        noneWithReason: { type: 'integer' },
        noPlan: { type: 'integer' },
      },
    },
    unplanned: {
      type: 'object',
      required: ['count', 'notified', 'medianSecondsToNotice', 'maxSecondsToNotice'],
      properties: {
        count: { type: 'integer' },
        notified: { type: 'integer' },
        medianSecondsToNotice: { type: ['number', 'null'] },
        maxSecondsToNotice: { type: ['number', 'null'] },
      },
    },
    acknowledgements: {
      type: 'array',
      description:
        'MEA-05: per organisation and notice kind, the deliveries (not withheld) of notices about the releases counted, and the seconds from each delivery to its first ACCEPTED (or ACTIONED) and first ACTIONED acknowledgement.',
      items: {
        type: 'object',
        required: ['organisationId', 'noticeType', 'notices', 'toAccept', 'toAction'],
        properties: {
          organisationId: ORGANISATION_ID,
          noticeType: { type: 'string' },
          notices: { type: 'integer' },
          toAccept: TIME_TO,
          toAction: TIME_TO,
        },
      },
    },
    continuityOfCare: {
      type: 'object',
      description:
        'MEA-06: of the releases with a treatment need (an opiate history or on OST), those whose first community appointment was attended (an ACTIONED acknowledgement of FIRST_APPOINTMENT_ATTENDED) on the release day or up to `withinDays` (21) days after; overall, per releasing establishment and per release area (null when none was named).',
      required: ['withinDays', 'overall', 'byEstablishment', 'byArea'],
      properties: {
        withinDays: { type: 'integer' },
        overall: SHARE,
        byEstablishment: {
          type: 'array',
          items: {
            type: 'object',
            required: ['establishment', 'count', 'of', 'ratio'],
            properties: { establishment: ESTABLISHMENT, ...SHARE_PROPERTIES },
          },
        },
        byArea: {
          type: 'array',
          items: {
            type: 'object',
            required: ['area', 'count', 'of', 'ratio'],
            properties: { area: { type: ['string', 'null'] }, ...SHARE_PROPERTIES },
          },
        },
      },
    },
  },
};

const CONSENT_VERSION: JsonSchema = {
  type: 'object',
  required: [
    'prisonNumber',
    'version',
    'communityTreatment',
    'cjit',
    'probation',
    'ndtms',
    'releasePlanSigned',
    'recordedBy',
    'recordedAt',
    'recordedByOrganisation',
  ],
  properties: {
    prisonNumber: PRISON_NUMBER,
    version: {
      type: 'integer',
      minimum: 1,
      description: '1 for the first record, then +1 per PUT.',
    },
    communityTreatment: { type: 'boolean' },
    cjit: { type: 'boolean' },
    probation: { type: 'boolean' },
    ndtms: { type: 'boolean' },
    releasePlanSigned: { type: 'boolean' },
    recordedBy: { type: 'string', description: 'The member of staff who recorded it.' },
    recordedAt: INSTANT,
    recordedByOrganisation: {
      type: 'string',
      description: 'The organisation of the key that recorded it, or `admin`.',
    },
  },
};

const RISK_OVERRIDE_PROPERTIES: Record<string, JsonSchema> = {
  overrideId: UUID,
  prisonNumber: PRISON_NUMBER,
  ground: {
    type: 'string',
    enum: [
      'LIFE_THREATENING',
      'SELF_HARM_OR_SUICIDE',
      'RISK_OF_HARM_TO_PERSON',
      'RISK_OF_HARM_TO_OTHERS',
    ],
  },
  scope: {
    type: 'array',
    items: { type: 'string', enum: ['communityTreatment', 'cjit', 'probation'] },
  },
  authorisedBy: { type: 'string' },
  recordedAt: INSTANT,
  consentSoughtFirst: { type: 'boolean' },
  personInformed: { type: 'boolean' },
  expiresAt: { anyOf: [INSTANT, { type: 'null' }] },
  recordedByOrganisation: { type: 'string' },
};

const RISK_OVERRIDE: JsonSchema = {
  type: 'object',
  required: Object.keys(RISK_OVERRIDE_PROPERTIES),
  properties: RISK_OVERRIDE_PROPERTIES,
};

const DISCLOSURE_RECORD: JsonSchema = {
  type: 'object',
  required: [...DISCLOSURE_RECORD_COLUMNS],
  properties: {
    decisionId: UUID,
    noticeId: UUID,
    noticeType: { type: 'string', examples: ['throughcare.notice.release.six-weeks'] },
    prisonNumber: PRISON_NUMBER,
    deliveryId: { type: ['string', 'null'] },
    organisationId: { anyOf: [ORGANISATION_ID, { type: 'null' }] },
    recipientRole: { type: ['string', 'null'], examples: ['CJIT'] },
    decision: { type: 'string', enum: ['SEND', 'ALERT', 'WITHHOLD', 'UNROUTED', 'STOOD_DOWN'] },
    rule: { type: 'string', description: 'The rule that decided.' },
    citation: {
      type: 'string',
      description:
        'The ids of the rules the decision rests on (docs/rules.md), e.g. `DIS-04; DIS-06`.',
    },
    fields: {
      type: 'array',
      items: { type: 'string' },
      description: 'The names of the fields sent, never their values.',
    },
    consentVersion: { type: ['integer', 'null'], minimum: 1 },
    riskOverrideId: { anyOf: [UUID, { type: 'null' }] },
    decidedAt: INSTANT,
    receivedAt: { ...INSTANT, description: 'When the API read the decision from Kafka.' },
  },
};

const CONSENT_AND_OVERRIDE_OPERATIONS: readonly ApiOperation[] = [
  {
    method: 'put',
    path: '/v1/people/{prisonNumber}/consent',
    operationId: 'recordConsent',
    tag: 'Person record',
    summary: 'Record consent',
    description:
      "The person's whole consent state, per recipient class, and whether they signed the release plan. Every PUT is a new version (the history is kept, with who recorded it); withdrawal is a PUT with `false`, and it stops every later disclosure. Published on throughcare.consent.v1. A prison key may record consent only for people with events at its establishments.",
    parameters: [PRISON_NUMBER_PATH, IDEMPOTENCY_KEY],
    requestBody: 'ConsentV1',
    roles: ['admin', 'prison'],
    success: {
      status: 200,
      description: 'Recorded as the new current version.',
      schema: CONSENT_VERSION,
    },
    errors: {
      400: `${INVALID} Or a malformed Idempotency-Key.`,
      401: NOT_AUTHENTICATED,
      403: PERSON_FORBIDDEN,
      404: NO_SUCH_PERSON,
      413: TOO_LARGE,
      422: KEY_REUSED,
    },
  },
  {
    method: 'get',
    path: '/v1/people/{prisonNumber}/consent',
    operationId: 'getConsent',
    tag: 'Person record',
    summary: "A person's consent record",
    description:
      'The current consent version, every version oldest first, and every risk override with its reason.',
    parameters: [PRISON_NUMBER_PATH],
    roles: ['admin', 'prison'],
    success: {
      status: 200,
      description: 'The consent record; `current` is null when none was recorded.',
      schema: {
        type: 'object',
        required: ['prisonNumber', 'current', 'history', 'riskOverrides'],
        properties: {
          prisonNumber: PRISON_NUMBER,
          current: { anyOf: [CONSENT_VERSION, { type: 'null' }] },
          history: { type: 'array', items: CONSENT_VERSION },
          riskOverrides: {
            type: 'array',
            items: {
              type: 'object',
              required: [...Object.keys(RISK_OVERRIDE_PROPERTIES), 'reason'],
              properties: { ...RISK_OVERRIDE_PROPERTIES, reason: { type: 'string' } },
            },
          },
        },
      },
    },
    errors: { 401: NOT_AUTHENTICATED, 403: PERSON_FORBIDDEN, 404: NO_SUCH_PERSON },
  },
  {
    method: 'post',
    path: '/v1/people/{prisonNumber}/risk-override',
    operationId: 'recordRiskOverride',
    tag: 'Person record',
    summary: 'Record a risk override',
    description:
      'Disclose without consent because of a risk to life or of serious harm: the ground, who authorised it, the recipient classes it covers, whether consent was sought first and whether the person was told. Always audited. The reason stays on the person record: it is not in the answer, the published event (throughcare.consent.v1) or the logs.',
    parameters: [PRISON_NUMBER_PATH, IDEMPOTENCY_KEY],
    requestBody: 'RiskOverrideV1',
    roles: ['admin', 'prison'],
    success: { status: 201, description: 'Recorded.', schema: RISK_OVERRIDE },
    errors: {
      400: `${INVALID} Also when \`expiresAt\` is not after \`recordedAt\`, or the Idempotency-Key is malformed.`,
      401: NOT_AUTHENTICATED,
      403: PERSON_FORBIDDEN,
      404: NO_SUCH_PERSON,
      413: TOO_LARGE,
      422: KEY_REUSED,
    },
  },
];

const DISCLOSURE_EXPORT_OPERATION: ApiOperation = {
  method: 'get',
  path: '/v1/people/{prisonNumber}/disclosures',
  operationId: 'exportDisclosures',
  tag: 'Person record',
  summary: "Export a person's disclosure audit",
  description:
    'Every disclosure decision about the person, made or withheld, in the order they were made, with the fields sent and the rule that allowed it: for data protection subject access requests and audits. `?format=csv` answers `text/csv` with the same columns (`fields` joined by `;`).',
  parameters: [
    PRISON_NUMBER_PATH,
    {
      name: 'format',
      in: 'query',
      required: false,
      description: '`json` (the default) or `csv`.',
      schema: { type: 'string', enum: ['json', 'csv'] },
    },
  ],
  roles: ['admin'],
  success: {
    status: 200,
    description: 'The audit export.',
    schema: {
      type: 'object',
      required: ['prisonNumber', 'exportedAt', 'disclosures'],
      properties: {
        prisonNumber: PRISON_NUMBER,
        exportedAt: INSTANT,
        disclosures: { type: 'array', items: DISCLOSURE_RECORD },
      },
    },
  },
  errors: {
    400: 'The format is not json or csv.',
    401: NOT_AUTHENTICATED,
    403: NOT_ALLOWED,
    404: NO_SUCH_PERSON,
  },
};

const SUBSCRIPTION_ID_PATH: OperationParameter = {
  name: 'id',
  in: 'path',
  required: true,
  description: 'The subscription id returned at registration.',
  schema: UUID,
};

const NO_SUCH_SUBSCRIPTION = "No such subscription, or it is another organisation's.";

const SUBSCRIPTION: JsonSchema = {
  type: 'object',
  required: [
    'id',
    'organisationId',
    'url',
    'types',
    'status',
    'createdAt',
    'failingSince',
    'disabledAt',
    'enabledAt',
    'secretRotatedAt',
    'previousSecretValidUntil',
  ],
  properties: {
    id: UUID,
    organisationId: ORGANISATION_ID,
    url: { type: 'string', format: 'uri' },
    types: { type: 'array', items: { type: 'string' } },
    status: { enum: ['ACTIVE', 'DISABLED'] },
    createdAt: INSTANT,
    failingSince: { type: ['string', 'null'], format: 'date-time' },
    disabledAt: { type: ['string', 'null'], format: 'date-time' },
    enabledAt: { type: ['string', 'null'], format: 'date-time' },
    secretRotatedAt: { type: ['string', 'null'], format: 'date-time' },
    previousSecretValidUntil: { type: ['string', 'null'], format: 'date-time' },
  },
};

const DELIVERY_ID_PATH: OperationParameter = {
  name: 'deliveryId',
  in: 'path',
  required: true,
  description: 'The `webhook-id` of the delivery, e.g. msg_2f1c0d3e4b5a69788796a5b4c3d2e1f0.',
  schema: { type: 'string', minLength: 1, maxLength: 200 },
};

const DELIVERY_STATUS: JsonSchema = {
  type: 'string',
  enum: ['PENDING', 'DELIVERED', 'FAILED', 'WITHHELD', 'PAUSED', 'STOOD_DOWN'],
  description:
    'PENDING: waiting or retrying. DELIVERED: a 2xx came back (or the e-mail was accepted). FAILED: the retry schedule ran out; may be replayed. WITHHELD: disclosure allowed nothing (admin only). PAUSED: the endpoint is disabled; sent in order once it is enabled again. STOOD_DOWN: not yet sent when the release it was about was cancelled; never sent, not replayable (REL-07).',
};

const DELIVERY: JsonSchema = {
  type: 'object',
  required: [
    'deliveryId',
    'noticeId',
    'noticeType',
    'organisationId',
    'channel',
    'status',
    'createdAt',
    'nextAttemptAt',
    'deliveredAt',
    'replays',
    'attempts',
  ],
  additionalProperties: false,
  properties: {
    deliveryId: {
      type: 'string',
      description: 'The `webhook-id` header of every attempt and replay: dedupe on it.',
    },
    noticeId: UUID,
    noticeType: { type: 'string', examples: ['throughcare.notice.release.six-weeks'] },
    organisationId: ORGANISATION_ID,
    channel: { type: 'string', enum: ['WEBHOOK', 'EMAIL'] },
    status: DELIVERY_STATUS,
    createdAt: INSTANT,
    nextAttemptAt: {
      anyOf: [INSTANT, { type: 'null' }],
      description: 'When PENDING: the next try.',
    },
    deliveredAt: { anyOf: [INSTANT, { type: 'null' }] },
    replays: { type: 'integer', minimum: 0, description: 'Replays asked for and started.' },
    attempts: {
      type: 'array',
      description: 'Every attempt, first first.',
      items: {
        type: 'object',
        required: ['attemptNumber', 'startedAt', 'statusCode', 'latencyMs', 'error'],
        additionalProperties: false,
        properties: {
          attemptNumber: { type: 'integer', minimum: 1 },
          startedAt: INSTANT,
          statusCode: { type: ['integer', 'null'], description: 'null when no answer came.' },
          latencyMs: { type: 'integer', minimum: 0 },
          error: { type: ['string', 'null'], examples: ['HTTP 503', 'timed out after 10000 ms'] },
        },
      },
    },
  },
};

const DELIVERIES_FORBIDDEN =
  "The key's role may not read deliveries (a prison key), or a subscriber named another organisation.";
const NO_SUCH_DELIVERY =
  "No delivery has this id, or it is not the caller's to see (another organisation's, or withheld).";

const DELIVERY_OPERATIONS: readonly ApiOperation[] = [
  {
    method: 'get',
    path: '/v1/deliveries',
    operationId: 'listDeliveries',
    tag: 'Deliveries',
    summary: "A subscriber's deliveries and their attempts",
    description:
      "Deliveries newest first (by `createdAt`, then `deliveryId`), a page at a time: pass the answer's `nextCursor` as `cursor` for the next page. A subscriber key sees only its own organisation's deliveries and never a withheld one; admin sees every organisation's, withheld ones included, and may filter by `organisationId`. The view follows the notifier within moments (it is read from throughcare.delivery.v1).",
    parameters: [
      {
        name: 'organisationId',
        in: 'query',
        required: false,
        description: "Admin: one organisation's deliveries. A subscriber may name only its own.",
        schema: ORGANISATION_ID,
      },
      {
        name: 'status',
        in: 'query',
        required: false,
        description: 'Only deliveries in this state.',
        schema: DELIVERY_STATUS,
      },
      {
        name: 'from',
        in: 'query',
        required: false,
        description: 'Created at or after this instant (with its offset).',
        schema: INSTANT,
      },
      {
        name: 'to',
        in: 'query',
        required: false,
        description: 'Created before this instant; must be after `from`.',
        schema: INSTANT,
      },
      {
        name: 'limit',
        in: 'query',
        required: false,
        description: 'Page size, 50 when left out.',
        schema: { type: 'integer', minimum: 1, maximum: 500, default: 50 },
      },
      {
        name: 'cursor',
        in: 'query',
        required: false,
        description: 'The `nextCursor` of the previous page.',
        schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,400}$' },
      },
    ],
    roles: ['admin', 'subscriber'],
    success: {
      status: 200,
      description: 'A page of deliveries.',
      schema: {
        type: 'object',
        required: ['deliveries', 'nextCursor'],
        properties: {
          deliveries: { type: 'array', items: DELIVERY },
          nextCursor: {
            type: ['string', 'null'],
            description: 'Pass as `cursor` for the next page; null on the last page.',
          },
        },
      },
    },
    errors: {
      400: 'A parameter is not valid, `to` is not after `from`, or the cursor is not one the API returned: one `errors[]` entry per parameter.',
      401: NOT_AUTHENTICATED,
      403: DELIVERIES_FORBIDDEN,
    },
  },
  {
    method: 'get',
    path: '/v1/deliveries/{deliveryId}',
    operationId: 'getDelivery',
    tag: 'Deliveries',
    summary: 'One delivery and its attempts',
    description:
      "A delivery by its `webhook-id`. A subscriber key reaches only its own organisation's deliveries, never a withheld one.",
    parameters: [DELIVERY_ID_PATH],
    roles: ['admin', 'subscriber'],
    success: { status: 200, description: 'The delivery.', schema: DELIVERY },
    errors: { 401: NOT_AUTHENTICATED, 403: NOT_ALLOWED, 404: NO_SUCH_DELIVERY },
  },
  {
    method: 'post',
    path: '/v1/deliveries/{deliveryId}/replay',
    operationId: 'replayDelivery',
    tag: 'Deliveries',
    summary: 'Send a delivered or failed notice again',
    description:
      'Asks the notifier (on throughcare.delivery-command.v1) to send the notice again under the same `webhook-id`, so a receiver that kept it can dedupe. What it carries is decided again when it is sent, under the consent on record then: a replay after a withdrawal may send less, or nothing. Only DELIVERED or FAILED deliveries can be replayed; the delivery turns PENDING in this view once the notifier starts. Who asked and when is kept. No body.',
    parameters: [DELIVERY_ID_PATH, IDEMPOTENCY_KEY],
    roles: ['admin', 'subscriber'],
    success: {
      status: 202,
      description: 'Accepted: the replay is queued for the notifier.',
      schema: {
        type: 'object',
        required: ['deliveryId', 'status'],
        properties: {
          deliveryId: { type: 'string' },
          status: { const: 'replay-requested' },
        },
      },
    },
    errors: {
      400: 'The Idempotency-Key is malformed.',
      401: NOT_AUTHENTICATED,
      403: NOT_ALLOWED,
      404: NO_SUCH_DELIVERY,
      409: 'The delivery has not settled (PENDING or PAUSED), or was withheld (admin): only DELIVERED or FAILED deliveries can be replayed.',
      422: KEY_REUSED,
    },
  },
  {
    method: 'post',
    path: '/v1/notices/{webhookId}/acknowledgements',
    operationId: 'acknowledgeNotice',
    tag: 'Deliveries',
    summary: 'Acknowledge a notice received',
    description:
      "The recipient of a notice says what became of it (ACK-01): `RECEIVED`, `ACCEPTED` (it is theirs to act on), `ACTIONED` with what was done (`action.kind`: `APPOINTMENT_BOOKED` with the appointment's time, `SCRIPT_DISPENSED`, `NALOXONE_KIT_GIVEN`, `FIRST_APPOINTMENT_ATTENDED`, each with `action.at`), or `DECLINED` with a `reason` (e.g. not our area), which the releasing prison is told at once by secure e-mail (ACK-03). An ACCEPTED or ACTIONED acknowledgement before the notice's deadline stops its escalation (ACK-02, ACK-04). Kept (who, when), shown on the person's timeline (which the releasing prison reads) and counted in GET /v1/measures. A subscriber key acknowledges only its own organisation's deliveries; admin on an organisation's behalf.",
    parameters: [
      {
        name: 'webhookId',
        in: 'path',
        required: true,
        description: 'The `webhook-id` of the notice as received (the delivery id).',
        schema: { type: 'string', maxLength: 200 },
      },
      IDEMPOTENCY_KEY,
    ],
    requestBody: 'AcknowledgementV1',
    roles: ['admin', 'subscriber'],
    success: {
      status: 201,
      description: 'Recorded.',
      schema: {
        type: 'object',
        required: [
          'acknowledgementId',
          'deliveryId',
          'noticeType',
          'organisationId',
          'status',
          'acknowledgedAt',
        ],
        properties: {
          acknowledgementId: UUID,
          deliveryId: { type: 'string' },
          noticeType: { type: 'string', examples: ['throughcare.notice.release.unplanned'] },
          organisationId: ORGANISATION_ID,
          status: { type: 'string', enum: ['RECEIVED', 'ACCEPTED', 'ACTIONED', 'DECLINED'] },
          acknowledgedAt: INSTANT,
        },
      },
    },
    errors: {
      400: `${INVALID} Also an \`action\` without ACTIONED, a \`reason\` without DECLINED, an action other than APPOINTMENT_BOOKED in the future, or a malformed Idempotency-Key.`,
      401: NOT_AUTHENTICATED,
      403: NOT_ALLOWED,
      404: "No delivery has this webhook-id, or it is not the caller's (another organisation's, or withheld).",
      422: KEY_REUSED,
    },
  },
];

/** Every operation of the hub's HTTP API (docs/hub-interface.md §3 and §5), in the order of the contract. */
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
    'The person has left the prison. `provisional: true` when reported before it is certain (a movement that may still be reversed): the discharged notice says so, and `release-retracted` may withdraw it (REL-09).',
  ),
  intake(
    'court-release',
    'recordCourtRelease',
    'CourtReleaseV1',
    'Released from court',
    'An unplanned release from court without returning to the holding establishment. `provisional: true` when reported before it is certain: the unplanned notice says so, and `release-retracted` may withdraw it (REL-09).',
  ),
  intake(
    'release-retracted',
    'recordReleaseRetracted',
    'ReleaseRetractedV1',
    'Provisional release withdrawn',
    "A release reported with `provisional: true` did not happen: the person is still held (REL-09). `retractedEventId` must be the eventId of the discharge or court release that ended the person's custody episode, and that one provisional; otherwise 409. The episode opens again, everyone told of the release gets `release.retracted`, a discharged or unplanned notice not yet sent is stood down, and the plan's remaining milestones are armed again.",
  ),
  ...CONSENT_AND_OVERRIDE_OPERATIONS,
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
        required: ['prisonNumber', 'establishments', 'entries'],
        properties: {
          prisonNumber: PRISON_NUMBER,
          establishments: {
            type: 'array',
            items: ESTABLISHMENT,
            description:
              "The establishments the person's events place them at (ACC-6), e.g. to tell whether a member of staff of a prison may open the record.",
          },
          entries: {
            type: 'array',
            items: {
              type: 'object',
              required: ['at', 'kind', 'type', 'summary'],
              properties: {
                at: { ...INSTANT, description: 'When it happened, or is scheduled to.' },
                kind: {
                  type: 'string',
                  description:
                    'What the entry is: `event`, `notice`, `consent`, `risk-override`, `disclosure`, `acknowledgement` (its `type` the status); later a handoff, a delivery, ...',
                },
                type: { type: 'string', description: 'e.g. throughcare.release.planned' },
                summary: {
                  type: 'string',
                  description:
                    'One line for people to read, e.g. "consent v2: cjit withdrawn; release plan signed". Never a risk override\'s reason.',
                },
                eventId: { ...UUID, description: 'The intake event behind the entry, if any.' },
                noticeId: { ...UUID, description: 'notice and disclosure: the notice.' },
                acknowledgementId: {
                  ...UUID,
                  description: 'acknowledgement: what the recipient said of a delivery (ACK-01).',
                },
                version: { type: 'integer', description: 'consent: the version recorded.' },
                overrideId: {
                  ...UUID,
                  description: 'risk-override: the override; disclosure: the override relied on.',
                },
                decisionId: { ...UUID, description: 'disclosure: the decision.' },
                deliveryId: { type: 'string', description: 'disclosure: the delivery, if any.' },
                organisationId: { ...ORGANISATION_ID, description: 'disclosure: the recipient.' },
                noticeType: { type: 'string', description: 'disclosure: the notice type.' },
                decision: {
                  type: 'string',
                  enum: ['SEND', 'ALERT', 'WITHHOLD', 'UNROUTED', 'STOOD_DOWN'],
                },
                rule: { type: 'string', description: 'disclosure: the rule that decided.' },
                fields: {
                  type: 'array',
                  items: { type: 'string' },
                  description: 'disclosure: the names of the fields sent.',
                },
                consentVersion: {
                  type: ['integer', 'null'],
                  description: 'disclosure: the consent version it was based on.',
                },
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
  DISCLOSURE_EXPORT_OPERATION,
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
              required: [
                'prisonNumber',
                'establishment',
                'releaseDate',
                'status',
                'steps',
                'naloxone',
                'ostPlan',
                'recipientsForArea',
                'noticeDelivery',
                'risks',
              ],
              additionalProperties: false,
              properties: {
                prisonNumber: PRISON_NUMBER,
                establishment: ESTABLISHMENT,
                releaseDate: CALENDAR_DATE,
                status: { type: 'string', enum: ['RELEASE_PLANNED'] },
                steps: {
                  type: 'object',
                  description:
                    'Each release notice: SENT once issued for this release date, else PENDING. The other steps are the fields beside it.',
                  required: ['sixWeeks', 'twoDays', 'dayOfRelease'],
                  properties: {
                    sixWeeks: { type: 'string', enum: ['SENT', 'PENDING'] },
                    twoDays: { type: 'string', enum: ['SENT', 'PENDING'] },
                    dayOfRelease: { type: 'string', enum: ['SENT', 'PENDING'] },
                  },
                },
                naloxone: {
                  type: 'string',
                  enum: ['ISSUED', 'DECLINED', 'NOT_ELIGIBLE', 'MISSING', 'NOT_NEEDED'],
                  description:
                    'The latest naloxone outcome of the custody episode; MISSING with an opiate history and none recorded, NOT_NEEDED without one (NAL-01).',
                },
                ostPlan: {
                  type: 'string',
                  enum: [
                    'COMMUNITY_DOSE_BOOKED',
                    'BRIDGING_SCRIPT',
                    'NONE',
                    'MISSING',
                    'NOT_NEEDED',
                  ],
                  description:
                    'The latest OST plan arrangement; MISSING on OST with no plan, NOT_NEEDED when not on OST (OST-01).',
                },
                recipientsForArea: {
                  type: 'integer',
                  minimum: 0,
                  description:
                    'Community organisations (CJIT, community provider) in the directory covering the release area.',
                },
                noticeDelivery: {
                  type: 'string',
                  enum: ['NONE', 'PENDING', 'DELIVERED', 'FAILED', 'WITHHELD'],
                  description:
                    "The worst state of the deliveries of this release's notices so far: FAILED, then WITHHELD, PENDING, DELIVERED; NONE before any.",
                },
                risks: {
                  type: 'array',
                  items: {
                    type: 'string',
                    enum: [
                      'NALOXONE_MISSING',
                      'OST_WITHOUT_PLAN',
                      'NO_RECIPIENT_FOR_AREA',
                      'NOTICE_FAILED',
                      'NOTICE_WITHHELD',
                    ],
                  },
                  description:
                    'What puts the release at risk: no naloxone outcome two days or less before release with an opiate history (NAL-03), on OST with no plan (OST-05), no community recipient for the area (REL-04), a failed or withheld notice. Empty when none.',
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
    parameters: [IDEMPOTENCY_KEY],
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
      400: `${INVALID} Or a malformed Idempotency-Key.`,
      401: NOT_AUTHENTICATED,
      403: NOT_ALLOWED,
      409: 'An organisation with this organisationId is already registered (a retry under the same Idempotency-Key answers 201 again instead).',
      413: TOO_LARGE,
      422: KEY_REUSED,
    },
  },
  {
    method: 'get',
    path: '/v1/organisations',
    operationId: 'listOrganisations',
    tag: 'Directory',
    summary: 'The directory of organisations',
    description:
      'Every registered organisation, by organisationId: what was registered (its type, the areas or establishments it covers, its single point of contact and second contact) and when.',
    roles: ['admin'],
    success: {
      status: 200,
      description: 'The organisations.',
      schema: {
        type: 'object',
        required: ['organisations'],
        properties: {
          organisations: {
            type: 'array',
            items: {
              allOf: [
                { $ref: '#/components/schemas/OrganisationV1' },
                { type: 'object', required: ['createdAt'], properties: { createdAt: INSTANT } },
              ],
            },
          },
        },
      },
    },
    errors: { 401: NOT_AUTHENTICATED, 403: NOT_ALLOWED },
  },
  {
    method: 'put',
    path: '/v1/organisations/{organisationId}/contacts',
    operationId: 'changeOrganisationContacts',
    tag: 'Directory',
    summary: "Change an organisation's contacts",
    description:
      "Replaces the organisation's single point of contact and second contact (a second contact left out is removed) and tells the notifier, whose e-mails and escalation reach them from then on (ACK-04). Answers the organisation as it now is.",
    parameters: [
      {
        name: 'organisationId',
        in: 'path',
        required: true,
        description: 'A registered organisation.',
        schema: ORGANISATION_ID,
      },
      IDEMPOTENCY_KEY,
    ],
    requestBody: 'OrganisationContactsV1',
    roles: ['admin'],
    success: {
      status: 200,
      description: 'Changed.',
      schema: {
        allOf: [
          { $ref: '#/components/schemas/OrganisationV1' },
          { type: 'object', required: ['createdAt'], properties: { createdAt: INSTANT } },
        ],
      },
    },
    errors: {
      400: `${INVALID} Or a malformed Idempotency-Key.`,
      401: NOT_AUTHENTICATED,
      403: NOT_ALLOWED,
      404: 'No organisation has this id.',
      413: TOO_LARGE,
      422: KEY_REUSED,
    },
  },
  {
    method: 'post',
    path: '/v1/subscriptions',
    operationId: 'registerSubscription',
    tag: 'Directory',
    summary: "Register an organisation's webhook",
    description:
      'A webhook endpoint and the notice types it wants (a type, or a prefix ending in `.*`). The signing secret is in the answer and is shown only once. A subscriber key may register only for its own organisation. A retry under the same Idempotency-Key answers the same subscription and secret and registers nothing (the stored answer keeps the secret sealed, as the subscription does).',
    parameters: [IDEMPOTENCY_KEY],
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
      400: `${INVALID} Or a malformed Idempotency-Key.`,
      401: NOT_AUTHENTICATED,
      403: "The key's role may not register webhooks, or the organisation is not the subscriber's own.",
      404: 'The organisation is not registered.',
      409: 'The organisation already holds SUBSCRIPTIONS_PER_ORGANISATION webhooks (20 by default).',
      413: TOO_LARGE,
      422: `The URL is refused before any connection is made: not https in production, credentials in it, or its host is (or resolves to) a loopback, private or link-local address that WEBHOOK_ALLOWED_HOSTS does not allow. The reason never names the resolved address. Or: ${KEY_REUSED}`,
    },
  },
  {
    method: 'get',
    path: '/v1/subscriptions',
    operationId: 'listSubscriptions',
    tag: 'Directory',
    summary: "An organisation's webhooks and their health",
    description:
      "A subscriber key lists its own organisation's webhooks; admin lists everyone's, or one organisation's with `organisationId`. `status` is DISABLED once the notifier has switched the endpoint off after failing continuously (its notices wait, PAUSED, until it is enabled). Secrets are never shown.",
    parameters: [
      {
        name: 'organisationId',
        in: 'query',
        required: false,
        description: "Admin: one organisation's. A subscriber may name only its own.",
        schema: ORGANISATION_ID,
      },
    ],
    roles: ['admin', 'subscriber'],
    success: {
      status: 200,
      description: 'The subscriptions, oldest first.',
      schema: {
        type: 'object',
        required: ['subscriptions'],
        properties: { subscriptions: { type: 'array', items: SUBSCRIPTION } },
      },
    },
    errors: {
      401: NOT_AUTHENTICATED,
      403: "The key has no organisation, or names an organisation that is not the subscriber's own.",
    },
  },
  {
    method: 'post',
    path: '/v1/subscriptions/{id}/rotate-secret',
    operationId: 'rotateSubscriptionSecret',
    tag: 'Directory',
    summary: 'Rotate the signing secret',
    description:
      'A new signing secret, shown once. Until `previousSecretValidUntil` (WEBHOOK_SECRET_OVERLAP_HOURS, 24 h by default) every notice carries two signatures, one per secret, so the receiver can switch without missing one (Standard Webhooks). Rotating again ends the older secret at once; a retry under the same Idempotency-Key answers the same new secret and rotates nothing. No body.',
    parameters: [SUBSCRIPTION_ID_PATH, IDEMPOTENCY_KEY],
    roles: ['admin', 'subscriber'],
    success: {
      status: 201,
      description: 'Rotated. Keep the secret: the hub never shows it again.',
      schema: {
        type: 'object',
        required: ['id', 'secret', 'previousSecretValidUntil'],
        properties: {
          id: UUID,
          secret: { type: 'string', description: 'The new signing secret, shown once.' },
          previousSecretValidUntil: INSTANT,
        },
      },
    },
    errors: {
      400: 'The id is not a UUID, or the Idempotency-Key is malformed.',
      401: NOT_AUTHENTICATED,
      403: NOT_ALLOWED,
      404: NO_SUCH_SUBSCRIPTION,
      422: KEY_REUSED,
    },
  },
  {
    method: 'post',
    path: '/v1/subscriptions/{id}/enable',
    operationId: 'enableSubscription',
    tag: 'Directory',
    summary: 'Switch a disabled endpoint back on',
    description:
      'The notifier switches the endpoint on and sends the notices that waited for it in the order they were created; each is decided again under the consent on record when it is sent. Enabling an active endpoint changes nothing but clears its failure streak. No body.',
    parameters: [SUBSCRIPTION_ID_PATH, IDEMPOTENCY_KEY],
    roles: ['admin', 'subscriber'],
    success: { status: 202, description: 'Accepted: the notifier is told.', schema: SUBSCRIPTION },
    errors: {
      400: 'The id is not a UUID, or the Idempotency-Key is malformed.',
      401: NOT_AUTHENTICATED,
      403: NOT_ALLOWED,
      404: NO_SUCH_SUBSCRIPTION,
      422: KEY_REUSED,
    },
  },
  {
    method: 'post',
    path: '/v1/api-keys',
    operationId: 'issueApiKey',
    tag: 'API keys',
    summary: 'Issue an API key',
    description:
      'A key for an organisation, with a role and, for prison keys, the establishments it may post events for. The key is in the answer and is shown only once; the hub stores only its hash. So a retry under the same Idempotency-Key issues no second key and cannot show the first again: it answers 409 naming the key it issued, to revoke and issue anew if the answer was lost.',
    parameters: [IDEMPOTENCY_KEY],
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
      400: `${INVALID} Or a malformed Idempotency-Key.`,
      401: NOT_AUTHENTICATED,
      403: NOT_ALLOWED,
      404: 'The organisation is not registered.',
      409: 'This Idempotency-Key already issued a key (named in the detail); it is not shown again.',
      413: TOO_LARGE,
      422: KEY_REUSED,
    },
  },
  {
    method: 'delete',
    path: '/v1/api-keys/{id}',
    operationId: 'revokeApiKey',
    tag: 'API keys',
    summary: 'Revoke an API key',
    description:
      'The key stops working at once. Revoking it again answers 404, or 204 again when retried under the same Idempotency-Key.',
    parameters: [
      {
        name: 'id',
        in: 'path',
        required: true,
        description: 'The id returned when the key was issued.',
        schema: UUID,
      },
      IDEMPOTENCY_KEY,
    ],
    roles: ['admin'],
    success: { status: 204, description: 'Revoked.' },
    errors: {
      400: 'The id is not a UUID, or the Idempotency-Key is malformed.',
      401: NOT_AUTHENTICATED,
      403: NOT_ALLOWED,
      404: 'No active key has this id.',
      422: KEY_REUSED,
    },
  },
  ...DELIVERY_OPERATIONS,
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
  {
    method: 'put',
    path: '/v1/people/{prisonNumber}/dir',
    operationId: 'recordDir',
    tag: 'Person record',
    summary: 'Record the Drug Interventions Record (DIR)',
    description:
      'One DIR per custody episode, named by the reception that opened it (`custodyEpisode`). The first PUT for an episode creates it (201); a later one, from this prison or the one the person was transferred to, is a new version of the same DIR (200), every earlier version kept. Refused (409) when no custody episode of the person was opened by that reception, or the writing prison did not hold the person at `recordedAt`. Published on throughcare.person-record.v1; the continuity service hands it to the receiving prison on transfer and to the CJIT / community provider with the two-day notice, under the disclosure rules.',
    parameters: [PRISON_NUMBER_PATH, IDEMPOTENCY_KEY],
    requestBody: 'DirV1',
    roles: ['admin', 'prison'],
    success: {
      status: 200,
      description:
        'A new version of the episode DIR (201 with `version: 1` when this PUT created it).',
      schema: DIR_VERSION,
    },
    errors: {
      400: `${INVALID} Or a malformed Idempotency-Key.`,
      401: NOT_AUTHENTICATED,
      403: `${PERSON_FORBIDDEN} Or a DIR written for an establishment the key is not for.`,
      404: NO_SUCH_PERSON,
      409: 'No custody episode of the person was opened by that reception, it has ended, or the writing prison did not hold the person then.',
      413: TOO_LARGE,
      422: KEY_REUSED,
    },
  },
  {
    method: 'put',
    path: '/v1/people/{prisonNumber}/ost-plan',
    operationId: 'recordOstPlan',
    tag: 'Person record',
    summary: 'Record how OST continues on release',
    description:
      '`COMMUNITY_DOSE_BOOKED` (with the appointment), `BRIDGING_SCRIPT`, or `NONE` with a mandatory reason and the planned prompt re-assessment; the time of the last dose given in prison. Each PUT is a new version; the latest counts. A person on OST whose plan is not a community dose on the release day gets an FP10 / FP10MDA bridging request for the prescribers at the two-day milestone.',
    parameters: [PRISON_NUMBER_PATH, IDEMPOTENCY_KEY],
    requestBody: 'OstPlanV1',
    roles: ['admin', 'prison'],
    success: {
      status: 200,
      description: 'Recorded as the current plan.',
      schema: OST_PLAN_VERSION,
    },
    errors: {
      400: `${INVALID} Or a malformed Idempotency-Key.`,
      401: NOT_AUTHENTICATED,
      403: PERSON_FORBIDDEN,
      404: NO_SUCH_PERSON,
      409: 'The person is not in custody.',
      413: TOO_LARGE,
      422: KEY_REUSED,
    },
  },
  {
    method: 'post',
    path: '/v1/people/{prisonNumber}/naloxone',
    operationId: 'recordNaloxone',
    tag: 'Person record',
    summary: 'Record the naloxone outcome',
    description:
      '`ISSUED` (training given), `DECLINED` or `NOT_ELIGIBLE` (with a reason). Expected before release for everyone with an opiate history; none at the two-day milestone sends `naloxone.missing` to the releasing prison.',
    parameters: [PRISON_NUMBER_PATH, IDEMPOTENCY_KEY],
    requestBody: 'NaloxoneOutcomeV1',
    roles: ['admin', 'prison'],
    success: {
      status: 201,
      description: 'Recorded; the latest outcome counts.',
      schema: NALOXONE_RECORD,
    },
    errors: {
      400: `${INVALID} Or a malformed Idempotency-Key.`,
      401: NOT_AUTHENTICATED,
      403: PERSON_FORBIDDEN,
      404: NO_SUCH_PERSON,
      409: 'The person is not in custody.',
      413: TOO_LARGE,
      422: KEY_REUSED,
    },
  },
  {
    method: 'get',
    path: '/v1/prescribing/bridging-requests',
    operationId: 'listBridgingRequests',
    tag: 'Prescribing',
    summary: 'FP10 / FP10MDA bridging requests',
    description:
      "For prison prescribers: urgent first (court releases, releases planned at short notice), then oldest first. Each says what the script must cover: from the release day until the first day not covered (the next working day after a Friday or pre-bank-holiday release, or the first community appointment, whichever is later). A prison key sees its own establishments' requests.",
    parameters: [
      {
        name: 'status',
        in: 'query',
        required: false,
        description: 'OPEN, ISSUED or CANCELLED.',
        schema: { type: 'string', enum: ['OPEN', 'ISSUED', 'CANCELLED'] },
      },
      {
        name: 'establishment',
        in: 'query',
        required: false,
        description: 'The releasing (or holding) prison.',
        schema: ESTABLISHMENT,
      },
    ],
    roles: ['admin', 'prison'],
    success: {
      status: 200,
      description: 'The requests.',
      schema: { type: 'array', items: { $ref: '#/components/schemas/BridgingRequestV1' } },
    },
    errors: {
      400: INVALID,
      401: NOT_AUTHENTICATED,
      403: `${NOT_ALLOWED} Or an establishment the key is not for.`,
    },
  },
  {
    method: 'post',
    path: '/v1/prescribing/bridging-requests/{id}/issued',
    operationId: 'issueBridgingScript',
    tag: 'Prescribing',
    summary: 'Say the bridging script was issued',
    description:
      'The prison prescriber issued the FP10 / FP10MDA: form, prescriber, when, and the cover. The community provider of the release area is told (`throughcare.notice.bridging-script.issued`), under the disclosure rules.',
    parameters: [
      {
        name: 'id',
        in: 'path',
        required: true,
        description: 'The bridging request.',
        schema: UUID,
      },
      IDEMPOTENCY_KEY,
    ],
    requestBody: 'BridgingIssuedV1',
    roles: ['admin', 'prison'],
    success: {
      status: 202,
      description: 'Recorded; the community provider will be told.',
      schema: { $ref: '#/components/schemas/BridgingRequestV1' },
    },
    errors: {
      400: `${INVALID} Or a malformed Idempotency-Key.`,
      401: NOT_AUTHENTICATED,
      403: `${NOT_ALLOWED} Or a request for a prison the key is not for.`,
      404: 'No such bridging request.',
      409: 'The request is not OPEN (already issued, or cancelled).',
      413: TOO_LARGE,
      422: KEY_REUSED,
    },
  },
  {
    method: 'get',
    path: '/v1/measures',
    operationId: 'getMeasures',
    tag: 'Measures',
    summary: 'Throughcare measures',
    description:
      'Over the releases that happened (discharged, or released from court) with release dates from `from` to `to`: the share of planned releases notified on time at six weeks, two days and on the day (a notice counts when some recipient took delivery within `MEASURES_ON_TIME_GRACE` of its due time), the share of people with an opiate history who left with naloxone, the share of people on OST with a bridging script issued or a community dose booked, the court releases with how long their first notice took, how long each organisation took to accept and to action each kind of notice (MEA-05), and continuity of care: of the releases with a treatment need, those with a first community appointment attended within 21 days, per establishment and area (MEA-06). The same numbers are on the API `/metrics` for the last 90 days.',
    parameters: [
      {
        name: 'establishment',
        in: 'query',
        required: false,
        description: 'The releasing prison; a prison key must name one of its own.',
        schema: ESTABLISHMENT,
      },
      {
        name: 'from',
        in: 'query',
        required: true,
        description: 'First release date (Europe/London).',
        schema: CALENDAR_DATE,
      },
      {
        name: 'to',
        in: 'query',
        required: true,
        description: 'Last release date, at most 366 days after `from`.',
        schema: CALENDAR_DATE,
      },
    ],
    roles: ['admin', 'prison'],
    success: { status: 200, description: 'The measures.', schema: MEASURES },
    errors: { 400: INVALID, 401: NOT_AUTHENTICATED, 403: NOT_ALLOWED },
  },
];
