import { HeaderMap, type ApolloServerPlugin, type BaseContext } from '@apollo/server';
import {
  GraphQLError,
  Kind,
  TypeInfo,
  getNamedType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  typeFromAST,
  visit,
  visitWithTypeInfo,
  type ASTNode,
  type DocumentNode,
  type GraphQLInputType,
  type GraphQLScalarType,
  type GraphQLSchema,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import { GraphQLDateTime, GraphQLLocalDate } from 'graphql-scalars';

import { BadUserInputError } from './errors';

/**
 * The hub's own scalars, for the gateway: the supergraph only knows their names, so without these a bad date
 * travels to a subgraph and comes back as an opaque failure instead of an error naming the field.
 */
export const HUB_SCALARS: Record<string, GraphQLScalarType> = {
  DateTime: GraphQLDateTime,
  LocalDate: GraphQLLocalDate,
};

const BUILT_IN_SCALARS = new Set(['String', 'ID', 'Int', 'Float', 'Boolean']);

export interface InputViolation {
  field: string;
  reason: string;
}

/** PostgreSQL cannot store U+0000 in text, and no legitimate input carries it. */
const NUL = '\u0000';

/** A string with a NUL anywhere in a value, including inside a JSON scalar's object. */
function holdsNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes(NUL);
  if (Array.isArray(value)) return value.some(holdsNul);
  if (value && typeof value === 'object') {
    return Object.entries(value).some(([key, item]) => key.includes(NUL) || holdsNul(item));
  }
  return false;
}

/** `input.title` names the field inside the argument (`title`), as class-validator does; a bare argument keeps its name. */
function fieldName(segments: Array<string | number>): string {
  return (segments.length > 1 ? segments.slice(1) : segments).join('.');
}

/** The argument and input fields a value sits in, from its visitor ancestors and parent. */
function argumentPath(ancestors: ReadonlyArray<ASTNode | ReadonlyArray<ASTNode> | undefined>): string[] {
  const names: string[] = [];
  for (const ancestor of ancestors) {
    if (!ancestor || Array.isArray(ancestor)) continue;
    const node = ancestor as ASTNode;
    if (node.kind === Kind.ARGUMENT || node.kind === Kind.OBJECT_FIELD) names.push(node.name.value);
  }
  return names;
}

function scalarReason(scalar: GraphQLScalarType, check: () => unknown): string | undefined {
  try {
    check();
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : `is not a valid ${scalar.name}`;
  }
}

/** What a document's own text says about its inputs: the same for every request that sends it. */
export interface DocumentInputs {
  /** The first literal that no resolver should see, if any. */
  violation?: InputViolation;
  /** Where each variable is first used: the argument and input fields it fills. */
  variableUsages: Map<string, string[]>;
}

/** The walk of a document's literals (see findInputViolation); `scalars` as there. */
export function documentInputsOf(
  schema: GraphQLSchema,
  document: DocumentNode,
  scalars: Record<string, GraphQLScalarType> = {},
): DocumentInputs {
  let violation: InputViolation | undefined;
  const variableUsages = new Map<string, string[]>();
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Variable(node, _key, parent, _path, ancestors) {
        if ((parent as ASTNode | undefined)?.kind === Kind.VARIABLE_DEFINITION) return;
        if (!variableUsages.has(node.name.value)) {
          variableUsages.set(node.name.value, argumentPath([...ancestors, parent as ASTNode]));
        }
      },
      StringValue(node, _key, parent, _path, ancestors) {
        if (violation) return;
        const segments = argumentPath([...ancestors, parent as ASTNode]);
        if (node.value.includes(NUL)) {
          violation = { field: fieldName(segments), reason: 'must not contain a NUL character' };
          return;
        }
        const scalar = customScalarOf(typeInfo.getInputType(), scalars);
        const reason = scalar && scalarReason(scalar, () => scalar.parseLiteral(node, undefined));
        if (reason) violation = { field: fieldName(segments), reason };
      },
    }),
  );
  return { violation, variableUsages };
}

function customScalarOf(
  type: GraphQLInputType | null | undefined,
  scalars: Record<string, GraphQLScalarType>,
): GraphQLScalarType | undefined {
  const named = type ? getNamedType(type) : undefined;
  if (!named || !isScalarType(named) || BUILT_IN_SCALARS.has(named.name)) return undefined;
  return scalars[named.name] ?? named;
}

/**
 * The first input in an operation that no resolver should see: a string holding a NUL byte, or a value of a hub
 * scalar (a date) that does not parse. Walks both the literals in the document and the variables, by their declared
 * types, so every string input of every argument is covered without a list to keep up to date. `inputs`, the walk of
 * the document's literals, may come from an earlier request that sent the same document.
 */
export function findInputViolation(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | undefined,
  scalars: Record<string, GraphQLScalarType> = {},
  inputs: DocumentInputs = documentInputsOf(schema, document, scalars),
): InputViolation | undefined {
  let violation = inputs.violation;
  if (violation || !variables) return violation;
  const { variableUsages } = inputs;

  const walk = (value: unknown, type: GraphQLInputType, segments: Array<string | number>): void => {
    if (violation || value === null || value === undefined) return;
    if (isNonNullType(type)) return walk(value, type.ofType, segments);
    if (isListType(type)) {
      if (Array.isArray(value)) value.forEach((item, index) => walk(item, type.ofType, [...segments, index]));
      else walk(value, type.ofType, segments);
      return;
    }
    if (isInputObjectType(type)) {
      if (typeof value !== 'object' || Array.isArray(value)) return;
      const fields = type.getFields();
      for (const [name, item] of Object.entries(value)) {
        const field = fields[name];
        if (field) walk(item, field.type, [...segments, name]);
      }
      return;
    }
    if (holdsNul(value)) {
      violation = { field: fieldName(segments), reason: 'must not contain a NUL character' };
      return;
    }
    const scalar = customScalarOf(type, scalars);
    if (scalar && typeof value === 'string') {
      const reason = scalarReason(scalar, () => scalar.parseValue(value));
      if (reason) violation = { field: fieldName(segments), reason };
    }
  };
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    for (const variable of definition.variableDefinitions ?? []) {
      const name = variable.variable.name.value;
      const type = typeFromAST(schema, variable.type) as GraphQLInputType | undefined;
      if (type) walk(variables[name], type, variableUsages.get(name) ?? [name]);
    }
  }
  return violation;
}

const BAD_REQUEST_HTTP = () => ({ status: 400, headers: new HeaderMap() });

/**
 * Refuses, before anything runs, what would otherwise fail deep inside as an internal error: an input a resolver
 * must never see (see findInputViolation), and a document with several operations but no `operationName`.
 */
export function clientInputPlugin<TContext extends BaseContext>(
  scalars: Record<string, GraphQLScalarType> = {},
): ApolloServerPlugin<TContext> {
  // Apollo keeps one parsed document per query text and schema: the walk of its literals is made once.
  const walked = new WeakMap<GraphQLSchema, WeakMap<DocumentNode, DocumentInputs>>();
  const inputsOf = (schema: GraphQLSchema, document: DocumentNode): DocumentInputs => {
    let bySchema = walked.get(schema);
    if (!bySchema) {
      bySchema = new WeakMap();
      walked.set(schema, bySchema);
    }
    let inputs = bySchema.get(document);
    if (!inputs) {
      inputs = documentInputsOf(schema, document, scalars);
      bySchema.set(document, inputs);
    }
    return inputs;
  };
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) {
            throw new GraphQLError(
              request.operationName
                ? `The document has no operation named "${request.operationName}"`
                : 'The document holds several operations: name the one to run in "operationName"',
              { extensions: { code: 'OPERATION_RESOLUTION_FAILURE', http: BAD_REQUEST_HTTP() } },
            );
          }
          const violation = findInputViolation(
            schema,
            document,
            request.variables,
            scalars,
            inputsOf(schema, document),
          );
          if (violation) {
            const error = new BadUserInputError(violation.field, violation.reason);
            throw new GraphQLError(error.message, { extensions: { ...error.extensions, http: BAD_REQUEST_HTTP() } });
          }
        },
      };
    },
  };
}

/**
 * graphql-js 16 lets `subscription { … }` through validation on a schema with no subscription type, and the
 * gateway then fails as an internal error; this rule makes it the validation error it is (graphql-js 17 has it).
 */
export const knownOperationTypesRule: ValidationRule = (context: ValidationContext) => ({
  OperationDefinition(node) {
    const schema = context.getSchema();
    const root =
      node.operation === 'query'
        ? schema.getQueryType()
        : node.operation === 'mutation'
          ? schema.getMutationType()
          : schema.getSubscriptionType();
    if (!root) {
      context.reportError(new GraphQLError(`This API has no ${node.operation} operations`, { nodes: node }));
    }
  },
});
