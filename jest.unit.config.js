// Unit tests: pure functions and handlers, no infrastructure. `*.spec.ts` beside the code.
module.exports = {
  ...require('./jest.preset'),
  displayName: 'unit',
  testMatch: ['<rootDir>/{apps,libs,examples,tools}/**/*.spec.ts'],
};
