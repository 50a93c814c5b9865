import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { declaredVariables, documentedVariables } from '@throughcare/service-config';

import { ContinuityEnv } from './continuity.env';

// docs/configuration.md lists every variable the continuity reads, and nothing else: its own table plus
// the shared ones (libs/service-config/src/lib/configuration-doc.spec.ts checks those).
describe('the continuity configuration in docs/configuration.md', () => {
  it('documents exactly the variables ContinuityEnv declares', () => {
    const doc = readFileSync(
      join(__dirname, '..', '..', '..', '..', 'docs', 'configuration.md'),
      'utf8',
    );
    const documented = ['Every service', 'planner and continuity', 'continuity'].flatMap(
      (section) => documentedVariables(doc, section),
    );
    expect([...new Set(documented)].sort()).toEqual(declaredVariables(ContinuityEnv));
  });
});
