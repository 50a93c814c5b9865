import { readFileSync } from 'node:fs';

import { openSealedText, parseFieldKeyring } from '@throughcare/messaging';

// An operator's way to read a dead-lettered body (docs/security/data-protection.md FP-10): the
// Kafka value on stdin, the opened value on stdout, with the keys the services hold
// (HUB_FIELD_KEYS, HUB_FIELD_KEY_ID). Run it where those keys are allowed, never on a laptop.
//   node -r ./tools/register-ts.js tools/open-sealed.ts < message.json
const keys = process.env['HUB_FIELD_KEYS'];
const currentKeyId = process.env['HUB_FIELD_KEY_ID'];
if (!keys || !currentKeyId) {
  process.stderr.write('set HUB_FIELD_KEYS and HUB_FIELD_KEY_ID as for the services\n');
  process.exit(2);
}
try {
  const value = readFileSync(0, 'utf8').trim();
  process.stdout.write(`${openSealedText(parseFieldKeyring({ keys, currentKeyId }), value)}\n`);
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
}
