import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { HmppsEventTypes, mapHmppsEvent, normaliseInstant } from './hmpps-event-mapping';
import { bareEventMessageId, hubEventId } from './hub-event-ids';

const FIXTURES = join(__dirname, '..', '..', 'test', 'fixtures', 'published');

function fixture(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(FIXTURES, name), 'utf8')) as Record<string, unknown>;
}

function movement(eventType: string, reason: string | undefined, extra: object = {}) {
  return {
    eventType,
    version: 1,
    occurredAt: '2026-03-02T10:15:00+00:00',
    additionalInformation: { nomsNumber: 'A1234BC', prisonId: 'MDI', reason, ...extra },
    personReference: { identifiers: [{ type: 'NOMS', value: 'A1234BC' }] },
  };
}

describe(mapHmppsEvent.name, () => {
  describe('movements on both streams', () => {
    it.each([
      [HmppsEventTypes.Received, 'ADMISSION', 'reception', 'delayed'],
      [HmppsEventTypes.Received, 'READMISSION', 'reception', 'delayed'],
      [HmppsEventTypes.Received, 'TRANSFERRED', 'transfer-in', 'delayed'],
      [HmppsEventTypes.Received, 'RETURN_FROM_COURT', 'court-return', 'delayed'],
      [HmppsEventTypes.Received, 'TEMPORARY_ABSENCE_RETURN', 'temporary-absence', 'delayed'],
      [HmppsEventTypes.Released, 'RELEASED', 'discharge', 'delayed'],
      [HmppsEventTypes.Released, 'TRANSFERRED', 'transfer-out', 'delayed'],
      [HmppsEventTypes.Released, 'SENT_TO_COURT', 'court-candidate', 'delayed'],
      [HmppsEventTypes.Released, 'TEMPORARY_ABSENCE_RELEASE', 'temporary-absence', 'delayed'],
      [HmppsEventTypes.Released, 'RELEASED_TO_HOSPITAL', 'hospital-release', 'delayed'],
      [HmppsEventTypes.SearchReceived, 'ADMISSION', 'reception', 'immediate'],
      [HmppsEventTypes.SearchReceived, 'READMISSION', 'reception', 'immediate'],
      [HmppsEventTypes.SearchReceived, 'TRANSFERRED', 'transfer-in', 'immediate'],
      [HmppsEventTypes.SearchReleased, 'RELEASED', 'discharge', 'immediate'],
      [HmppsEventTypes.SearchReleased, 'SENT_TO_COURT', 'court-candidate', 'immediate'],
      [HmppsEventTypes.SearchReleased, 'RELEASED_TO_HOSPITAL', 'hospital-release', 'immediate'],
    ])('%s %s is %s on the %s stream', (eventType, reason, kind, stream) => {
      const sut = mapHmppsEvent(movement(eventType, reason));

      expect(sut).toMatchObject({
        ok: true,
        action: {
          kind,
          stream,
          prisonNumber: 'A1234BC',
          establishment: 'MDI',
          occurredAt: '2026-03-02T10:15:00.000Z',
        },
      });
    });
  });

  describe('kept and counted, never guessed', () => {
    it.each([
      [HmppsEventTypes.SearchReceived, 'READMISSION_SWITCH_BOOKING', 'reason not mapped'],
      [HmppsEventTypes.Received, 'POST_MERGE_ADMISSION', 'reason not mapped'],
      [HmppsEventTypes.Released, 'ESCAPED', 'reason not mapped'],
      [HmppsEventTypes.Released, undefined, 'reason not mapped'],
      ['prison-offender-events.prisoner.merged', 'MERGE', 'event type not read by the adapter'],
      ['probation-case.engagement.created', undefined, 'event type not read by the adapter'],
    ])('%s reason %s is unknown (%s)', (eventType, reason, why) => {
      const sut = mapHmppsEvent(movement(eventType, reason));

      expect(sut).toMatchObject({ ok: true, action: { kind: 'unknown', eventType, reason, why } });
    });

    it.each(['ZZGHI', 'OUT', ''])(
      'a movement at prisonId %p is unknown, not acted on',
      (prisonId) => {
        const sut = mapHmppsEvent({
          ...movement(HmppsEventTypes.Released, 'RELEASED'),
          additionalInformation: { nomsNumber: 'A1234BC', prisonId, reason: 'RELEASED' },
        });

        const expected = prisonId === 'OUT' ? 'discharge' : 'unknown';
        expect(sut).toMatchObject({ ok: true, action: { kind: expected } });
      },
    );
  });

  describe('release dates', () => {
    it('sentence-dates-changed asks for the release dates again (delayed stream)', () => {
      const sut = mapHmppsEvent({
        eventType: HmppsEventTypes.SentenceDatesChanged,
        version: 1,
        occurredAt: '2026-03-02T10:15:00Z',
        additionalInformation: {
          nomsNumber: 'A1234BC',
          bookingId: '1',
          sentenceCalculationId: '2',
        },
      });

      expect(sut).toMatchObject({
        ok: true,
        action: { kind: 'release-dates-changed', prisonNumber: 'A1234BC', stream: 'delayed' },
      });
    });

    it.each([
      [['SENTENCE'], 'release-dates-changed'],
      [['STATUS', 'SENTENCE', 'LOCATION'], 'release-dates-changed'],
      [['STATUS', 'LOCATION'], 'not-relevant'],
      [[], 'not-relevant'],
    ])('Prisoner Search updated with %j is %s', (categoriesChanged, kind) => {
      const sut = mapHmppsEvent({
        eventType: HmppsEventTypes.SearchUpdated,
        version: 1,
        occurredAt: '2026-03-02T10:15:00Z',
        additionalInformation: { nomsNumber: 'A1234BC', categoriesChanged },
      });

      expect(sut).toMatchObject({ ok: true, action: { kind } });
    });
  });

  describe('the envelope', () => {
    it.each([
      ['no eventType', { eventType: undefined }, 'eventType'],
      ['a string version', { version: '1' }, 'version'],
      ['occurredAt without an offset', { occurredAt: '2026-03-02T10:15:00' }, 'occurredAt'],
      ['occurredAt on 30 February', { occurredAt: '2026-02-30T10:15:00Z' }, 'occurredAt'],
      [
        'a reason that is not a string',
        { additionalInformation: { nomsNumber: 'A1234BC', reason: 7 } },
        'additionalInformation.reason',
      ],
      ['a prototype key', JSON.parse('{"__proto__": {"x": 1}}'), '__proto__'],
    ])('refuses %s', (_case, override, field) => {
      const sut = mapHmppsEvent({
        ...movement(HmppsEventTypes.Received, 'ADMISSION'),
        ...override,
      });

      expect(sut.ok).toBe(false);
      expect(JSON.stringify(sut)).toContain(field);
    });

    it.each([
      ['no NOMS number anywhere', { nomsNumber: undefined }, [], 'a NOMS number is required'],
      ['a malformed NOMS number', { nomsNumber: 'a1234bc' }, [], 'must look like A1234BC'],
      ['two NOMS numbers that differ', {}, [{ type: 'NOMS', value: 'Z9999ZZ' }], 'differs'],
    ])('refuses %s', (_case, information, identifiers, message) => {
      const base = movement(HmppsEventTypes.Received, 'ADMISSION');
      const sut = mapHmppsEvent({
        ...base,
        additionalInformation: { ...base.additionalInformation, ...information },
        personReference: { identifiers },
      });

      expect(sut).toMatchObject({ ok: false });
      expect(JSON.stringify(sut)).toContain(message);
    });

    it('reads the NOMS number from personReference when additionalInformation has none', () => {
      const base = movement(HmppsEventTypes.Released, 'RELEASED');
      const sut = mapHmppsEvent({
        ...base,
        additionalInformation: { prisonId: 'MDI', reason: 'RELEASED' },
      });

      expect(sut).toMatchObject({ ok: true, action: { prisonNumber: 'A1234BC' } });
    });

    it.each(['a string', 42, null, []])('refuses a body that is %p', (body) => {
      expect(mapHmppsEvent(body).ok).toBe(false);
    });
  });

  describe('the published examples, unchanged', () => {
    it.each([
      [
        'prisoner-received-admission.json',
        {
          kind: 'reception',
          prisonNumber: 'A3690EA',
          establishment: 'SWI',
          occurredAt: '2024-06-11T14:13:21.000Z',
        },
      ],
      [
        'prisoner-released-released.json',
        {
          kind: 'discharge',
          prisonNumber: 'A3695EA',
          establishment: 'SWI',
          occurredAt: '2024-06-11T14:14:46.000Z',
        },
      ],
      [
        'prisoner-sentence-dates-changed.json',
        { kind: 'release-dates-changed', prisonNumber: 'A0260DZ' },
      ],
      [
        'search-prisoner-received-readmission.json',
        { kind: 'reception', stream: 'immediate', prisonNumber: 'A7928DZ', establishment: 'SWI' },
      ],
      [
        'search-prisoner-released-released.json',
        { kind: 'discharge', stream: 'immediate', occurredAt: '2024-06-14T08:07:15.624Z' },
      ],
      ['search-prisoner-updated.json', { kind: 'not-relevant', prisonNumber: 'A7928DZ' }],
    ])('%s maps to %j', (name, action) => {
      expect(mapHmppsEvent(fixture(name))).toMatchObject({ ok: true, action });
    });
  });
});

describe(normaliseInstant.name, () => {
  it.each([
    ['2024-06-11T15:13:21+01:00', '2024-06-11T14:13:21.000Z'],
    ['2024-06-14T09:07:15.624796498+01:00', '2024-06-14T08:07:15.624Z'],
    ['2024-06-14T09:07:15.9999Z', '2024-06-14T09:07:15.999Z'],
    ['2024-06-14T09:07:15.5-02:30', '2024-06-14T11:37:15.500Z'],
  ])('%s is %s', (input, expected) => {
    expect(normaliseInstant(input)).toBe(expected);
  });
});

describe(hubEventId.name, () => {
  it('is a version 5 UUID, the same for the same message and effect', () => {
    const sut = hubEventId('0b1d2c3e-aaaa-bbbb-cccc-000000000001', 'reception');

    expect(sut).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(hubEventId('0b1d2c3e-aaaa-bbbb-cccc-000000000001', 'reception')).toBe(sut);
  });

  it.each([
    ['another message', '0b1d2c3e-aaaa-bbbb-cccc-000000000002', 'reception'],
    ['another effect of the same message', '0b1d2c3e-aaaa-bbbb-cccc-000000000001', 'transfer'],
  ])('differs for %s', (_case, messageId, effect) => {
    expect(hubEventId(messageId, effect)).not.toBe(
      hubEventId('0b1d2c3e-aaaa-bbbb-cccc-000000000001', 'reception'),
    );
  });

  it('tells bare events apart by their bytes', () => {
    expect(bareEventMessageId('{"a":1}')).toBe(bareEventMessageId('{"a":1}'));
    expect(bareEventMessageId('{"a":1}')).not.toBe(bareEventMessageId('{"a":2}'));
  });
});
