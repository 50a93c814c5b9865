import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';

import type { FieldError } from './field-error';
import { checkJsonBounds } from './json-bounds';
import { withValidationNow } from './time-bounds';

export type { FieldError } from './field-error';

export type ValidationResult<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

export interface ValidatePayloadOptions {
  /** CloudEvents envelopes may carry extension attributes; contract payloads may not. */
  allowUnknownFields?: boolean;
  /**
   * The hub's clock where input enters the hub (HTTP bodies, the intake topics): instants and
   * dates are then held to their window around it (docs/security/input-bounds.md). Without
   * it only the fixed 2000..2100 window applies, as for what the hub itself published.
   */
  now?: Date;
}

/**
 * The one validation used by HTTP intake and Kafka consumers alike. Never throws: whatever the
 * input, the answer is a value or the fields that are wrong.
 */
export function validatePayload<T extends object>(
  cls: ClassConstructor<T>,
  input: unknown,
  { allowUnknownFields = false, now }: ValidatePayloadOptions = {},
): ValidationResult<T> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, errors: [{ field: '(body)', messages: ['must be a JSON object'] }] };
  }
  // Bounded before class-transformer, which recurses and mishandles prototype keys.
  const outOfBounds = checkJsonBounds(input);
  if (outOfBounds) return { ok: false, errors: [outOfBounds] };
  try {
    const value = plainToInstance(cls, input);
    const errors = withValidationNow(now, () =>
      validateSync(value, {
        whitelist: !allowUnknownFields,
        forbidNonWhitelisted: !allowUnknownFields,
        forbidUnknownValues: true,
      }),
    );
    return errors.length === 0 ? { ok: true, value } : { ok: false, errors: flattenErrors(errors) };
  } catch (error) {
    // A validator that throws on some input is a bug, but the input still cannot be accepted.
    const kind = error instanceof Error ? error.name : 'error';
    return {
      ok: false,
      errors: [{ field: '(body)', messages: [`could not be validated (${kind})`] }],
    };
  }
}

export function flattenErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const messages = Object.values(error.constraints ?? {}).map((message) =>
      message.startsWith(error.property) ? field + message.slice(error.property.length) : message,
    );
    const own = messages.length > 0 ? [{ field, messages }] : [];
    return [...own, ...flattenErrors(error.children ?? [], field)];
  });
}

export function describeFieldErrors(errors: FieldError[]): string {
  return errors.map((e) => `${e.field}: ${e.messages.join('; ')}`).join(' | ');
}
