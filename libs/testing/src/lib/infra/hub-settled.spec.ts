import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { Topics } from '@throughcare/contracts';

import { HUB_SUBSCRIPTIONS } from './hub-settled';

// The quiet point is only as good as its list: a consumer added to a service without it would
// let a test assert "nothing followed" while that consumer still had messages to read.

const root = join(__dirname, '..', '..', '..', '..', '..');

function sourcesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourcesUnder(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

describe('HUB_SUBSCRIPTIONS', () => {
  it.each(Object.keys(HUB_SUBSCRIPTIONS))(
    'names every topic the %s service consumes, and only those',
    (service) => {
      const consumed = new Set<string>();
      for (const file of sourcesUnder(join(root, 'apps', service, 'src')))
        for (const [, key] of readFileSync(file, 'utf8').matchAll(
          /@EventPattern\(\s*Topics\.(\w+)\s*\)/g,
        ))
          consumed.add(Topics[key as keyof typeof Topics]);
      expect(consumed.size).toBeGreaterThan(0);
      expect([...HUB_SUBSCRIPTIONS[service as keyof typeof HUB_SUBSCRIPTIONS]].sort()).toEqual(
        [...consumed].sort(),
      );
    },
  );
});
