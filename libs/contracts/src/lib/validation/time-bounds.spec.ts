import 'reflect-metadata';

import { ReceptionReceivedV1 } from '../events/reception-received.v1';
import { ReleasePlannedV1 } from '../events/release-planned.v1';
import { ReleasesQueryV1 } from '../queries/releases-query.v1';
import { validatePayload } from './validate-payload';

// The hub's clock in these cases; a simulated clock may be anywhere.
const NOW = new Date('2031-03-10T12:00:00Z');

const reception = (receivedAt: string) => ({
  eventId: '5f0c5c3e-8f7a-4b6e-9a37-2c1d1b8e9f10',
  prisonNumber: 'A1234BC',
  establishment: 'LEI',
  receivedAt,
  receptionType: 'SENTENCED',
  substanceMisuse: { opiateUse: true, onOst: false, alcohol: false },
});

const release = (releaseDate: string) => ({
  eventId: '5f0c5c3e-8f7a-4b6e-9a37-2c1d1b8e9f11',
  prisonNumber: 'A1234BC',
  establishment: 'LEI',
  releaseDate,
  releaseType: 'CONDITIONAL_RELEASE',
  supervision: { onLicence: false },
  releaseArea: { localAuthorityCode: 'E08000035' },
  clinical: { onOst: false, opiateHistory: false },
});

function fieldsRefused(result: ReturnType<typeof validatePayload>): string[] {
  return result.ok ? [] : result.errors.map((e) => e.field);
}

describe('time bounds', () => {
  it.each([
    ['2031-03-10T12:04:59Z', true],
    ['2031-03-10T12:05:00Z', true],
    ['2031-03-10T12:05:01Z', false],
    ['2031-03-10T13:00:00+01:00', true],
    ['2031-03-10T14:00:00+01:00', false],
    ['2000-01-01T00:00:00Z', true],
    ['1999-12-31T23:59:59Z', false],
    ['1900-01-01T00:00:00Z', false],
    ['9999-12-31T23:59:59Z', false],
  ])('a reception at %s is accepted: %s', (receivedAt, accepted) => {
    const result = validatePayload(ReceptionReceivedV1, reception(receivedAt), { now: NOW });
    expect(fieldsRefused(result)).toEqual(accepted ? [] : ['receivedAt']);
  });

  it.each([
    ['2031-03-10', true],
    ['2030-03-09', true],
    ['2030-03-08', false],
    ['2056-03-10', true],
    ['2056-03-11', false],
    ['3026-01-01', false],
  ])('a release on %s is accepted: %s', (releaseDate, accepted) => {
    const result = validatePayload(ReleasePlannedV1, release(releaseDate), { now: NOW });
    expect(fieldsRefused(result)).toEqual(accepted ? [] : ['releaseDate']);
  });

  it('says the bound and the window in the message, never the value', () => {
    const result = validatePayload(ReceptionReceivedV1, reception('9999-12-31T23:59:59Z'), {
      now: NOW,
    });
    const message = result.ok ? '' : result.errors[0]?.messages[0];
    expect(message).toContain("not more than 5 minutes after the hub's clock");
    expect(message).toContain('to 2031-03-10T12:05:00.000Z');
    expect(message).not.toContain('9999');
  });

  it('without a clock, holds only the fixed 2000..2100 window (events the hub published)', () => {
    expect(validatePayload(ReceptionReceivedV1, reception('2099-12-31T00:00:00Z')).ok).toBe(true);
    expect(
      fieldsRefused(validatePayload(ReceptionReceivedV1, reception('1900-01-01T00:00:00Z'))),
    ).toEqual(['receivedAt']);
    expect(fieldsRefused(validatePayload(ReleasePlannedV1, release('2100-01-01')))).toEqual([
      'releaseDate',
    ]);
  });

  it('lets a query range reach any time the hub could hold, whatever the clock', () => {
    const query = { establishment: 'LEI', from: '2001-01-01', to: '2099-12-31' };
    expect(validatePayload(ReleasesQueryV1, query, { now: NOW }).ok).toBe(true);
    expect(
      fieldsRefused(validatePayload(ReleasesQueryV1, { ...query, to: '2100-01-01' }, { now: NOW })),
    ).toEqual(['to']);
  });
});
