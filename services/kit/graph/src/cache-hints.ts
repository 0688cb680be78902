import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControl } from '@apollo/server/plugin/cacheControl';
import { getNamedType, type GraphQLResolveInfo } from 'graphql';

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
function entitiesMaxAge(info: GraphQLResolveInfo): number {
  const representations = (info.variableValues as { representations?: Array<{ __typename?: string }> }).representations;
  let maxAge = Infinity;
  for (const representation of representations ?? []) {
    maxAge = Math.min(maxAge, PUBLIC_MAX_AGE_SECONDS[representation.__typename ?? ''] ?? 0);
  }
  return Number.isFinite(maxAge) ? maxAge : 0;
}

/**
 * Apollo's cache-control plugin (it answers each call with a `Cache-Control` header, which the gateway combines
 * over every subgraph call of an operation), fed with the max-ages above as dynamic hints.
 */
export function cacheHintPlugins(): ApolloServerPlugin[] {
  return [
    // Listed first: Apollo calls willResolveField in reverse order, and this one needs the cache-control plugin's
    // `info.cacheControl`, set in its own willResolveField.
    {
      async requestDidStart() {
        return {
          async executionDidStart() {
            return {
              willResolveField({ info }) {
                const cacheControl = (info as CacheControlInfo).cacheControl;
                // Only reads are cached; a mutation's answer is its caller's alone.
                if (!cacheControl || info.operation.operation !== 'query') return;
                if (info.fieldName === '_entities' && !info.path.prev) {
                  cacheControl.setCacheHint({ maxAge: entitiesMaxAge(info), scope: 'PUBLIC' });
                  return;
                }
                const maxAge = PUBLIC_MAX_AGE_SECONDS[getNamedType(info.returnType).name];
                if (maxAge !== undefined) cacheControl.setCacheHint({ maxAge, scope: 'PUBLIC' });
              },
            };
          },
        };
      },
    },
    ApolloServerPluginCacheControl({ defaultMaxAge: 0, calculateHttpHeaders: true }),
  ];
}

/** Marks the response of a request that read a private field as private: never cached for the public. */
export function markPrivate(info: GraphQLResolveInfo): void {
  (info as CacheControlInfo).cacheControl?.setCacheHint({ scope: 'PRIVATE' });
}
