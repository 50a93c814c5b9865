// Chaos tests: kill -9 a service or the broker mid-burst, flush Redis, restart PostgreSQL, a
// subscriber that fails at random; afterwards every accepted event produced every notice it
// should, nothing twice, nothing stuck. CHAOS_PROFILE=bounded (the test command) or full.
module.exports = {
  ...require('./jest.preset'),
  displayName: 'chaos',
  testMatch: ['<rootDir>/test/chaos/**/*.chaos-spec.ts'],
  globalSetup: '<rootDir>/test/support/global-setup.js',
  globalTeardown: '<rootDir>/test/support/global-teardown.js',
  testTimeout: 600_000,
  maxWorkers: 1,
};
