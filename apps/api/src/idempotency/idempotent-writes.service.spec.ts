import type { DataSource, EntityManager } from 'typeorm';

import { ManualClock } from '@throughcare/clock';
import { DomainError, DomainErrorCode } from '@throughcare/contracts';

import type { Caller } from '../auth/caller';
import type { IdempotencyKeyEntity } from './idempotency-key.entity';
import {
  IdempotentWrites,
  callerIdentity,
  type IdempotentRequest,
} from './idempotent-writes.service';
import { requestHash } from './request-hash';

const LEEDS: Caller = { role: 'prison', organisationId: 'hmp-leeds', establishments: ['LEI'] };
const NOW = new Date('2026-11-02T10:00:00Z');

function fakeManager(stored: IdempotencyKeyEntity | null) {
  const inserted: unknown[] = [];
  const manager = {
    query: jest.fn().mockResolvedValue([]),
    findOneBy: jest.fn().mockResolvedValue(stored),
    insert: jest.fn(async (_entity: unknown, row: unknown) => {
      inserted.push(row);
    }),
  };
  return { manager: manager as unknown as EntityManager, inserted, calls: manager };
}

/** The service over a data source whose transaction hands the fake manager to the work. */
function writesWith(stored: IdempotencyKeyEntity | null) {
  const { manager, inserted, calls } = fakeManager(stored);
  const dataSource = {
    transaction: jest.fn((work: (m: EntityManager) => Promise<unknown>) => work(manager)),
  } as unknown as DataSource;
  return { sut: new IdempotentWrites(dataSource, new ManualClock(NOW)), manager, inserted, calls };
}

function request(overrides: Partial<IdempotentRequest> = {}): IdempotentRequest {
  return {
    key: 'key-1',
    caller: LEEDS,
    method: 'PUT',
    path: '/v1/people/A1234BC/consent',
    body: { cjit: true },
    status: 200,
    ...overrides,
  };
}

function storedAnswer(overrides: Partial<IdempotencyKeyEntity> = {}): IdempotencyKeyEntity {
  return {
    caller: 'prison:hmp-leeds',
    key: 'key-1',
    method: 'PUT',
    path: '/v1/people/A1234BC/consent',
    requestHash: requestHash({ cjit: true }),
    responseStatus: 200,
    responseBody: { version: 1 },
    createdAt: NOW,
    ...overrides,
  };
}

describe(IdempotentWrites.name, () => {
  const write = jest.fn(async (_manager: EntityManager) => ({ version: 2 }));

  beforeEach(() => write.mockClear());

  it('just writes when there is no key, storing nothing', async () => {
    const { sut, manager, inserted, calls } = writesWith(null);
    await expect(sut.once(request({ key: undefined }), write)).resolves.toEqual({
      body: { version: 2 },
      replayed: false,
    });
    expect(write).toHaveBeenCalledTimes(1);
    expect(write).toHaveBeenCalledWith(manager);
    expect(inserted).toEqual([]);
    expect(calls.query).not.toHaveBeenCalled();
  });

  it('writes once and stores the answer with the request hash under a new key', async () => {
    const { sut, inserted } = writesWith(null);
    await expect(sut.once(request(), write)).resolves.toEqual({
      body: { version: 2 },
      replayed: false,
    });
    expect(inserted).toEqual([
      {
        caller: 'prison:hmp-leeds',
        key: 'key-1',
        method: 'PUT',
        path: '/v1/people/A1234BC/consent',
        requestHash: requestHash({ cjit: true }),
        responseStatus: 200,
        responseBody: { version: 2 },
        createdAt: NOW,
      },
    ]);
  });

  it('replays the stored answer for the same request, writing nothing', async () => {
    const { sut, inserted } = writesWith(storedAnswer());
    await expect(sut.once(request(), write)).resolves.toEqual({
      body: { version: 1 },
      replayed: true,
    });
    expect(write).not.toHaveBeenCalled();
    expect(inserted).toEqual([]);
  });

  it.each([
    ['a different body', request({ body: { cjit: false } })],
    ['a different path', request({ path: '/v1/people/B1234BC/consent' })],
    ['a different method', request({ method: 'POST' })],
  ])('refuses the same key with %s', async (_case, other) => {
    const { sut, inserted } = writesWith(storedAnswer());
    const refused = sut.once(other, write);
    await expect(refused).rejects.toBeInstanceOf(DomainError);
    await expect(refused).rejects.toMatchObject({ code: DomainErrorCode.IdempotencyKeyReused });
    expect(write).not.toHaveBeenCalled();
    expect(inserted).toEqual([]);
  });
});

describe(callerIdentity.name, () => {
  it.each([
    [LEEDS, 'prison:hmp-leeds'],
    [{ role: 'admin', establishments: [] } as Caller, 'admin'],
    [{ role: 'admin', organisationId: 'admin', establishments: [] } as Caller, 'admin:admin'],
  ])('%j -> %s', (caller, expected) => {
    expect(callerIdentity(caller)).toBe(expected);
  });
});
