import { PRISON_NUMBER_PATTERN, type CloudEvent } from '@throughcare/contracts';
import { isProtectedWireField } from '@throughcare/disclosure';

import type { FieldKeyring } from './field-keyring';
import {
  SEALED_PREFIX,
  SealedValueError,
  isSealed,
  openSealedValue,
  sealValue,
} from './sealed-value';

type JsonObject = Record<string, unknown>;

function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const MAX_EVENT_ID_LENGTH = 200;

/** The event id a message's sealed values are bound to ('' when it has no usable one). */
function bindingEventId(message: JsonObject): string {
  const id = message['id'];
  return typeof id === 'string' && id.length <= MAX_EVENT_ID_LENGTH && !isSealed(id) ? id : '';
}

function sealTree(keyring: FieldKeyring, value: unknown, path: string, eventId: string): unknown {
  if (Array.isArray(value))
    return value.map((item, index) => sealTree(keyring, item, `${path}.${index}`, eventId));
  if (!isJsonObject(value)) return value;
  const sealed: JsonObject = {};
  for (const [key, child] of Object.entries(value)) {
    const childPath = `${path}.${key}`;
    const protect = isProtectedWireField(key) && child !== null && child !== undefined;
    sealed[key] =
      protect && !isSealed(child)
        ? sealValue(keyring, child, { eventId, path: childPath })
        : sealTree(keyring, child, childPath, eventId);
  }
  return sealed;
}

/**
 * The event as it may leave its service: every clinical, identifying or unclassified field of
 * `data`, at any depth, replaced by a sealed string bound to the event id and the field's path.
 * Ids, codes and instants stay readable for routing and ordering (wire-field-protection.ts;
 * docs/security/data-protection.md FP-2, FP-3, FP-6).
 */
export function sealEventFields<T>(keyring: FieldKeyring, event: CloudEvent<T>): CloudEvent<T> {
  return { ...event, data: sealTree(keyring, event.data, 'data', event.id) as T };
}

/**
 * Opens every sealed value of a parsed message in place, also inside values it opened (a
 * dead-lettered body is sealed whole over fields sealed one by one; FP-7). Iterative, so a deeply
 * nested hostile message cannot exhaust the stack here. Throws SealedValueError.
 */
function openInPlace(keyring: FieldKeyring, message: JsonObject): void {
  const eventId = bindingEventId(message);
  const pending: [JsonObject | unknown[], string][] = [[message, '']];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [container, path] = next;
    const slots = container as Record<string, unknown>;
    for (const key of Object.keys(container)) {
      const childPath = path ? `${path}.${key}` : key;
      let value = slots[key];
      while (isSealed(value)) value = openSealedValue(keyring, value, { eventId, path: childPath });
      slots[key] = value;
      if (typeof value === 'object' && value !== null)
        pending.push([value as JsonObject, childPath]);
    }
  }
}

/**
 * A Kafka value with its sealed values opened. Values with nothing sealed come back unchanged,
 * text that is not JSON too (the caller refuses it); a value sealed whole (an unparseable
 * dead-lettered body) is opened first. Throws SealedValueError.
 */
export function openSealedText(keyring: FieldKeyring, text: string): string {
  if (!text.includes(SEALED_PREFIX)) return text;
  if (isSealed(text))
    return openSealedText(
      keyring,
      String(openSealedValue(keyring, text, { eventId: '', path: '' })),
    );
  let message: unknown;
  try {
    message = JSON.parse(text);
  } catch {
    return text;
  }
  if (!isJsonObject(message)) return text;
  openInPlace(keyring, message);
  try {
    return JSON.stringify(message);
  } catch {
    // Too deep to write back (a hostile message): it can never be processed.
    throw new SealedValueError('', 'the message nests too deeply');
  }
}

// CloudEvents attributes and the hub's extension attributes that stay readable on a DLQ, so an
// operator can tell what failed (id, type, source, when) without the key.
const CLEAR_DEAD_LETTER_ATTRIBUTES = new Set([
  'specversion',
  'id',
  'source',
  'type',
  'time',
  'datacontenttype',
  'correlationid',
  'episodeid',
  'custodychange',
  'occurredat',
  'previousreleasedate',
]);

function staysClearOnDeadLetter(key: string, value: unknown): boolean {
  if (typeof value !== 'string' || value.length > MAX_EVENT_ID_LENGTH || isSealed(value))
    return false;
  if (key === 'subject') return PRISON_NUMBER_PATTERN.test(value);
  return CLEAR_DEAD_LETTER_ATTRIBUTES.has(key);
}

/**
 * A dead-lettered body kept but sealed (FP-8): the envelope's attributes stay readable, everything
 * else (all of `data`, unknown attributes, whatever their names) is sealed whole, because a
 * message that failed validation may carry personal data under any name. A body that is not a
 * JSON object is sealed whole.
 */
export function sealDeadLetterText(keyring: FieldKeyring, text: string): string {
  let message: unknown;
  try {
    message = JSON.parse(text);
  } catch {
    message = undefined;
  }
  const whole = () => sealValue(keyring, text, { eventId: '', path: '' });
  if (!isJsonObject(message)) return whole();
  const eventId = bindingEventId(message);
  const kept: JsonObject = {};
  try {
    for (const [key, value] of Object.entries(message))
      kept[key] = staysClearOnDeadLetter(key, value)
        ? value
        : sealValue(keyring, value, { eventId, path: key });
  } catch {
    // Too deep to serialise attribute by attribute (a hostile body): sealed whole, as it came.
    return whole();
  }
  return JSON.stringify(kept);
}
