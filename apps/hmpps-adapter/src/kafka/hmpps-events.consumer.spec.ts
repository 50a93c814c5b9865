import { bareEventMessageId } from '../domain-events/hub-event-ids';
import { InvalidHmppsMessageError } from '../domain-events/upstream-unavailable.error';
import { deliveryOf } from './hmpps-events.consumer';

describe(deliveryOf.name, () => {
  it('reads an SNS notification as SQS delivers it, keeping its MessageId', () => {
    const value = JSON.stringify({
      Type: 'Notification',
      MessageId: '22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324',
      Message: '{"eventType":"e","version":1}',
    });

    expect(deliveryOf(value)).toEqual({
      messageId: '22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324',
      body: { eventType: 'e', version: 1 },
    });
  });

  it('knows a bare event by the digest of its bytes', () => {
    const value = '{"eventType":"e","version":1}';

    expect(deliveryOf(value)).toEqual({
      messageId: bareEventMessageId(value),
      body: { eventType: 'e', version: 1 },
    });
  });

  it.each([
    ['not JSON', 'nope', 'the message is not JSON'],
    [
      'a Message that is not JSON',
      JSON.stringify({ Type: 'Notification', MessageId: 'a-1', Message: 'x' }),
      'the SNS Message is not JSON',
    ],
    [
      'a MessageId of another shape',
      JSON.stringify({ Type: 'Notification', MessageId: 'a b', Message: '{}' }),
      'MessageId must be an SNS message id',
    ],
    [
      'over 256 KiB',
      JSON.stringify({ pad: 'x'.repeat(256 * 1024) }),
      'the message is larger than 256 KiB',
    ],
  ])('dead-letters %s', (_case, value, reason) => {
    expect(() => deliveryOf(value)).toThrow(new InvalidHmppsMessageError(reason));
  });
});
