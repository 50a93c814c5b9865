import { PROTECTED_WIRE_FIELD_NAMES } from '@throughcare/disclosure';

// Paths pino replaces with [redacted]. Logs carry ids (prisonNumber, eventId, organisationId),
// never names, contact details, clinical facts or secrets: every field the wire classification
// seals on Kafka is redacted from a logged object too (docs/security/data-protection.md).
const FIXED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.body',
  'res.headers["set-cookie"]',
  '*.name',
  '*.email',
  '*.phone',
  '*.secret',
  '*.key',
  '*.clinical',
  '*.offenderManager',
  '*.spoc',
  'data',
];

export const REDACTED_PATHS: string[] = [
  ...new Set([...FIXED_PATHS, ...PROTECTED_WIRE_FIELD_NAMES.map((name) => `*.${name}`)]),
];
