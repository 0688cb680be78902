// The habits the conventions ask for, enforced: import cycles, layer boundaries, the environment read only in
// config.ts, no default exports. Formatting is Prettier's (eslint-config-prettier turns off the style rules).
import js from '@eslint/js';
import prettier from 'eslint-config-prettier/flat';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import { importX } from 'eslint-plugin-import-x';
import nodePlugin from 'eslint-plugin-n';
import { defineConfig } from 'eslint/config';
import { configs as typescriptConfigs } from 'typescript-eslint';

/** Which of the hub's packages each layer may import; everything else of ours is off limits. */
const LAYERS = [
  { files: ['services/registry/src/**'], allowed: [] },
  { files: ['services/kit/service/src/**'], allowed: [] },
  { files: ['services/kit/domain/src/**'], allowed: ['@hrc/service-kit'] },
  { files: ['services/kit/graph/src/**'], allowed: ['@hrc/service-kit', '@hrc/domain-kit'] },
  {
    files: ['services/kit/dev/src/**'],
    allowed: ['@hrc/service-kit', '@hrc/domain-kit', '@hrc/graph-kit', '@hrc/registry'],
  },
  { files: ['gateway/src/**'], allowed: ['@hrc/service-kit', '@hrc/registry'] },
  {
    files: ['services/{cities,events,education}/src/**'],
    allowed: ['@hrc/service-kit', '@hrc/domain-kit', '@hrc/graph-kit', '@hrc/registry'],
  },
];
const HUB_PACKAGES = [
  '@hrc/registry',
  '@hrc/service-kit',
  '@hrc/domain-kit',
  '@hrc/graph-kit',
  '@hrc/dev-kit',
  '@hrc/gateway',
  '@hrc/tools',
  '@hrc/cities',
  '@hrc/events',
  '@hrc/education',
];

const ACROSS_PACKAGES = {
  group: ['**/../*/src/**', '**/../../*/src/**', '@hrc/*/src', '@hrc/*/src/**', '@hrc/*/dist/**'],
  message: 'Import another package through its entry point (@hrc/<package>), never its files.',
};

function layerRule({ allowed }) {
  const forbidden = HUB_PACKAGES.filter((name) => !allowed.includes(name));
  return {
    'no-restricted-imports': [
      'error',
      {
        paths: forbidden.map((name) => ({
          name,
          message: 'This layer may not depend on that package (see the README: which package imports which).',
        })),
        patterns: [
          ACROSS_PACKAGES,
          { group: ['@hrc/dev-kit/*'], message: 'Development tools are for tests and tools only.' },
        ],
      },
    ],
  };
}

export default defineConfig(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      'coverage/**',
      '.data/**',
      'tools/test/fixtures/**',
      // Written by GraphQL Code Generator (tools/examples/client/codegen.ts); git-ignored.
      'tools/examples/client/src/gql/**',
    ],
  },
  js.configs.recommended,
  ...typescriptConfigs.recommended,
  importX.flatConfigs.recommended,
  importX.flatConfigs.typescript,
  {
    files: ['**/*.ts'],
    plugins: { n: nodePlugin },
    settings: {
      'import-x/resolver-next': [
        createTypeScriptImportResolver({ alwaysTryTypes: true, project: 'tsconfig.eslint.json' }),
      ],
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-default-export': 'error',
      'import-x/order': [
        'error',
        {
          groups: ['builtin', 'external', 'internal', ['parent', 'sibling', 'index']],
          pathGroups: [{ pattern: '@hrc/**', group: 'internal' }],
          pathGroupsExcludedImportTypes: ['builtin'],
          'newlines-between': 'always',
          alphabetize: { order: 'asc', caseInsensitive: true },
        },
      ],
      'n/no-process-env': 'error',
      'no-restricted-imports': ['error', { patterns: [ACROSS_PACKAGES] }],
      // type-graphql and MikroORM need classes and decorators that the stricter defaults misread.
      '@typescript-eslint/no-unsafe-function-type': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
    },
  },
  ...LAYERS.map((layer) => ({ files: layer.files, rules: layerRule(layer) })),
  // config.ts is the one reader of the environment; tests and jest's setup read what the test runner provides.
  { files: ['**/config.ts', '**/test/**', 'jest*.js'], rules: { 'n/no-process-env': 'off' } },
  // The example client imports what codegen writes during the test that type-checks it, so it is absent before then.
  { files: ['tools/examples/client/src/**'], rules: { 'import-x/no-unresolved': 'off' } },
  // jest's global setup and teardown must be default exports.
  { files: ['test/support/global-*.ts'], rules: { 'import-x/no-default-export': 'off' } },
  {
    files: ['**/*.js', '**/*.mjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off', 'import-x/no-default-export': 'off' },
    languageOptions: {
      globals: { module: 'writable', require: 'readonly', __dirname: 'readonly', process: 'readonly' },
    },
  },
  prettier,
);
