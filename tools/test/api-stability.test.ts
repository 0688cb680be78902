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

/** The new supergraph cut down to what the baseline had: its types, and in them its fields and values. */
function restrictedTo(baseline: GraphQLSchema, schema: GraphQLSchema): GraphQLSchema {
  const document = parse(printSchema(schema));
  const pruned = visit(document, {
    enter(node, _key, _parent, _path, ancestors) {
      if (/TypeDefinition$/.test(node.kind) && 'name' in node && node.name) {
        return baseline.getType(node.name.value) ? undefined : null;
      }
      if (
        node.kind === 'FieldDefinition' ||
        node.kind === 'InputValueDefinition' ||
        node.kind === 'EnumValueDefinition'
      ) {
        const owner = [...ancestors]
          .reverse()
          .find(
            (ancestor) => 'kind' in (ancestor as object) && /TypeDefinition$/.test((ancestor as { kind: string }).kind),
          ) as { name: { value: string } } | undefined;
        const field = [...ancestors]
          .reverse()
          .find((ancestor) => (ancestor as { kind?: string }).kind === 'FieldDefinition') as
          { name: { value: string } } | undefined;
        if (!owner) return undefined;
        const type = baseline.getType(owner.name.value) as unknown as {
          getFields?: () => Record<string, { args?: Array<{ name: string }> }>;
          getValue?: (name: string) => unknown;
        };
        if (node.kind === 'EnumValueDefinition') return type?.getValue?.(node.name.value) ? undefined : null;
        if (node.kind === 'InputValueDefinition' && field) {
          const args = type?.getFields?.()[field.name.value]?.args ?? [];
          return args.some((arg) => arg.name === node.name.value) ? undefined : null;
        }
        return type?.getFields?.()[node.name.value] ? undefined : null;
      }
      return undefined;
    },
  });
  return buildASTSchema(pruned, { assumeValidSDL: true });
}

test('the supergraph only adds to the baseline: what the baseline had is unchanged but for descriptions', () => {
  expect(printSchema(lexicographicSortSchema(restrictedTo(before, after)))).toBe(
    printSchema(lexicographicSortSchema(before)),
  );
});
