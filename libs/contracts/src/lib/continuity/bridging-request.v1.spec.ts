import 'reflect-metadata';

import { validatePayload } from '../validation/validate-payload';
import { BridgingIssuedV1, BridgingRequestV1 } from './bridging-request.v1';

const ISSUED = {
  form: 'FP10MDA',
  prescriber: { name: 'Dr R. Khan', registrationNumber: '7012345' },
  issuedAt: '2026-12-17T15:00:00Z',
  coverUntil: '2026-12-21',
};

function fieldsRefused<T extends object>(cls: new () => T, input: object): string[] {
  const result = validatePayload(cls, input);
  return result.ok ? [] : result.errors.map((error) => error.field);
}

describe(BridgingIssuedV1.name, () => {
  it('accepts an FP10MDA issued to cover the weekend (OST-03)', () => {
    expect(fieldsRefused(BridgingIssuedV1, ISSUED)).toEqual([]);
  });

  it.each([
    ['a form that is not FP10 or FP10MDA', { form: 'FP10SS' }, ['form']],
    ['no prescriber (OST-07)', { prescriber: undefined }, ['prescriber']],
    ['a cover date with a time', { coverUntil: '2026-12-21T00:00:00Z' }, ['coverUntil']],
    ['an impossible cover date', { coverUntil: '2026-02-30' }, ['coverUntil']],
  ])('refuses %s', (_, change, fields) => {
    expect(fieldsRefused(BridgingIssuedV1, { ...ISSUED, ...change })).toEqual(fields);
  });
});

describe(BridgingRequestV1.name, () => {
  it('describes an issued request', () => {
    const view = {
      id: '7d0c1a56-0c57-4a4e-9a57-0f6f2b7a9d11',
      prisonNumber: 'A1234BC',
      establishment: 'LEI',
      status: 'ISSUED',
      releaseKind: 'PLANNED',
      releaseDate: '2026-12-18',
      urgent: false,
      fridayOrPreHoliday: true,
      openedAt: '2026-12-16T09:00:00Z',
      coverFrom: '2026-12-18',
      coverUntil: '2026-12-21',
      ostMedicine: 'METHADONE',
      doseMg: 60,
      issued: ISSUED,
    };
    expect(fieldsRefused(BridgingRequestV1, view)).toEqual([]);
  });
});
