import 'reflect-metadata';

import { validatePayload } from '../validation/validate-payload';
import { DeliveriesQueryV1 } from './deliveries-query.v1';

describe(DeliveriesQueryV1.name, () => {
  it('accepts an empty query', () => {
    expect(validatePayload(DeliveriesQueryV1, {})).toEqual({ ok: true, value: {} });
  });

  it('turns the query-string limit into a number and keeps the other filters', () => {
    const result = validatePayload(DeliveriesQueryV1, {
      organisationId: 'leeds-cjit',
      status: 'FAILED',
      from: '2026-11-01T00:00:00Z',
      to: '2026-11-02T00:00:00Z',
      limit: '500',
      cursor: 'WyIyMDI2LTExLTA1VDA5OjAwOjAwLjAwMFoiLCJtc2dfMSJd',
    });
    expect(result.ok && result.value).toMatchObject({ limit: 500, status: 'FAILED' });
  });

  it.each([
    ['status', { status: 'SENT' }],
    ['limit', { limit: '0' }],
    ['limit', { limit: '501' }],
    ['limit', { limit: '2.5' }],
    ['limit', { limit: 'ten' }],
    ['from', { from: '2026-11-01' }],
    ['to', { to: 'yesterday' }],
    ['organisationId', { organisationId: 'Leeds CJIT' }],
    ['cursor', { cursor: 'not/a+cursor' }],
    ['sort', { sort: 'oldest' }],
  ])('refuses a bad %s: %j', (field, query) => {
    const result = validatePayload(DeliveriesQueryV1, query);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors.map((e) => e.field)).toEqual([field]);
  });
});
