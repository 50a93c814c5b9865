import 'reflect-metadata';

import { readFileSync } from 'node:fs';

import { stringify } from 'yaml';

import { buildAsyncApiDocument } from './asyncapi/asyncapi-document';
import { ASYNCAPI_PATH } from './asyncapi/generate-asyncapi';

// CI: the committed AsyncAPI document must be exactly what the DTOs generate.
const expected = stringify(buildAsyncApiDocument(), { aliasDuplicateObjects: false });
const committed = readFileSync(ASYNCAPI_PATH, 'utf8');
if (committed !== expected) {
  process.stderr.write(
    'docs/asyncapi.yaml is out of date with libs/contracts: run `npm run docs:asyncapi` and commit it.\n',
  );
  process.exit(1);
}
process.stdout.write('docs/asyncapi.yaml matches the contracts\n');
