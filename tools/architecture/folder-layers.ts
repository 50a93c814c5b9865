import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

import * as ts from 'typescript';

/**
 * Inside an app, its folders import one way (docs/architecture.md, "Folders inside an app"): each
 * app's top-level folders in floors, the top first; a file may import from its own folder and
 * from the floors below its folder's, never from its own floor or above. The files at the root of
 * `src/` (main.ts, app.module.ts, migrate.ts) are the top floor, written `.`. Specs are left out:
 * a spec beside the code may build the whole app to test it.
 */
export const FOLDER_LAYERS: Readonly<Record<string, readonly (readonly string[])[]>> = {
  api: [
    ['.'],
    ['database'],
    ['people'],
    ['prescribing'],
    ['person-record'],
    ['acknowledgements', 'api-keys', 'intake', 'openapi'],
    ['consent', 'deliveries', 'directory', 'disclosure-audit'],
    ['idempotency', 'measures'],
    ['person'],
    ['auth'],
    ['rate-limits', 'retention'],
    ['config', 'http', 'migrations'],
  ],
  continuity: [
    ['.'],
    ['database'],
    ['person-continuity'],
    ['person-record'],
    ['continuity-notices', 'custody-movements'],
    ['bridging', 'retention'],
    ['config', 'continuity-state', 'migrations'],
  ],
  planner: [['.'], ['database'], ['milestones', 'retention'], ['config', 'migrations']],
};

export interface FolderImport {
  /** Paths from the app's `src/`. */
  from: string;
  to: string;
  fromFolder: string;
  toFolder: string;
}

/** The top-level folder of a path under `src/` (`.` for a file at the root). */
export function folderOf(pathFromSrc: string): string {
  const parts = pathFromSrc.split(sep);
  return parts.length > 1 ? (parts[0] as string) : '.';
}

function sourcesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourcesUnder(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

/** Every relative import between two top-level folders of `srcDir`, read by the compiler. */
export function crossFolderImports(srcDir: string): FolderImport[] {
  return sourcesUnder(srcDir).flatMap((file) =>
    ts
      .preProcessFile(readFileSync(file, 'utf8'), true, true)
      .importedFiles.map((imported) => imported.fileName)
      .filter((name) => name.startsWith('.'))
      .map((name) => {
        const from = relative(srcDir, file);
        const to = relative(srcDir, resolve(dirname(file), name));
        return { from, to, fromFolder: folderOf(from), toFolder: folderOf(to) };
      })
      .filter((edge) => edge.fromFolder !== edge.toFolder),
  );
}

/** What breaks the declared order: an import sideways or up, or a folder no floor names. */
export function layerViolations(srcDir: string, floors: readonly (readonly string[])[]): string[] {
  const floorOf = new Map(floors.flatMap((names, index) => names.map((n) => [n, index] as const)));
  const folders = new Set(
    readdirSync(srcDir, { withFileTypes: true }).map((e) => (e.isDirectory() ? e.name : '.')),
  );
  const undeclared = [...folders]
    .filter((folder) => !floorOf.has(folder))
    .map((folder) => `${folder}/ is on no floor: add it to FOLDER_LAYERS`);
  const backwards = crossFolderImports(srcDir)
    .filter((edge) => {
      const from = floorOf.get(edge.fromFolder);
      const to = floorOf.get(edge.toFolder);
      return from !== undefined && to !== undefined && to <= from;
    })
    .map(
      (edge) =>
        `${edge.from} imports ${edge.to}: ${edge.toFolder}/ is not below ${edge.fromFolder}/`,
    );
  return [...undeclared.sort(), ...backwards.sort()];
}
