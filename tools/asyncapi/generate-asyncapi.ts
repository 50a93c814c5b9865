import 'reflect-metadata';

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { stringify } from 'yaml';

import { buildAsyncApiDocument } from './asyncapi-document';

export const ASYNCAPI_PATH = join(__dirname, '..', '..', 'docs', 'asyncapi.yaml');

if (require.main === module) {
  writeFileSync(
    ASYNCAPI_PATH,
    stringify(buildAsyncApiDocument(), { aliasDuplicateObjects: false }),
  );
  process.stdout.write(`wrote ${ASYNCAPI_PATH}\n`);
}
