import { Writable } from 'node:stream';

import pino from 'pino';

import { REDACTED_PATHS } from './personal-data-redaction';

function logged(entry: object): string {
  let line = '';
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      line += chunk.toString('utf8');
      done();
    },
  });
  pino({ redact: { paths: REDACTED_PATHS, censor: '[redacted]' } }, destination).info(entry);
  // Only what was logged: the time and pid could contain a value's digits by chance.
  const {
    time: _time,
    pid: _pid,
    hostname: _hostname,
    ...logged
  } = JSON.parse(line) as object & {
    time: unknown;
    pid: unknown;
    hostname: unknown;
  };
  return JSON.stringify(logged);
}

describe('REDACTED_PATHS', () => {
  it.each([
    ['a DIR', { record: { notes: 'hep C positive', riskIssues: ['overdose'] } }],
    ['an OST dose', { release: { ostMedicine: 'METHADONE', doseMg: 73.25 } }],
    ['a keyworker', { dir: { keyworker: { name: 'Kit Keyworker' } } }],
    ['a date of birth', { person: { dateOfBirth: '1990-01-01' } }],
  ])('redacts %s logged as an object', (_, entry) => {
    const line = logged(entry);
    for (const value of ['hep C', 'overdose', 'METHADONE', '73.25', 'Kit Keyworker', '1990'])
      expect(line).not.toContain(value);
    expect(line).toContain('[redacted]');
  });

  it('keeps ids readable', () => {
    expect(logged({ event: { prisonNumber: 'A1234BC', eventId: 'e-1' } })).toContain('A1234BC');
  });
});
