import type { FieldError } from '@throughcare/contracts';

/** RFC 9457 problem details, with one `errors` entry per bad field. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: Array<{ field: string; pointer: string; detail: string }>;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
const PROBLEM_BASE = 'https://throughcare-hub.example/problems/';

export function problem(
  status: number,
  slug: string,
  title: string,
  detail?: string,
): ProblemDetails {
  return { type: PROBLEM_BASE + slug, title, status, ...(detail ? { detail } : {}) };
}

export function validationProblem(errors: FieldError[]): ProblemDetails {
  return {
    ...problem(
      400,
      'validation',
      'Your request is not valid',
      `${errors.length} field(s) failed validation`,
    ),
    errors: errors.map((error) => ({
      field: error.field,
      pointer: `/${error.field.replace(/\./g, '/')}`,
      detail: error.messages.join('; '),
    })),
  };
}
