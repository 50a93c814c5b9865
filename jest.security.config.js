// Security tests: the hub probed from outside as an attacker would (cross-prison access,
// hostile bodies, poison messages, log redaction, data at rest), against the real stack.
module.exports = {
  ...require('./jest.preset'),
  displayName: 'security',
  testMatch: ['<rootDir>/test/security/**/*.security-spec.ts'],
  globalSetup: '<rootDir>/test/support/global-setup.js',
  globalTeardown: '<rootDir>/test/support/global-teardown.js',
  testTimeout: 120_000,
  maxWorkers: 1,
};
