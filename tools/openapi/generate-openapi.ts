import 'reflect-metadata';

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { stringify } from 'yaml';

// The api app owns and serves the document; this build-time script only writes it out, so it
// reaches into the app on purpose (nothing that ships imports tools).
// eslint-disable-next-line @nx/enforce-module-boundaries
import { buildOpenApiDocument } from '../../apps/api/src/openapi/openapi-document';

export const OPENAPI_PATH = join(__dirname, '..', '..', 'docs', 'openapi.yaml');

/** The committed form of the document: YAML, no anchors, so a diff reads line by line. */
export function renderOpenApiYaml(): string {
  return stringify(buildOpenApiDocument(), { aliasDuplicateObjects: false });
}

if (require.main === module) {
  writeFileSync(OPENAPI_PATH, renderOpenApiYaml());
  process.stdout.write(`wrote ${OPENAPI_PATH}\n`);
}
