import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';

export interface FieldError {
  /** Dotted path of the bad field, e.g. `supervision.offenderManager.email`. */
  field: string;
  messages: string[];
}

export type ValidationResult<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

/** The one validation used by HTTP intake and Kafka consumers alike. */
export function validatePayload<T extends object>(
  cls: ClassConstructor<T>,
  input: unknown,
  { allowUnknownFields = false }: { allowUnknownFields?: boolean } = {},
): ValidationResult<T> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, errors: [{ field: '(body)', messages: ['must be a JSON object'] }] };
  }
  const value = plainToInstance(cls, input);
  const errors = validateSync(value, {
    whitelist: !allowUnknownFields,
    forbidNonWhitelisted: !allowUnknownFields,
    forbidUnknownValues: true,
  });
  return errors.length === 0 ? { ok: true, value } : { ok: false, errors: flattenErrors(errors) };
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
