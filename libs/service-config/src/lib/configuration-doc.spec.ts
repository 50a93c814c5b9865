import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { CalendarServiceEnv } from './calendar.env';
import {
  declaredVariables,
  documentedVariables,
  everyDocumentedVariable,
} from './configuration-doc';
import { HUB_COMMAND_VARIABLES } from './hub-command.env';
import { ServiceEnv } from './service.env';

// docs/configuration.md cannot drift from the code: each table is compared with the variables
// the env classes declare (each app's own table in apps/<app>/src/config/<app>.env.spec.ts).
const ROOT = join(__dirname, '..', '..', '..', '..');
const doc = readFileSync(join(ROOT, 'docs', 'configuration.md'), 'utf8');
const SECTIONS = [
  'Every service',
  'planner and continuity',
  'api',
  'planner',
  'continuity',
  'notifier',
  'hmpps-adapter',
  'console',
  '`npm run hub`',
];

describe('docs/configuration.md', () => {
  it('lists exactly the variables every service reads (ServiceEnv)', () => {
    expect(documentedVariables(doc, 'Every service')).toEqual(declaredVariables(ServiceEnv));
  });

  it('lists exactly the calendar variables planner and continuity read', () => {
    const shared = new Set(declaredVariables(ServiceEnv));
    expect(documentedVariables(doc, 'planner and continuity')).toEqual(
      declaredVariables(CalendarServiceEnv).filter((name) => !shared.has(name)),
    );
  });

  it('lists exactly the variables of the start command', () => {
    expect(documentedVariables(doc, '`npm run hub`')).toEqual([...HUB_COMMAND_VARIABLES].sort());
  });

  it('names no variable, in any table, that is not in one of the per-service tables', () => {
    const listed = new Set(SECTIONS.flatMap((section) => documentedVariables(doc, section)));
    expect(everyDocumentedVariable(doc).filter((name) => !listed.has(name))).toEqual([]);
  });

  it('has every documented variable in .env.example', () => {
    const example = readFileSync(join(ROOT, '.env.example'), 'utf8');
    const inExample = new Set(
      [...example.matchAll(/^#? ?([A-Z][A-Z0-9_]*)=/gm)].map((match) => match[1]),
    );
    const documented = [
      ...new Set(SECTIONS.flatMap((section) => documentedVariables(doc, section))),
    ];
    expect(documented.filter((name) => !inExample.has(name))).toEqual([]);
    expect([...inExample].filter((name) => !documented.includes(name as string))).toEqual([]);
  });
});
