import 'reflect-metadata';

import { existsSync, readFileSync } from 'node:fs';

import { OPENAPI_PATH, renderOpenApiYaml } from './openapi/generate-openapi';

// CI: the committed OpenAPI document must be exactly what the operation table and DTOs generate.
const expected = renderOpenApiYaml();
const committed = existsSync(OPENAPI_PATH) ? readFileSync(OPENAPI_PATH, 'utf8') : '';
if (committed !== expected) {
  process.stderr.write(
    'docs/openapi.yaml is out of date with apps/api/src/openapi and libs/contracts: run `npm run docs:openapi` and commit it.\n',
  );
  process.exit(1);
}
process.stdout.write('docs/openapi.yaml matches the contracts\n');
