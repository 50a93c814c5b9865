import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { declaredVariables, documentedVariables } from '@throughcare/service-config';

import { PlannerEnv } from './planner.env';

// docs/configuration.md lists every variable the planner reads, and nothing else: its own table plus
// the shared ones (libs/service-config/src/lib/configuration-doc.spec.ts checks those).
describe('the planner configuration in docs/configuration.md', () => {
  it('documents exactly the variables PlannerEnv declares', () => {
    const doc = readFileSync(
      join(__dirname, '..', '..', '..', '..', 'docs', 'configuration.md'),
      'utf8',
    );
    const documented = ['Every service', 'planner and continuity', 'planner'].flatMap((section) =>
      documentedVariables(doc, section),
    );
    expect([...new Set(documented)].sort()).toEqual(declaredVariables(PlannerEnv));
  });
});
