import { readFileSync } from 'node:fs';
import path from 'node:path';

import {
  Kind,
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

/*
 * The one deliberate break since the baseline (issue 10): root fields that were non-null are nullable, because each is
 * served by one subgraph and any subgraph can be down. A non-null root field that fails nulls the whole answer, so
 * `{ cities { … } programs { … } }` lost its cities while only education was down. A client that read these fields
 * as non-null must now handle null, which comes with an error naming the field's path and SUBGRAPH_UNAVAILABLE.
 */
const ROOT_FIELDS_MADE_NULLABLE = [
  'auditTrail',
  'changes',
  'cities',
  'events',
  'forumEditions',
  'indicators',
  'moderationQueue',
  'organizations',
  'policies',
  'programs',
  'verifyCertificate',
];

function withDeliberateChanges(document: DocumentNode): DocumentNode {
  return visit(document, {
    ObjectTypeDefinition(node) {
      if (node.name.value !== 'Query') return undefined;
      return {
        ...node,
        fields: node.fields?.map((field) =>
          ROOT_FIELDS_MADE_NULLABLE.includes(field.name.value) && field.type.kind === Kind.NON_NULL_TYPE
            ? { ...field, type: field.type.type }
            : field,
        ),
      };
    },
  });
}

function schemaOf(
  file: string,
  change: (document: DocumentNode) => DocumentNode = (document) => document,
): GraphQLSchema {
  return buildASTSchema(change(withoutDescriptions(parse(readFileSync(file, 'utf8')))), { assumeValidSDL: true });
}

const baseline = schemaOf(BASELINE);
const before = schemaOf(BASELINE, withDeliberateChanges);
const after = schemaOf(SUPERGRAPH_PATH);

test('nothing a client relies on was removed or changed, apart from the deliberate changes listed above', () => {
  expect(findBreakingChanges(before, after)).toEqual([]);
  // An optional input field or argument is an addition: old operations mean what they meant.
  const additions = new Set(['OPTIONAL_INPUT_FIELD_ADDED', 'OPTIONAL_ARG_ADDED']);
  expect(findDangerousChanges(before, after).filter((change) => !additions.has(change.type))).toEqual([]);
});

test('the deliberate changes are exactly the root fields made nullable', () => {
  expect(
    findBreakingChanges(baseline, after)
      .map((change) => change.description)
      .sort(),
  ).toEqual(
    ROOT_FIELDS_MADE_NULLABLE.map((field) => {
      const type = baseline.getQueryType()!.getFields()[field]!.type.toString();
      return `Query.${field} changed type from ${type} to ${type.slice(0, -1)}.`;
    }).sort(),
  );
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

/** The supergraph cut down to what the baseline has: its types, and their fields, arguments and enum values. */
function restrictedToBaseline(schema: GraphQLSchema): GraphQLSchema {
  const known = (typeName: string, member?: string, argument?: string): boolean => {
    const type = before.getType(typeName) as any;
    if (!type) return false;
    if (member === undefined) return true;
    const members = type.getFields?.() ?? Object.fromEntries((type.getValues?.() ?? []).map((v: any) => [v.name, v]));
    const field = members[member];
    if (!field) return false;
    return argument === undefined || (field.args ?? []).some((arg: any) => arg.name === argument);
  };
  let typeName = '';
  let fieldName: string | undefined;
  const enterType = {
    enter(node: { name: { value: string } }) {
      typeName = node.name.value;
      return known(typeName) ? undefined : null;
    },
  };
  return buildASTSchema(
    visit(parse(printSchema(schema)), {
      DirectiveDefinition: () => false,
      ObjectTypeDefinition: enterType,
      InterfaceTypeDefinition: enterType,
      InputObjectTypeDefinition: enterType,
      EnumTypeDefinition: enterType,
      UnionTypeDefinition: enterType,
      ScalarTypeDefinition: enterType,
      FieldDefinition: {
        enter(node) {
          fieldName = node.name.value;
          return known(typeName, fieldName) ? undefined : null;
        },
        leave() {
          fieldName = undefined;
        },
      },
      InputValueDefinition(node) {
        return known(typeName, fieldName ?? node.name.value, fieldName ? node.name.value : undefined)
          ? undefined
          : null;
      },
      EnumValueDefinition(node) {
        return known(typeName, node.name.value) ? undefined : null;
      },
    }),
    { assumeValidSDL: true },
  );
}

test('the supergraph differs from the baseline only by additions, descriptions and the defaults issue 15 made visible', () => {
  expect(printSchema(lexicographicSortSchema(withoutNewlyShownDefaults(restrictedToBaseline(after))))).toBe(
    printSchema(lexicographicSortSchema(before)),
  );
});
