import {
  BadRequestException,
  HttpStatus,
  RequestMethod,
  createParamDecorator,
  type ExecutionContext,
} from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import type { Request } from 'express';

import { problem } from '../http/problem-details';
import { IDEMPOTENCY_KEY_HEADER } from './idempotency-key.header';

/**
 * A write as its route declares it: the method and path the caller used, the status the route
 * answers with (its @HttpCode, or Nest's default), and the Idempotency-Key sent, if any. Read from
 * the route at run time, so no handler describes its own route (docs/hub-interface.md §3).
 */
export interface WriteRoute {
  key: string | undefined;
  method: 'POST' | 'PUT' | 'DELETE';
  /** The request path, e.g. `/v1/people/A1234BC/consent`. */
  path: string;
  status: number;
}

// Visible ASCII, as in the IETF httpapi Idempotency-Key draft; a UUID is the usual choice.
const IDEMPOTENCY_KEY = /^[!-~]{1,255}$/;
const WRITE_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'DELETE']);

/** The status a route handler answers with: its @HttpCode, else 201 for POST and 200 otherwise. */
export function declaredStatus(handler: object, method: RequestMethod | string): number {
  const declared: unknown = Reflect.getMetadata(HTTP_CODE_METADATA, handler);
  if (typeof declared === 'number') return declared;
  const post = method === RequestMethod.POST || method === 'POST';
  return post ? HttpStatus.CREATED : HttpStatus.OK;
}

/** The Idempotency-Key header, or undefined without one; a malformed key is a 400 problem. */
export function idempotencyKeyOf(request: Pick<WriteRequest, 'header'>): string | undefined {
  const value = request.header(IDEMPOTENCY_KEY_HEADER);
  if (value === undefined) return undefined;
  if (IDEMPOTENCY_KEY.test(value)) return value;
  throw new BadRequestException(
    problem(
      400,
      'invalid-idempotency-key',
      'The Idempotency-Key header is not valid',
      'Idempotency-Key must be 1 to 255 visible ASCII characters, e.g. a UUID',
    ),
  );
}

/** What a write route is read from: an Express request has these. */
export interface WriteRequest {
  method: string;
  path: string;
  header(name: string): string | undefined;
}

export function writeRouteOf(request: WriteRequest, handler: object): WriteRoute {
  if (!WRITE_METHODS.has(request.method))
    throw new Error(`@Write() on a ${request.method} route: only writes take an Idempotency-Key`);
  return {
    key: idempotencyKeyOf(request),
    method: request.method as WriteRoute['method'],
    path: request.path,
    status: declaredStatus(handler, request.method),
  };
}

/** The write this request is, read from its route (see WriteRoute). */
export const Write = createParamDecorator((_data: unknown, context: ExecutionContext): WriteRoute =>
  writeRouteOf(context.switchToHttp().getRequest<Request>(), context.getHandler()),
);
