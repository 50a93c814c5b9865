// Jest globalSetup: prepares this run's database in a child process (which understands the
// workspace's TypeScript path aliases) and shares the run's environment with every test file.
const { execFileSync } = require('node:child_process');
const { join } = require('node:path');

const root = join(__dirname, '..', '..');

module.exports = async function globalSetup() {
  const runId = `${Date.now().toString(36)}_${process.pid}`;
  const output = execFileSync(
    process.execPath,
    [
      '-r',
      join(root, 'tools/register-ts.js'),
      join(root, 'test/support/prepare-test-run.ts'),
      'prepare',
      runId,
    ],
    { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
  );
  Object.assign(process.env, JSON.parse(output));
};
