import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * GraphQL Code Generator for a typed client of the hub (run from the repository root):
 * `npx graphql-codegen --config tools/examples/client/codegen.ts`. The client preset writes TypedDocumentNodes for the
 * operations in src/, typed from the committed supergraph; the scalars map to what the JSON carries.
 */
const config: CodegenConfig = {
  schema: 'schema/supergraph.graphql',
  documents: ['tools/examples/client/src/**/*.ts', '!tools/examples/client/src/gql/**'],
  ignoreNoDocuments: false,
  generates: {
    'tools/examples/client/src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        enumsAsTypes: true,
        useTypeImports: true,
        scalars: {
          // ISO 8601 with offset, for example "2024-10-23T09:30:00+09:00"
          DateTime: 'string',
          // A calendar date, for example "2024-10-23"
          LocalDate: 'string',
          JSONObject: 'Record<string, unknown>',
        },
      },
    },
  },
};

// GraphQL Code Generator reads its configuration from the default export.
// eslint-disable-next-line import-x/no-default-export
export default config;
