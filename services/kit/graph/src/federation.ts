import { buildSubgraphSchema } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { parse, type GraphQLSchema } from 'graphql';
import { buildSchema, createResolversMap, type BuildSchemaOptions } from 'type-graphql';

/** Resolvers by type and field, including `__resolveReference` for entities. */
export type ResolverMap = Record<string, Record<string, unknown>>;

const FEDERATION_LINK = `
  extend schema
    @link(
      url: "https://specs.apollo.dev/federation/v2.7"
      import: ["@key", "@shareable", "@external", "@requires", "@provides", "@inaccessible", "@tag"]
    )
`;

function mergeResolvers(base: ResolverMap, extra: ResolverMap): ResolverMap {
  const merged: ResolverMap = { ...base };
  for (const [typeName, fields] of Object.entries(extra)) {
    merged[typeName] = { ...(merged[typeName] ?? {}), ...fields };
  }
  return merged;
}

/**
 * Builds a Federation 2 subgraph schema from type-graphql resolvers: the type-graphql schema is printed with
 * its directives, linked to Federation 2, rebuilt by `buildSubgraphSchema`, and given the reference resolvers.
 */
export async function buildFederatedSchema(
  options: Omit<BuildSchemaOptions, 'skipCheck'>,
  referenceResolvers: ResolverMap = {},
): Promise<GraphQLSchema> {
  const schema = await buildSchema({ ...options, skipCheck: true });
  return buildSubgraphSchema({
    typeDefs: parse(`${FEDERATION_LINK}\n${printSchemaWithDirectives(schema)}`),
    resolvers: mergeResolvers(createResolversMap(schema) as ResolverMap, referenceResolvers) as never,
  });
}
