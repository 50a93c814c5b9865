import 'reflect-metadata';

import { ConsentV1 } from '../consent/consent.v1';
import { DirV1 } from '../continuity/dir.v1';
import { validatePayload } from './validate-payload';

const consent = {
  communityTreatment: true,
  cjit: true,
  probation: false,
  ndtms: false,
  releasePlanSigned: true,
  recordedBy: 'CARAT worker J. Smith',
  recordedAt: '2026-11-02T10:00:00Z',
};

describe(validatePayload.name, () => {
  it('accepts a valid body', () => {
    expect(validatePayload(ConsentV1, consent).ok).toBe(true);
  });

  it('answers 10,000 nested levels with a field error instead of overflowing', () => {
    const deep = JSON.parse(`{"recordedBy":${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}}`);
    const result = validatePayload(ConsentV1, { ...consent, ...deep });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors[0]?.messages[0]).toMatch(/nesting deeper than 16/);
  });

  it.each([
    ['constructor', '{"constructor":{"prototype":{"isAdmin":true}}}', 'constructor'],
    ['__proto__', '{"__proto__":{"isAdmin":true}}', '__proto__'],
    ['prototype', '{"prototype":{}}', 'prototype'],
  ])('refuses a top-level %s key like any unknown property', (_name, json, field) => {
    const result = validatePayload(ConsentV1, { ...consent, ...JSON.parse(json) });
    expect(result).toEqual({
      ok: false,
      errors: [{ field, messages: [`property ${field} should not exist`] }],
    });
  });

  it('refuses a prototype key nested inside a DTO', () => {
    const dir = {
      custodyEpisode: {
        receivedAt: '2026-11-02T10:00:00Z',
        establishment: 'LEI',
        constructor: { prototype: {} },
      },
    };
    const result = validatePayload(DirV1, dir);
    expect(!result.ok && result.errors).toEqual([
      { field: 'custodyEpisode.constructor', messages: ['property constructor should not exist'] },
    ]);
  });

  it('answers a non-object with one error', () => {
    expect(validatePayload(ConsentV1, [consent])).toEqual({
      ok: false,
      errors: [{ field: '(body)', messages: ['must be a JSON object'] }],
    });
  });
});
