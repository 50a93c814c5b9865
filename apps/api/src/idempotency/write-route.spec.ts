import 'reflect-metadata';

import { BadRequestException, HttpCode } from '@nestjs/common';
import { declaredStatus, writeRouteOf, type WriteRequest } from './write-route';

class Routes {
  @HttpCode(202)
  accepted(): string {
    return 'accepted';
  }

  undeclared(): string {
    return 'undeclared';
  }
}

function request(method: string, path: string, headers: Record<string, string> = {}): WriteRequest {
  return { method, path, header: (name: string) => headers[name] };
}

describe('the write a request is, read from its route', () => {
  it('takes the status from @HttpCode, else 201 for POST and 200 otherwise', () => {
    expect(declaredStatus(Routes.prototype.accepted, 'POST')).toBe(202);
    expect(declaredStatus(Routes.prototype.undeclared, 'POST')).toBe(201);
    expect(declaredStatus(Routes.prototype.undeclared, 'PUT')).toBe(200);
  });

  it('takes method, path and Idempotency-Key from the request', () => {
    const route = writeRouteOf(
      request('POST', '/v1/deliveries/d-1/replay', { 'Idempotency-Key': 'k-1' }),
      Routes.prototype.accepted,
    );
    expect(route).toEqual({
      key: 'k-1',
      method: 'POST',
      path: '/v1/deliveries/d-1/replay',
      status: 202,
    });
    expect(writeRouteOf(request('PUT', '/v1/x'), Routes.prototype.undeclared).key).toBeUndefined();
  });

  it('refuses a malformed key with a 400 problem, and a read route outright', () => {
    expect(() =>
      writeRouteOf(
        request('POST', '/v1/x', { 'Idempotency-Key': 'a b' }),
        Routes.prototype.accepted,
      ),
    ).toThrow(BadRequestException);
    expect(() => writeRouteOf(request('GET', '/v1/x'), Routes.prototype.accepted)).toThrow(
      'only writes take an Idempotency-Key',
    );
  });
});
