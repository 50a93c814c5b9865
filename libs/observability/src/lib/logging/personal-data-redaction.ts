// Paths pino replaces with [redacted]. Logs carry ids (prisonNumber, eventId, organisationId),
// never names, contact details, clinical facts or secrets.
export const REDACTED_PATHS: string[] = [
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
