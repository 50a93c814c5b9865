import {
  ConsentEventType,
  ContinuityEventType,
  DeliveryEventType,
  DirectoryEventType,
  DisclosureDecidedEventType,
  INTAKE_EVENTS,
  INTAKE_TOPICS,
  IntakeEventType,
  NoticeDueEventType,
  PersonRecordEventType,
  Topics,
  contractJsonSchemas,
  deadLetterTopic,
  type Topic,
} from '@throughcare/contracts';
import { isProtectedWireField } from '@throughcare/disclosure';

interface ChannelSpec {
  topic: Topic;
  description: string;
  producers: string;
  consumers: string;
  messages: Array<{ type: string; payload?: string; summary: string }>;
}

const INTAKE_SUMMARIES: Record<IntakeEventType, string> = {
  [IntakeEventType.ReceptionReceived]: 'Received into custody (POST /v1/events/reception)',
  [IntakeEventType.TransferCompleted]: 'Moved between prisons (POST /v1/events/transfer)',
  [IntakeEventType.ReleasePlanned]:
    'A planned release, or a new date for the same custody episode (POST /v1/events/release)',
  [IntakeEventType.ReleaseCancelled]:
    'The planned release will not happen (POST /v1/events/release-cancelled)',
  [IntakeEventType.ReleaseDischarged]: 'The person left the gate (POST /v1/events/discharge)',
  [IntakeEventType.CourtReleaseReleased]:
    'Released from court without returning (POST /v1/events/court-release)',
  [IntakeEventType.ReleaseRetracted]:
    'A provisional discharge or court release did not happen (POST /v1/events/release-retracted)',
};

function intakeMessages(topic?: Topic) {
  return (
    Object.entries(INTAKE_EVENTS) as Array<
      [IntakeEventType, (typeof INTAKE_EVENTS)[IntakeEventType]]
    >
  )
    .filter(([, spec]) => topic === undefined || spec.topic === topic)
    .map(([type, spec]) => ({ type, payload: spec.payload.name, summary: INTAKE_SUMMARIES[type] }));
}

// The hand-written part: what each topic is for. Payload schemas come from the DTO classes.
const CHANNELS: ChannelSpec[] = [
  ...INTAKE_TOPICS.map((topic) => ({
    topic,
    description:
      'Contract topic (docs/hub-interface.md §2). Key: prisonNumber, so one person stays in order. Invalid or contradicting messages go to the .dlq twin with the reason. A prison system seals the fields in x-sealed-fields with a key id the hub operator issues to it (docs/security/data-protection.md, "External producers"); fields in clear are still accepted, but then lie readable on this topic.',
    producers: 'prison systems directly, and the API for events posted over HTTP',
    consumers: 'api (validates, applies the custody rules, records, republishes as accepted)',
    messages: intakeMessages(topic),
  })),
  {
    topic: Topics.IntakeAccepted,
    description:
      "The hub's own: every intake event it accepted onto a person's record, `data` unchanged, with extension attributes episodeid, custodychange (RECEIVED, TRANSFERRED, RELEASE_PLANNED, RELEASE_REPLANNED, RELEASE_CANCELLED, DISCHARGED, RELEASED_FROM_COURT, RECORDED_LATE), occurredat, previousreleasedate and consentversion (the person's latest consent version when the API accepted the event, 0 for none; carried onto the notices it causes). Key: prisonNumber.",
    producers: 'api',
    consumers: 'planner (milestones), continuity (medication needs)',
    messages: intakeMessages(),
  },
  {
    topic: Topics.Directory,
    description:
      "The hub's own: organisations and webhook subscriptions. Signing secrets travel sealed (AES-256-GCM).",
    producers: 'api',
    consumers: 'notifier',
    messages: [
      {
        type: DirectoryEventType.OrganisationRegistered,
        payload: 'OrganisationV1',
        summary: 'An organisation joined the directory',
      },
      {
        type: DirectoryEventType.OrganisationContactsChanged,
        payload: 'OrganisationContactsChangedV1',
        summary:
          "An organisation's single point of contact and second contact as they now are (a second contact absent is removed)",
      },
      {
        type: DirectoryEventType.SubscriptionRegistered,
        payload: 'SubscriptionRegisteredV1',
        summary: 'A webhook endpoint was registered',
      },
      {
        type: DirectoryEventType.SubscriptionSecretRotated,
        payload: 'SubscriptionSecretRotatedV1',
        summary: 'A new signing secret; the previous one still signs until the overlap ends',
      },
      {
        type: DirectoryEventType.SubscriptionEnabled,
        payload: 'SubscriptionEnabledV1',
        summary: 'A disabled endpoint is switched back on; its waiting notices go out in order',
      },
    ],
  },
  {
    topic: Topics.NoticeDue,
    description:
      "The hub's own: a notice fell due: a release milestone or lifecycle notice (planner), or a continuity notice (continuity: DIR handoff, CJIT record request, bridging script requested / issued, naloxone missing, treatment summary; these carry the continuity record as of the notice). `consentVersion` is the consent version the API had acknowledged when it accepted the notice's cause: the notifier decides the notice only once its copy of consent has reached it (bounded by CONSENT_REPLICA_WAIT_MS). Key: prisonNumber.",
    producers: 'planner, continuity',
    consumers:
      'notifier (routing, disclosure at send time, delivery), api (timeline, releases list)',
    messages: [
      {
        type: NoticeDueEventType,
        payload: 'NoticeDueV1',
        summary: 'A notice is due now; id is the notice id',
      },
    ],
  },
  {
    topic: Topics.Consent,
    description:
      "The hub's own: consent versions and risk overrides recorded on a person's record (PUT /v1/people/{prisonNumber}/consent, POST .../risk-override). Key: prisonNumber. The override's free-text reason stays in the API.",
    producers: 'api',
    consumers:
      'notifier (its copy of consent, read at send time; a withdrawal re-decides queued deliveries and sends consent.withdrawn to holders), continuity (the CJIT record request waits for the cjit scope)',
    messages: [
      {
        type: ConsentEventType.ConsentRecorded,
        payload: 'ConsentRecordedV1',
        summary: 'A new consent version (withdrawal is a version with false)',
      },
      {
        type: ConsentEventType.RiskOverrideRecorded,
        payload: 'RiskOverrideRecordedV1',
        summary: 'Disclosure without consent because of risk to life or of serious harm',
      },
    ],
  },
  {
    topic: Topics.PersonRecord,
    description:
      "The hub's own: what release teams and prescribers wrote on a person's record (PUT /v1/people/{prisonNumber}/dir, PUT .../ost-plan, POST .../naloxone, POST /v1/prescribing/bridging-requests/{id}/issued), after the API validated it and placed it in a custody episode. Key: prisonNumber.",
    producers: 'api',
    consumers: 'continuity',
    messages: [
      {
        type: PersonRecordEventType.DirRecorded,
        payload: 'DirRecordedV1',
        summary: 'A DIR version for the custody episode (version 1 creates it)',
      },
      {
        type: PersonRecordEventType.OstPlanRecorded,
        payload: 'OstPlanRecordedV1',
        summary: 'How OST continues on release',
      },
      {
        type: PersonRecordEventType.NaloxoneRecorded,
        payload: 'NaloxoneRecordedV1',
        summary: 'A naloxone outcome: issued with training, declined or not eligible',
      },
      {
        type: PersonRecordEventType.BridgingScriptIssued,
        payload: 'BridgingScriptIssuedV1',
        summary: 'A prison prescriber issued the FP10 / FP10MDA bridging script',
      },
    ],
  },
  {
    topic: Topics.Continuity,
    description:
      "The hub's own: the continuity service's record of a person for the current custody episode (DIR, OST plan, naloxone, bridging request) after every change, with a revision that rises per person. Key: prisonNumber.",
    producers: 'continuity',
    consumers:
      'notifier (its copy, read when a notice is rendered), api (bridging requests for prescribers, measures, timeline)',
    messages: [
      {
        type: ContinuityEventType.RecordUpdated,
        payload: 'ContinuityRecordV1',
        summary: "The person's continuity record changed",
      },
    ],
  },
  {
    topic: Topics.DisclosureDecided,
    description:
      "The hub's own: the append-only disclosure audit, one message per decision (SEND, ALERT, WITHHOLD, UNROUTED) with the rule, the ids of the rules it rests on (docs/rules.md), the field names sent (never values) and the consent version. Key: prisonNumber.",
    producers: 'notifier',
    consumers: 'api (timeline, GET /v1/people/{prisonNumber}/disclosures export)',
    messages: [
      {
        type: DisclosureDecidedEventType,
        payload: 'DisclosureDecidedV1',
        summary: 'One disclosure decision, made or withheld',
      },
    ],
  },
  {
    topic: Topics.Delivery,
    description:
      "The hub's own: the state of a delivery (one notice to one webhook endpoint or SPOC e-mail) after every change, with all its attempts and an increasing revision. No personal data. Key: organisationId.",
    producers: 'notifier',
    consumers: 'api (GET /v1/deliveries)',
    messages: [
      {
        type: DeliveryEventType.DeliveryUpdated,
        payload: 'DeliveryUpdatedV1',
        summary: 'A delivery changed (created, attempted, withheld, paused, failed, replayed)',
      },
      {
        type: DeliveryEventType.EndpointDisabled,
        payload: 'EndpointDisabledV1',
        summary: 'A webhook endpoint failing continuously was disabled; its notices wait',
      },
    ],
  },
  {
    topic: Topics.DeliveryCommand,
    description: "The hub's own: commands about deliveries. Key: deliveryId.",
    producers:
      'api (POST /v1/deliveries/{id}/replay, POST /v1/notices/{webhook-id}/acknowledgements)',
    consumers: 'notifier',
    messages: [
      {
        type: DeliveryEventType.ReplayRequested,
        payload: 'DeliveryReplayRequestedV1',
        summary: 'Send a delivered or failed notice again, same webhook-id, under current consent',
      },
      {
        type: DeliveryEventType.Acknowledged,
        payload: 'DeliveryAcknowledgedV1',
        summary:
          'A recipient acknowledged a notice (RECEIVED, ACCEPTED, ACTIONED, DECLINED): stops or starts escalation',
      },
    ],
  },
];

type Schema = { $ref?: string; properties?: Record<string, Schema>; items?: Schema };

function resolve(schemas: Record<string, Schema>, schema: Schema | undefined): Schema | undefined {
  return schema?.$ref ? schemas[schema.$ref.split('/').pop() as string] : schema;
}

/**
 * The paths under `data` the hub seals (field-level AES-256-GCM, docs/security/data-protection.md):
 * the first protected name on each path is sealed whole, so nothing beneath it is listed.
 */
function sealedPaths(
  schemas: Record<string, Schema>,
  schema: Schema | undefined,
  path = 'data',
): string[] {
  const resolved = resolve(schemas, schema);
  if (!resolved) return [];
  if (resolved.items) return sealedPaths(schemas, resolved.items, `${path}[]`);
  return Object.entries(resolved.properties ?? {}).flatMap(([name, child]) =>
    isProtectedWireField(name)
      ? [`${path}.${name}`]
      : sealedPaths(schemas, child, `${path}.${name}`),
  );
}

const SEALED_NOTE =
  'Fields listed in x-sealed-fields travel as `sealed:v1:<keyId>:<base64(iv|ciphertext|tag)>` (AES-256-GCM over the JSON value, bound to the event id and the field path); consumers open them with HUB_FIELD_KEYS before validation (docs/security/data-protection.md).';

function messageName(type: string): string {
  return type.replace(/^throughcare\./, '').replace(/[.-](\w)/g, (_, c: string) => c.toUpperCase());
}

/** The AsyncAPI 3.0 document for every topic, with payloads generated from the DTOs. */
export function buildAsyncApiDocument(): Record<string, unknown> {
  const schemas = contractJsonSchemas();
  const channels: Record<string, unknown> = {};
  const messages: Record<string, unknown> = {};
  for (const channel of CHANNELS) {
    const refs: Record<string, unknown> = {};
    for (const message of channel.messages) {
      const name = messageName(message.type);
      refs[name] = { $ref: `#/components/messages/${name}` };
      messages[name] = {
        name: message.type,
        summary: message.summary,
        description: SEALED_NOTE,
        'x-sealed-fields': message.payload
          ? sealedPaths(schemas as Record<string, Schema>, { $ref: `#/${message.payload}` })
          : ['data'],
        contentType: 'application/cloudevents+json',
        headers: { type: 'object', properties: { 'x-correlation-id': { type: 'string' } } },
        payload: {
          allOf: [
            { $ref: '#/components/schemas/CloudEventEnvelopeV1' },
            {
              type: 'object',
              properties: {
                type: { const: message.type },
                data: message.payload
                  ? { $ref: `#/components/schemas/${message.payload}` }
                  : { type: 'object' },
              },
            },
          ],
        },
      };
    }
    const key = channel.topic.replace(/[.-]/g, '_');
    channels[key] = {
      address: channel.topic,
      description: `${channel.description} Produced by: ${channel.producers}. Consumed by: ${channel.consumers}.`,
      messages: refs,
    };
    channels[`${key}_dlq`] = {
      address: deadLetterTopic(channel.topic),
      description: `Messages from ${channel.topic} that could not be processed, with the reason in the x-dlq-reason header (and x-dlq-source-topic, -partition, -offset). The body is kept but sealed: the CloudEvents attributes stay readable, \`data\` and any other attribute are sealed whole, and a body that is not a JSON object is one sealed string (docs/security/data-protection.md).`,
      messages: refs,
    };
  }
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Throughcare Hub topics',
      version: '0.1.0',
      description:
        'Generated by `npm run docs:asyncapi` from libs/contracts; CI fails when this file and the DTOs drift apart.',
    },
    defaultContentType: 'application/cloudevents+json',
    channels,
    components: { messages, schemas },
  };
}
