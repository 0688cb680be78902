import { buildSubgraphSchema } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { isObjectType, parse, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import { Extensions, buildSchema, createResolversMap, getMetadataStorage, type BuildSchemaOptions } from 'type-graphql';

/** Resolvers by type and field, including `__resolveReference` for entities. */
export type ResolverMap = Record<string, Record<string, unknown>>;

const FEDERATION_LINK = `
  extend schema
    @link(
      url: "https://specs.apollo.dev/federation/v2.7"
      import: ["@key", "@shareable", "@external", "@requires", "@provides", "@inaccessible", "@tag"]
    )
`;

function mergeResolvers(base: ResolverMap, ...extras: ResolverMap[]): ResolverMap {
  const merged: ResolverMap = { ...base };
  for (const extra of extras) {
    for (const [typeName, fields] of Object.entries(extra)) {
      merged[typeName] = { ...(merged[typeName] ?? {}), ...fields };
    }
  }
  return merged;
}

const SYNCHRONOUS_RESOLVER = 'hubSynchronousResolver';

/**
 * Declares a field resolver that graphql-js calls directly, instead of through type-graphql's resolver wrapper, which
 * validates arguments in an async function: a field with any argument resolves to a promise even when its work is
 * synchronous, and graphql-js then awaits its whole object (every node's translated name or title did; the promise
 * cost test in services/cities/test/query-cost.test.ts holds what a page costs now). The wrapper is skipped whole, so
 * the field's arguments must be scalars that need no validation, and it may have no middleware and no authorization
 * rule: `buildFederatedSchema` refuses one that has. The resolver gets graphql-js's (source, args, context, info).
 */
export function ResolveSynchronously(resolve: GraphQLFieldResolver<unknown, unknown>): MethodDecorator {
  return Extensions({ [SYNCHRONOUS_RESOLVER]: resolve });
}

/** A rule or middleware type-graphql would run, on a field declared with `ResolveSynchronously`, would be skipped. */
function assertNothingSkipped(options: Pick<BuildSchemaOptions, 'globalMiddlewares'>): void {
  for (const field of getMetadataStorage().fieldResolvers) {
    if (typeof field.extensions?.[SYNCHRONOUS_RESOLVER] !== 'function') continue;
    const skipped = [
      ...(field.roles ? ['its authorization rule'] : []),
      ...((field.middlewares?.length ?? 0) > 0 || (options.globalMiddlewares?.length ?? 0) > 0
        ? ['its middleware']
        : []),
    ];
    if (skipped.length > 0) {
      throw new Error(
        `${field.target.name}.${field.methodName} resolves synchronously, which would skip ${skipped.join(' and ')}`,
      );
    }
  }
}

/** The fields declared with `ResolveSynchronously`, as a resolver map that replaces type-graphql's for them. */
function synchronousResolvers(schema: GraphQLSchema): ResolverMap {
  const resolvers: ResolverMap = {};
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type)) continue;
    for (const field of Object.values(type.getFields())) {
      const resolve = field.extensions[SYNCHRONOUS_RESOLVER];
      if (typeof resolve !== 'function') continue;
      resolvers[type.name] = { ...(resolvers[type.name] ?? {}), [field.name]: resolve };
    }
  }
  return resolvers;
}

/**
 * Builds a Federation 2 subgraph schema from type-graphql resolvers: the type-graphql schema is printed with
 * its directives, linked to Federation 2, rebuilt by `buildSubgraphSchema`, and given the reference resolvers (and
 * the synchronous resolvers of fields declared with `ResolveSynchronously`).
 */
export async function buildFederatedSchema(
  options: Omit<BuildSchemaOptions, 'skipCheck'>,
  referenceResolvers: ResolverMap = {},
): Promise<GraphQLSchema> {
  const schema = await buildSchema({ ...options, skipCheck: true });
  assertNothingSkipped(options);
  return buildSubgraphSchema({
    typeDefs: parse(`${FEDERATION_LINK}\n${printSchemaWithDirectives(schema)}`),
    resolvers: mergeResolvers(
      createResolversMap(schema) as ResolverMap,
      synchronousResolvers(schema),
      referenceResolvers,
    ) as never,
  });
}
