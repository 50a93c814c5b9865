import { randomBytes } from 'node:crypto';

import { buildCloudEvent, contractJsonSchemas } from '@throughcare/contracts';
import { WIRE_FIELD_PROTECTION, isProtectedWireField } from '@throughcare/disclosure';

import { openSealedText, sealDeadLetterText, sealEventFields } from './event-fields';
import { parseFieldKeyring } from './field-keyring';
import { SealedValueError, sealValue } from './sealed-value';

const keyring = parseFieldKeyring({
  currentKeyId: 'k1',
  keys: `k1:${randomBytes(32).toString('base64')}`,
});

const release = {
  eventId: '5f0c6a4e-8a38-4a3b-9d59-0c8a7f2b1e01',
  prisonNumber: 'A1234BC',
  establishment: 'LEI',
  releaseDate: '2027-06-01',
  releaseType: 'CONDITIONAL_RELEASE',
  supervision: {
    onLicence: true,
    offenderManager: {
      name: 'Olive Marker',
      email: 'olive.marker@example.org',
      organisationId: 'npc-leeds',
    },
  },
  releaseArea: { localAuthorityCode: 'E08000035' },
  clinical: { onOst: true, ostMedicine: 'METHADONE', doseMg: 65, opiateHistory: true },
};

function releaseEvent() {
  return buildCloudEvent({
    id: release.eventId,
    type: 'throughcare.release.planned',
    subject: release.prisonNumber,
    time: new Date('2027-05-01T10:00:00Z'),
    data: release,
  });
}

describe('sealEventFields', () => {
  it('seals clinical and identifying fields at any depth and keeps ids, codes and dates readable', () => {
    const sealed = sealEventFields(keyring, releaseEvent());
    const text = JSON.stringify(sealed);
    // The dose as it would read in clear ('65' alone also turns up in random base64).
    for (const secret of ['METHADONE', '"doseMg":65', 'Olive Marker', 'olive.marker@example.org'])
      expect(text).not.toContain(secret);
    expect(sealed.data.prisonNumber).toBe('A1234BC');
    expect(sealed.data.releaseDate).toBe('2027-06-01');
    expect(sealed.data.releaseArea).toEqual({ localAuthorityCode: 'E08000035' });
    expect(sealed.data.supervision.onLicence).toBe(true);
    expect(sealed.data.clinical).toMatch(/^sealed:v1:k1:/);
    expect(sealed.data.supervision.offenderManager).toMatch(/^sealed:v1:k1:/);
    expect(sealed.subject).toBe('A1234BC');
  });

  it('opens back to exactly the event that was sealed', () => {
    const event = releaseEvent();
    const opened = JSON.parse(
      openSealedText(keyring, JSON.stringify(sealEventFields(keyring, event))),
    ) as unknown;
    expect(opened).toEqual(JSON.parse(JSON.stringify(event)));
  });

  it('seals a field nobody classified (fail closed), and inside arrays', () => {
    const event = buildCloudEvent({
      id: 'e-2',
      type: 't',
      time: new Date(),
      data: { prisonNumber: 'A1234BC', attempts: [{ somethingNew: 'x', eventId: 'y' }] },
    });
    const sealed = sealEventFields(keyring, event) as unknown as {
      data: { attempts: { somethingNew: string; eventId: string }[] };
    };
    expect(sealed.data.attempts[0]?.somethingNew).toMatch(/^sealed:v1:/);
    expect(sealed.data.attempts[0]?.eventId).toBe('y');
  });

  it('leaves text with nothing sealed unchanged, byte for byte', () => {
    const text = '{ "specversion": "1.0",  "data": {"doseMg": 60} }';
    expect(openSealedText(keyring, text)).toBe(text);
    expect(openSealedText(keyring, 'not json')).toBe('not json');
  });

  it('refuses a sealed value moved into another event', () => {
    const sealed = sealEventFields(keyring, releaseEvent());
    const moved = { ...sealed, id: 'another-event' };
    expect(() => openSealedText(keyring, JSON.stringify(moved))).toThrow(SealedValueError);
  });

  it('refuses a deeply nested message as a sealed-value error, never a stack overflow', () => {
    const depth = 20_000;
    const sealed = sealValue(keyring, 'x', { eventId: '', path: 'b' });
    const text = `{"data":${'{"a":'.repeat(depth)}"plain"${'}'.repeat(depth)},"b":"${sealed}"}`;
    expect(() => openSealedText(keyring, text)).toThrow(SealedValueError);
  });
});

describe('sealDeadLetterText', () => {
  it('keeps the envelope readable, seals all of data, and opens back', () => {
    const body = JSON.stringify({
      ...releaseEvent(),
      data: { ...release, unexpected: 'Dr Freetext Marker' },
    });
    const sealed = sealDeadLetterText(keyring, body);
    const parsed = JSON.parse(sealed) as Record<string, unknown>;
    expect(parsed['id']).toBe(release.eventId);
    expect(parsed['type']).toBe('throughcare.release.planned');
    expect(parsed['subject']).toBe('A1234BC');
    expect(parsed['data']).toMatch(/^sealed:v1:k1:/);
    expect(sealed).not.toContain('Freetext');
    expect(openSealedText(keyring, sealed)).toBe(body);
  });

  it('seals a subject that is not a prison number and attributes it does not know', () => {
    const body = JSON.stringify({ id: 'x', subject: 'Jane Marker', extra: 'Marker two' });
    const sealed = sealDeadLetterText(keyring, body);
    expect(sealed).not.toContain('Marker');
    expect(openSealedText(keyring, sealed)).toBe(body);
  });

  it('seals a body that is not JSON whole, and opens it back', () => {
    const body = '{"data": {"notes": "Broken Marker"';
    const sealed = sealDeadLetterText(keyring, body);
    expect(sealed).toMatch(/^sealed:v1:k1:/);
    expect(openSealedText(keyring, sealed)).toBe(body);
  });

  it('seals a body too deep to serialise attribute by attribute whole, and opens it back', () => {
    const depth = 20_000;
    const body = `{"id":"x","data":${'{"a":'.repeat(depth)}"Deep Marker"${'}'.repeat(depth)}}`;
    const sealed = sealDeadLetterText(keyring, body);
    expect(sealed).toMatch(/^sealed:v1:k1:/);
    expect(openSealedText(keyring, sealed)).toBe(body);
  });

  it('seals over fields the hub already sealed, and opens both layers', () => {
    const onTopic = JSON.stringify(sealEventFields(keyring, releaseEvent()));
    const sealed = sealDeadLetterText(keyring, onTopic);
    expect(JSON.parse(openSealedText(keyring, sealed))).toEqual(
      JSON.parse(JSON.stringify(releaseEvent())),
    );
  });
});

describe('the wire field classification (libs/disclosure) covers every contract field', () => {
  const schemas = contractJsonSchemas();
  const fields = new Set(
    Object.values(schemas).flatMap((schema) =>
      Object.keys((schema as { properties?: object }).properties ?? {}),
    ),
  );

  it.each([...fields].sort())('%s is classified', (field) => {
    expect(Object.hasOwn(WIRE_FIELD_PROTECTION, field)).toBe(true);
  });

  it.each([
    'ostMedicine',
    'doseMg',
    'dir',
    'notes',
    'riskIssues',
    'keyworker',
    'offenderManager',
    'name',
    'email',
    'dateOfBirth',
    'clinical',
    'substanceMisuse',
    'plan',
    'naloxone',
    'constructor',
  ])('%s is sealed', (field) => {
    expect(isProtectedWireField(field)).toBe(true);
  });

  it.each(['prisonNumber', 'eventId', 'episodeId', 'releaseDate', 'establishment', 'id'])(
    '%s travels in clear',
    (field) => {
      expect(isProtectedWireField(field)).toBe(false);
    },
  );
});
