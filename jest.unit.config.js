/** The unit tier: pure logic only, no database, no servers; `npm run test:unit` runs it in seconds. */
const base = require('./jest.config');

module.exports = {
  ...base,
  testMatch: ['**/test/**/*.unit.test.ts'],
  globalSetup: undefined,
  globalTeardown: undefined,
};
