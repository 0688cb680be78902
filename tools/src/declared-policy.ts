import { isObjectType, type GraphQLSchema } from 'graphql';
import { getMetadataStorage } from 'type-graphql';

import { Rule, type Guard } from '@hrc/domain-kit';
import { buildSubgraphSchemaOf, PRIVATE_FIELDS } from '@hrc/graph-kit';

import { SUBGRAPHS, type RegisteredSubgraph } from './subgraphs';

/*
 * The rules the code declares, read from type-graphql's metadata: `@Allow(rule)` is `@Authorized(rule)`, kept in
 * `authorizedFields` (per method) and `authorizedResolver` (per class); `@PrivateTo(rule, …)` lists itself in
 * graph-kit's PRIVATE_FIELDS. The README's policy tables and the authorization matrix both read this.
 */

export type RootType = 'Query' | 'Mutation';

export interface DeclaredOperation {
  subgraph: string;
  root: RootType;
  field: string;
  /** Every rule its resolver declares; the policy asks for exactly one. */
  rules: string[];
}

export interface DeclaredField {
  subgraph: string;
  type: string;
  field: string;
  rule: string;
  /** A private field (`@PrivateTo`) is null when denied; a field with `@Allow` fails like an operation. */
  guard: Extract<Guard, 'privateField' | 'operation'>;
}

export interface DeclaredPolicy {
  operations: DeclaredOperation[];
  fields: DeclaredField[];
}

/** Root fields Federation adds to every subgraph; the gateway alone calls them, signed. */
const FEDERATION_ROOT_FIELDS = new Set(['_entities', '_service']);

/** The rules type-graphql's authChecker receives for a resolver method: the method's own, else its class's. */
function rulesOf(target: Function, methodName: string): string[] {
  const storage = getMetadataStorage();
  const own = storage.authorizedFields.filter((entry) => entry.target === target && entry.fieldName === methodName);
  if (own.length > 0) return own.flatMap((entry) => entry.roles.map(String));
  return storage.authorizedResolver
    .filter((entry) => entry.target === target)
    .flatMap((entry) => entry.roles.map(String));
}

/** The GraphQL type name of a type-graphql object class (its @ObjectType name). */
function typeNameOf(objectClass: Function): string | undefined {
  return getMetadataStorage().objectTypes.find((type) => type.target === objectClass)?.name;
}

/**
 * Where a decorated method ends up in the schema: `Type.field` for a @FieldResolver of a resolver class, or for a
 * @Field method of an object type (and of the object types that extend it).
 */
function schemaFieldsOf(target: Function, methodName: string): Array<{ type: string; field: string }> {
  const storage = getMetadataStorage();
  const fieldResolver = storage.fieldResolvers.find(
    (entry) => entry.target === target && entry.methodName === methodName,
  );
  if (fieldResolver) {
    const objectClass =
      fieldResolver.getObjectType?.() ??
      storage.resolverClasses.find((entry) => entry.target === target)?.getObjectType();
    const type = objectClass && typeNameOf(objectClass as Function);
    return type ? [{ type, field: fieldResolver.schemaName }] : [];
  }
  const field = storage.fields.find((entry) => entry.target === target && entry.name === methodName);
  if (!field) return [];
  return storage.objectTypes
    .filter((type) => type.target === target || Object.prototype.isPrototypeOf.call(target, type.target))
    .map((type) => ({ type: type.name, field: field.schemaName }));
}

function schemaHas(schema: GraphQLSchema, type: string, field: string): boolean {
  const named = schema.getType(type);
  return isObjectType(named) && field in named.getFields();
}

/** In registry order of subgraphs, then by `key`. */
function inOrder<T extends { subgraph: string }>(subgraphs: readonly RegisteredSubgraph[], key: (item: T) => string) {
  const rank = (item: T) => subgraphs.findIndex((subgraph) => subgraph.name === item.subgraph);
  return (a: T, b: T) => rank(a) - rank(b) || key(a).localeCompare(key(b));
}

/** Builds every subgraph's schema (which also loads its resolvers) and reads the rules each one declares. */
export async function readDeclaredPolicy(
  subgraphs: readonly RegisteredSubgraph[] = SUBGRAPHS,
): Promise<DeclaredPolicy> {
  const storage = getMetadataStorage();
  const operations: DeclaredOperation[] = [];
  const fields: DeclaredField[] = [];
  for (const subgraph of subgraphs) {
    const { definition } = subgraph;
    const schema = await buildSubgraphSchemaOf(definition);
    const resolvers = new Set<Function>(definition.resolvers);

    const handlers: Record<RootType, typeof storage.queries> = { Query: storage.queries, Mutation: storage.mutations };
    for (const root of ['Query', 'Mutation'] as const) {
      const rootType = root === 'Query' ? schema.getQueryType() : schema.getMutationType();
      for (const field of Object.keys(rootType?.getFields() ?? {})) {
        if (FEDERATION_ROOT_FIELDS.has(field)) continue;
        const handler = handlers[root].find((entry) => entry.schemaName === field && resolvers.has(entry.target));
        operations.push({
          subgraph: subgraph.name,
          root,
          field,
          rules: handler ? rulesOf(handler.target, handler.methodName) : [],
        });
      }
    }

    const seen = new Set<string>();
    const addField = (declared: DeclaredField) => {
      const key = `${declared.type}.${declared.field}`;
      if (seen.has(key) || !schemaHas(schema, declared.type, declared.field)) return;
      seen.add(key);
      fields.push(declared);
    };
    const inThisSubgraph = (target: Function) =>
      resolvers.has(target) ||
      storage.objectTypes.some(
        (type) => type.target === target || Object.prototype.isPrototypeOf.call(target, type.target),
      );
    for (const privateField of PRIVATE_FIELDS) {
      if (!inThisSubgraph(privateField.target)) continue;
      for (const { type, field } of schemaFieldsOf(privateField.target, privateField.methodName)) {
        addField({ subgraph: subgraph.name, type, field, rule: privateField.rule, guard: 'privateField' });
      }
    }
    for (const authorized of storage.authorizedFields) {
      const isRoot = [...storage.queries, ...storage.mutations].some(
        (entry) => entry.target === authorized.target && entry.methodName === authorized.fieldName,
      );
      if (isRoot || !inThisSubgraph(authorized.target)) continue;
      for (const { type, field } of schemaFieldsOf(authorized.target, authorized.fieldName)) {
        for (const rule of authorized.roles.map(String))
          addField({ subgraph: subgraph.name, type, field, rule, guard: 'operation' });
      }
    }
  }
  const rootOrder = (operation: DeclaredOperation) => `${operation.root === 'Query' ? 0 : 1}${operation.field}`;
  return {
    operations: operations.sort(inOrder(subgraphs, rootOrder)),
    fields: fields.sort(inOrder(subgraphs, (field) => `${field.type}.${field.field}`)),
  };
}

/** Whether a declared rule is one the policy names. */
export function isRule(rule: string): rule is Rule {
  return (Object.values(Rule) as string[]).includes(rule);
}
