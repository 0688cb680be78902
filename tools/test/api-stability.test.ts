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
  // An optional input field or argument is an addition: old operations mean what they meant.
  const additions = new Set(['OPTIONAL_INPUT_FIELD_ADDED', 'OPTIONAL_ARG_ADDED']);
  expect(findDangerousChanges(before, after).filter((change) => !additions.has(change.type))).toEqual([]);
});

test('every baseline type keeps its printed shape, apart from additions', () => {
  // The API grows (issue 11 adds statistics): a baseline type may gain fields, never lose or change one.
  const afterTypes = after.getTypeMap();
  for (const [name, type] of Object.entries(before.getTypeMap())) {
    if (name.startsWith('__')) continue;
    expect(afterTypes[name]?.toString()).toBe(type.toString());
  }
  expect(printSchema(lexicographicSortSchema(after)).length).toBeGreaterThanOrEqual(
    printSchema(lexicographicSortSchema(before)).length,
  );
});
