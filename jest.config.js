// Two projects: "unit" runs pure and embedded tests (no services needed);
// "integration" (*.int.test.ts) runs against the real Kafka broker, schema registry,
// Redis and Mosquitto, which test/infra/global-setup.ts reaches or starts once per run.
// ts-jest transpiles each file alone (isolatedModules); `npm test` type-checks the whole tree with tsc first.
const transform = { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] };
module.exports = {
  testTimeout: 30000,
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/services/**/*.test.ts', '<rootDir>/test/**/*.test.ts'],
      testPathIgnorePatterns: ['\\.int\\.test\\.ts$', '\\.e2e\\.test\\.ts$', '/node_modules/', '/dist/'],
    },
    {
      displayName: 'integration',
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/services/**/*.int.test.ts', '<rootDir>/test/**/*.int.test.ts', '<rootDir>/test/**/*.e2e.test.ts'],
      globalSetup: '<rootDir>/test/infra/global-setup.ts',
      globalTeardown: '<rootDir>/test/infra/global-teardown.ts',
    },
  ],
};
