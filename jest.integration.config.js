// Integration tests: one service against the real PostgreSQL, Redis and Kafka.
module.exports = {
  ...require('./jest.preset'),
  displayName: 'integration',
  testMatch: [
    '<rootDir>/apps/*/test/**/*.integration-spec.ts',
    '<rootDir>/libs/*/test/**/*.integration-spec.ts',
  ],
  globalSetup: '<rootDir>/test/support/global-setup.js',
  globalTeardown: '<rootDir>/test/support/global-teardown.js',
  testTimeout: 60_000,
  // Suites share one broker's topics; a run's own database and consumer groups keep runs apart.
  maxWorkers: 1,
};
