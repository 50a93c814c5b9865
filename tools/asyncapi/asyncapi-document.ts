import {
  DirectoryEventType,
  IntakeEventType,
  NoticeDueEventType,
  Topics,
  contractJsonSchemas,
  deadLetterTopic,
  type Topic,
} from '@throughcare/contracts';

interface ChannelSpec {
  topic: Topic;
  description: string;
  producers: string;
  consumers: string;
  messages: Array<{ type: string; payload?: string; summary: string }>;
}

// The hand-written part: what each topic is for. Payload schemas come from the DTO classes.
const CHANNELS: ChannelSpec[] = [
  {
    topic: Topics.Reception,
    description: 'Received into custody (contract.md §2). Key: prisonNumber.',
    producers: 'prison systems, the API',
    consumers: 'none yet (intake issue)',
    messages: [
      {
        type: IntakeEventType.ReceptionReceived,
        summary: 'Received into custody; payload defined by the intake issue',
      },
    ],
  },
  {
    topic: Topics.Transfer,
    description: 'Moved between prisons. Key: prisonNumber.',
    producers: 'prison systems, the API',
    consumers: 'none yet (intake issue)',
    messages: [
      {
        type: IntakeEventType.TransferCompleted,
        summary: 'Transfer completed; payload defined by the intake issue',
      },
    ],
  },
  {
    topic: Topics.Release,
    description:
      'Planned releases and changes to them. Key: prisonNumber, so one person stays in order.',
    producers: 'prison systems, the API (POST /v1/events/release)',
    consumers: 'planner (milestones), continuity (medication needs)',
    messages: [
      {
        type: IntakeEventType.ReleasePlanned,
        payload: 'ReleasePlannedV1',
        summary: 'A planned release, or a new date for the same custody episode',
      },
      {
        type: IntakeEventType.ReleaseCancelled,
        summary: 'The planned release will not happen; payload defined by the intake issue',
      },
      {
        type: IntakeEventType.ReleaseDischarged,
        summary: 'The person left the gate; payload defined by the intake issue',
      },
    ],
  },
  {
    topic: Topics.CourtRelease,
    description: 'Unplanned release from court. Key: prisonNumber.',
    producers: 'prison systems, the API',
    consumers: 'none yet (intake issue)',
    messages: [
      {
        type: IntakeEventType.CourtReleaseReleased,
        summary: 'Released from court; payload defined by the intake issue',
      },
    ],
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
        type: DirectoryEventType.SubscriptionRegistered,
        payload: 'SubscriptionRegisteredV1',
        summary: 'A webhook endpoint was registered',
      },
    ],
  },
  {
    topic: Topics.NoticeDue,
    description: "The hub's own: a notice fell due (a release milestone). Key: prisonNumber.",
    producers: 'planner',
    consumers: 'notifier (routing, disclosure at send time, delivery)',
    messages: [
      {
        type: NoticeDueEventType,
        payload: 'NoticeDueV1',
        summary: 'A notice is due now; id is the notice id',
      },
    ],
  },
];

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
      description: `Messages from ${channel.topic} that could not be processed, unchanged, with the reason in the x-dlq-reason header (and x-dlq-source-topic, -partition, -offset).`,
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
