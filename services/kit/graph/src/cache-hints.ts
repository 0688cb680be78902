import type { ApolloServerPlugin, BaseContext, GraphQLRequestContextDidResolveOperation } from '@apollo/server';
import { ApolloServerPluginCacheControl } from '@apollo/server/plugin/cacheControl';
import { type FieldNode, getNamedType, type GraphQLResolveInfo, Kind } from 'graphql';

/**
 * How long (seconds) a public read of each type may be reused: the gateway's response cache keeps an anonymous
 * query's full response for the smallest max-age of the types in it, and says so in `Cache-Control: public,
 * max-age=…` to CDNs. A type that is not listed has max-age 0, so a response that touches it is never cached: new
 * types, moderation queues, audit trails, the change feed and anything personal stay uncached until listed here.
 *
 * Staleness bound: the gateway clears its cache on every mutation it forwards (gateway/src/response-cache.ts), so a
 * change made through the API is seen at once; a change made any other way (a replica's own cache, a script writing
 * to the database) is seen within the max-age below. Nobody reads a stale record for longer than its type's max-age.
 */
export const PUBLIC_MAX_AGE_SECONDS: Readonly<Record<string, number>> = Object.freeze({
  // Directory and reference data: changes rarely, by the secretariat.
  City: 300,
  CityConnection: 300,
  CityEdge: 300,
  Coordinates: 300,
  NetworkMembership: 300,
  HumanRightsMechanism: 300,
  Organization: 300,
  OrganizationConnection: 300,
  OrganizationEdge: 300,
  Indicator: 300,
  Interpretation: 300,
  LocalizedText: 300,
  PageInfo: 300,
  // Published records: moderated, published and withdrawn during the day.
  Policy: 60,
  PolicyConnection: 60,
  PolicyEdge: 60,
  Event: 60,
  EventConnection: 60,
  EventEdge: 60,
  ForumEdition: 60,
  Speaker: 60,
  TimetableDay: 60,
  Program: 60,
  ProgramConnection: 60,
  ProgramEdge: 60,
  Cohort: 60,
  CohortConnection: 60,
  CohortEdge: 60,
  IndicatorValue: 60,
  IndicatorValueConnection: 60,
  IndicatorValueEdge: 60,
  SustainabilityChecklist: 60,
  ChecklistItem: 60,
  SectorScore: 60,
  // Aggregates that move with every enrollment, registration or rating.
  EducationReach: 30,
  AudienceReach: 30,
  FeedbackSummary: 30,
  RatingCount: 30,
  SeatAvailability: 5,
});

type CacheControlInfo = GraphQLResolveInfo & {
  cacheControl?: { setCacheHint(hint: { maxAge?: number; scope?: 'PUBLIC' | 'PRIVATE' }): void };
};

/** The max-age of an entity fetch: the smallest of the represented types' (0 when any is not listed). */
function entitiesMaxAge(variables: Record<string, unknown> | undefined): number {
  const representations = (variables as { representations?: Array<{ __typename?: string }> } | undefined)
    ?.representations;
  let maxAge = Infinity;
  for (const representation of representations ?? []) {
    maxAge = Math.min(maxAge, PUBLIC_MAX_AGE_SECONDS[representation.__typename ?? ''] ?? 0);
  }
  return Number.isFinite(maxAge) ? maxAge : 0;
}

/**
 * Whether an operation's answer cannot be cached whatever its fields resolve to, known before it runs: a mutation;
 * an entity fetch of an unlisted type (a report's rows); a root field whose type is not listed (max-age 0, and no
 * resolver raises a hint). Root fragments and introspection are left to the per-field hints.
 */
function uncacheableBeforeExecution(requestContext: GraphQLRequestContextDidResolveOperation<BaseContext>): boolean {
  const { operation, schema } = requestContext;
  if (!operation) return false;
  if (operation.operation !== 'query') return true;
  const rootType = schema.getQueryType();
  const fields = operation.selectionSet.selections;
  if (!rootType || fields.some((selection) => selection.kind !== Kind.FIELD)) return false;
  return fields.some((selection) => {
    const name = (selection as FieldNode).name.value;
    if (name.startsWith('__')) return false;
    if (name === '_entities') return entitiesMaxAge(requestContext.request.variables) === 0;
    const field = rootType.getFields()[name];
    return field !== undefined && PUBLIC_MAX_AGE_SECONDS[getNamedType(field.type).name] === undefined;
  });
}

/**
 * Apollo's cache-control plugin (it answers each call with a `Cache-Control` header, which the gateway combines
 * over every subgraph call of an operation), fed with the max-ages above as dynamic hints.
 *
 * An operation known to be uncacheable before it runs (see `uncacheableBeforeExecution`) gets no per-field hook at
 * all: its policy is set to max-age 0 at once, and Apollo then resolves its fields without calling a plugin for each,
 * which was a sixth of the cities subgraph's CPU on a 5,000-row report. The plugin keeps Apollo's identity, so Apollo
 * does not add its own default one beside it.
 */
export function cacheHintPlugins(): ApolloServerPlugin[] {
  const apolloCacheControl = ApolloServerPluginCacheControl({ defaultMaxAge: 0, calculateHttpHeaders: true });
  return [
    {
      ...apolloCacheControl,
      async requestDidStart(requestContext) {
        const apollo = await apolloCacheControl.requestDidStart?.(requestContext);
        let uncacheable = false;
        return {
          ...apollo,
          async didResolveOperation(resolved) {
            await apollo?.didResolveOperation?.(resolved);
            uncacheable = uncacheableBeforeExecution(resolved);
            if (uncacheable) resolved.overallCachePolicy.restrict({ maxAge: 0 });
          },
          async executionDidStart(executing) {
            if (uncacheable) return undefined;
            const apolloExecution = await apollo?.executionDidStart?.(executing);
            const variables = executing.request.variables;
            return {
              ...apolloExecution,
              willResolveField(field) {
                // Apollo's hook first: it gives the field its `info.cacheControl`, which the hints below set.
                const fieldDone = apolloExecution?.willResolveField?.(field);
                const { info } = field;
                const cacheControl = (info as CacheControlInfo).cacheControl;
                if (cacheControl) {
                  if (info.fieldName === '_entities' && !info.path.prev) {
                    cacheControl.setCacheHint({ maxAge: entitiesMaxAge(variables), scope: 'PUBLIC' });
                  } else {
                    const maxAge = PUBLIC_MAX_AGE_SECONDS[getNamedType(info.returnType).name];
                    if (maxAge !== undefined) cacheControl.setCacheHint({ maxAge, scope: 'PUBLIC' });
                  }
                }
                return fieldDone;
              },
            };
          },
        };
      },
    },
  ];
}

/** Marks the response of a request that read a private field as private: never cached for the public. */
export function markPrivate(info: GraphQLResolveInfo): void {
  (info as CacheControlInfo).cacheControl?.setCacheHint({ scope: 'PRIVATE' });
}
