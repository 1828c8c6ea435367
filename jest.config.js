// Unit tests live beside the code (src/.../x.spec.ts); integration and end-to-end tests in test/.
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/src', '<rootDir>/test'],
  testRegex: '.*\\.(spec|e2e-spec)\\.ts$',
  transform: { '^.+\\.ts$': ['@swc/jest'] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  testTimeout: 60000,
  maxWorkers: 2,
  // prints which real parts (PostgreSQL, Redis, Chromium) the run used, after the default report
  reporters: ['default', '<rootDir>/test/support/real-parts-reporter.js'],
};
