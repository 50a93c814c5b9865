import 'reflect-metadata';

import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { parse } from 'yaml';

import {
  ConsentEventType,
  ConsentRecordedV1,
  INTAKE_PAYLOADS,
  IntakeAcceptedExtensionsV1,
  NoticeDueEventType,
  NoticeDueV1,
  RiskOverrideRecordedV1,
  TOPIC_MESSAGES,
  Topics,
} from '@throughcare/contracts';

import { consumes } from './consumer-declaration';

describe('consumes: a consumer declares every message class its topic carries', () => {
  it('accepts the contract classes and attaches the topic extension class', () => {
    const consent = consumes(Topics.Consent, {
      [ConsentEventType.ConsentRecorded]: ConsentRecordedV1,
      [ConsentEventType.RiskOverrideRecorded]: RiskOverrideRecordedV1,
    });
    expect(consent.extensions).toBeUndefined();
    expect(consumes(Topics.IntakeAccepted, INTAKE_PAYLOADS).extensions).toBe(
      IntakeAcceptedExtensionsV1,
    );
  });

  it('fails at start when a type the topic carries is not declared', () => {
    expect(() =>
      consumes(Topics.Consent, { [ConsentEventType.ConsentRecorded]: ConsentRecordedV1 }),
    ).toThrow(`does not declare ${ConsentEventType.RiskOverrideRecorded}`);
  });

  it('fails at start on a type the topic does not carry, or another class for a type', () => {
    expect(() =>
      consumes(Topics.NoticeDue, {
        [NoticeDueEventType]: NoticeDueV1,
        [ConsentEventType.ConsentRecorded]: ConsentRecordedV1,
      }),
    ).toThrow('which the topic does not carry');
    expect(() => consumes(Topics.NoticeDue, { [NoticeDueEventType]: ConsentRecordedV1 })).toThrow(
      'declares ConsentRecordedV1 for throughcare.notice.due, not NoticeDueV1',
    );
  });
});

interface AsyncApi {
  channels: Record<string, { address: string; messages: Record<string, { $ref: string }> }>;
  components: {
    messages: Record<
      string,
      { name: string; payload: { allOf: Array<{ properties?: { data?: { $ref?: string } } }> } }
    >;
  };
}

describe('TOPIC_MESSAGES', () => {
  it('lists, topic by topic, the types and payload classes docs/asyncapi.yaml lists', () => {
    const doc = parse(
      readFileSync(join(__dirname, '../../../../../docs/asyncapi.yaml'), 'utf8'),
    ) as AsyncApi;
    const documented: Record<string, Record<string, string | undefined>> = {};
    for (const channel of Object.values(doc.channels)) {
      if (channel.address.endsWith('.dlq')) continue;
      documented[channel.address] = Object.fromEntries(
        Object.values(channel.messages).map(({ $ref }) => {
          const message = doc.components.messages[$ref.split('/').pop() as string];
          const ref = message?.payload.allOf[1]?.properties?.data?.$ref;
          return [message?.name, ref?.split('/').pop()];
        }),
      );
    }
    const catalogued = Object.fromEntries(
      Object.entries(TOPIC_MESSAGES).map(([topic, classes]) => [
        topic,
        Object.fromEntries(Object.entries(classes).map(([type, cls]) => [type, cls.name])),
      ]),
    );
    expect(catalogued).toEqual(documented);
  });
});
