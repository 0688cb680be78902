/** One jest run covers every service's integration tests and the end-to-end tests through the gateway. */
const swc = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    target: 'es2022',
    keepClassNames: true,
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/services', '<rootDir>/gateway', '<rootDir>/tools', '<rootDir>/test'],
  testMatch: ['**/test/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', swc],
    // Observable Plot and d3 ship only ES modules (the gateway's report page draws its charts with them): jest's
    // CommonJS runtime gets them compiled by swc, as Node 20.19+ loads them natively through require(esm).
    '^.+\\.m?js$': [
      '@swc/jest',
      { jsc: { parser: { syntax: 'ecmascript' }, target: 'es2022' }, module: { type: 'commonjs' } },
    ],
  },
  transformIgnorePatterns: [
    '/node_modules/(?!(@observablehq/plot|d3|d3-[^/]+|internmap|delaunator|robust-predicates|interval-tree-1d|binary-search-bounds|isoformat|css-select|boolbase|css-what|domhandler|domelementtype|domutils|dom-serializer|entities|nth-check|cssomnom|htmlparser2|uhyphen|html-escaper)/)',
  ],
  // Sources, not dist/. Jest tries these in order: the named packages first, then any other `@hrc/<name>` is a
  // subgraph (services/<name>, entry src/app.ts), so adding a subgraph needs no change here.
  moduleNameMapper: {
    '^@hrc/registry$': '<rootDir>/services/registry/src/index.ts',
    '^@hrc/service-kit$': '<rootDir>/services/kit/service/src/index.ts',
    '^@hrc/domain-kit$': '<rootDir>/services/kit/domain/src/index.ts',
    '^@hrc/graph-kit$': '<rootDir>/services/kit/graph/src/index.ts',
    '^@hrc/dev-kit$': '<rootDir>/services/kit/dev/src/index.ts',
    '^@hrc/dev-kit/testing$': '<rootDir>/services/kit/dev/src/testing/index.ts',
    '^@hrc/gateway$': '<rootDir>/gateway/src/app.ts',
    '^@hrc/tools$': '<rootDir>/tools/src/index.ts',
    '^@hrc/([a-z][a-z0-9-]*)$': '<rootDir>/services/$1/src/app.ts',
  },
  setupFiles: ['<rootDir>/test/support/setup.ts'],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 60_000,
  maxWorkers: 2,
};
