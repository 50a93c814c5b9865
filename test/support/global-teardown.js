const { execFileSync } = require('node:child_process');
const { join } = require('node:path');

const root = join(__dirname, '..', '..');

module.exports = async function globalTeardown() {
  if (process.env.KEEP_TEST_DATABASE === '1' || !process.env.DATABASE_URL) return;
  execFileSync(
    process.execPath,
    [
      '-r',
      join(root, 'tools/register-ts.js'),
      join(root, 'test/support/prepare-test-run.ts'),
      'drop',
      process.env.DATABASE_URL,
    ],
    { cwd: root, stdio: 'inherit' },
  );
};
