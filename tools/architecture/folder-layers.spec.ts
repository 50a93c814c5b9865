import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { FOLDER_LAYERS, layerViolations } from './folder-layers';

const ROOT = join(__dirname, '..', '..');

describe('folders inside an app import one way (docs/architecture.md)', () => {
  it.each(Object.keys(FOLDER_LAYERS))('%s: every import points down a floor', (app) => {
    expect(layerViolations(join(ROOT, 'apps', app, 'src'), FOLDER_LAYERS[app]!)).toEqual([]);
  });

  it('names an import that points back up, sideways, or into an undeclared folder', () => {
    const src = mkdtempSync(join(tmpdir(), 'folder-layers-'));
    const write = (path: string, text: string) => {
      mkdirSync(join(src, path, '..'), { recursive: true });
      writeFileSync(join(src, path), text);
    };
    write('main.ts', "import { shell } from './shell/shell';\n");
    write('shell/shell.ts', "import { rule } from '../rules/rule';\nexport const shell = rule;\n");
    write(
      'rules/rule.ts',
      "import type { Shell } from '../shell/shell';\nexport const rule = 1;\n",
    );
    write('rules/rule.spec.ts', "import { shell } from '../shell/shell';\n");
    write('lookup/lookup.ts', "import { rule } from '../rules/rule';\n");
    write('new-folder/thing.ts', 'export const thing = 1;\n');

    expect(layerViolations(src, [['.'], ['shell'], ['rules', 'lookup']])).toEqual([
      'new-folder/ is on no floor: add it to FOLDER_LAYERS',
      'lookup/lookup.ts imports rules/rule: rules/ is not below lookup/',
      'rules/rule.ts imports shell/shell: shell/ is not below rules/',
    ]);
  });
});
