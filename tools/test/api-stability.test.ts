import { readFileSync } from 'node:fs';
import path from 'node:path';

import {
  buildASTSchema,
  findBreakingChanges,
  findDangerousChanges,
  lexicographicSortSchema,
  parse,
  printSchema,
  visit,
  type DocumentNode,
  type GraphQLSchema,
} from 'graphql';

import { SUPERGRAPH_PATH } from '../src/paths';

/*
 * The published API only grows. The fixture is the supergraph as it stood before the kit was split by layer (issue 9);
 * every later supergraph must keep each type, field, argument and enum value it had, with the same types.
 */
const BASELINE = path.join(__dirname, 'fixtures', 'supergraph-before-issue-9.graphql');

function withoutDescriptions(document: DocumentNode): DocumentNode {
  return visit(document, {
    enter(node) {
      if ('description' in node && node.description) return { ...node, description: undefined };
      return undefined;
    },
  });
}

function schemaOf(file: string): GraphQLSchema {
  return buildASTSchema(withoutDescriptions(parse(readFileSync(file, 'utf8'))), { assumeValidSDL: true });
}

const before = schemaOf(BASELINE);
const after = schemaOf(SUPERGRAPH_PATH);

test('nothing a client relies on was removed or changed', () => {
  expect(findBreakingChanges(before, after)).toEqual([]);
  expect(findDangerousChanges(before, after)).toEqual([]);
});

/** Issue 15 made the defaults of create inputs visible; the server applied them before, so clients see no change. */
const NEWLY_SHOWN_DEFAULTS = [
  'CreateCohortInput.online',
  'CreateEventInput.allDay',
  'CreateForumEditionInput.timeZone',
  'CreatePolicyInput.stage',
  'CreateProgramInput.format',
];

function withoutNewlyShownDefaults(schema: GraphQLSchema): GraphQLSchema {
  const document = parse(printSchema(schema));
  let inputType = '';
  return buildASTSchema(
    visit(document, {
      InputObjectTypeDefinition: {
        enter(node) {
          inputType = node.name.value;
        },
        leave() {
          inputType = '';
        },
      },
      InputValueDefinition(node) {
        return NEWLY_SHOWN_DEFAULTS.includes(`${inputType}.${node.name.value}`)
          ? { ...node, defaultValue: undefined }
          : undefined;
      },
    }),
    { assumeValidSDL: true },
  );
}

test('the supergraph differs from the baseline only in descriptions and the defaults issue 15 made visible', () => {
  expect(printSchema(lexicographicSortSchema(withoutNewlyShownDefaults(after)))).toBe(
    printSchema(lexicographicSortSchema(before)),
  );
});
