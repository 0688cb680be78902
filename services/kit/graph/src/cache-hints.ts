import type { ApolloServerPlugin, BaseContext, GraphQLRequestContextDidResolveOperation } from '@apollo/server';
import { ApolloServerPluginCacheControl } from '@apollo/server/plugin/cacheControl';
import {
  type FragmentDefinitionNode,
  getNamedType,
  type GraphQLCompositeType,
  type GraphQLSchema,
  isCompositeType,
  isUnionType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

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

/** The max-age of an entity fetch: the smallest of the represented types' (0 when any is not listed, or none is). */
function representationsMaxAge(representations: unknown): number {
  if (!Array.isArray(representations)) return 0;
  let maxAge = Infinity;
  for (const representation of representations as Array<{ __typename?: unknown } | null>) {
    const typename = representation?.__typename;
    maxAge = Math.min(maxAge, (typeof typename === 'string' ? PUBLIC_MAX_AGE_SECONDS[typename] : undefined) ?? 0);
  }
  return Number.isFinite(maxAge) ? maxAge : 0;
}

const ENTITIES_FIELD = '_entities';

/** What an operation's policy depends on before its variables are known. */
interface SelectedPolicy {
  /** The smallest max-age of the types it selects; Infinity when it selects nothing with one (introspection). */
  maxAge: number;
  /**
   * The representations of each entity fetch (`_entities`) in it, wherever it sits (a root fragment too): the
   * variable that carries them, or null when they are written in the document (then max-age 0).
   */
  entityFetches: Array<string | null>;
}

/**
 * What an operation selects: every root field's type (an unlisted one, scalar or not, is 0, as Apollo gives a root
 * field without a hint) and every object, interface or union type below it (0 when not listed), and where its entity
 * fetches' representations come from. Fields under @skip and @include count as selected, which can only lower the
 * max-age.
 */
function selectedPolicy(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
): SelectedPolicy {
  const policy: SelectedPolicy = { maxAge: Infinity, entityFetches: [] };
  const visited = new Set<string>();
  const walk = (selectionSet: SelectionSetNode, parent: GraphQLCompositeType, root: boolean) => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        if (condition && isCompositeType(condition)) walk(selection.selectionSet, condition, root);
        continue;
      }
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments[selection.name.value];
        const condition = fragment && schema.getType(fragment.typeCondition.name.value);
        // A fragment spread twice adds nothing new the second time.
        if (!fragment || visited.has(`${fragment.name.value}@${root}`) || !condition || !isCompositeType(condition))
          continue;
        visited.add(`${fragment.name.value}@${root}`);
        walk(fragment.selectionSet, condition, root);
        continue;
      }
      const name = selection.name.value;
      if (name.startsWith('__')) continue;
      if (root && name === ENTITIES_FIELD) {
        const argument = selection.arguments?.find((candidate) => candidate.name.value === 'representations');
        policy.entityFetches.push(argument?.value.kind === Kind.VARIABLE ? argument.value.name.value : null);
        const entity = schema.getType('_Entity');
        if (selection.selectionSet && entity && isCompositeType(entity)) walk(selection.selectionSet, entity, false);
        continue;
      }
      if (isUnionType(parent)) continue;
      const field = parent.getFields()[name];
      if (!field) continue;
      const type = getNamedType(field.type);
      if (root || isCompositeType(type))
        policy.maxAge = Math.min(policy.maxAge, PUBLIC_MAX_AGE_SECONDS[type.name] ?? 0);
      if (selection.selectionSet && isCompositeType(type)) walk(selection.selectionSet, type, false);
    }
  };
  const rootType = schema.getRootType(operation.operation);
  if (!rootType) return { maxAge: 0, entityFetches: [] };
  walk(operation.selectionSet, rootType, true);
  return policy;
}

/**
 * Operations' selected policies, per schema and parsed operation: Apollo reuses the parsed document of a repeated
 * query.
 */
const selectedPolicies = new WeakMap<GraphQLSchema, WeakMap<OperationDefinitionNode, SelectedPolicy>>();

/** Requests that read a field private to some callers (`markPrivate`): their answer is never cached for the public. */
const privateRequests = new WeakSet<object>();

/**
 * The policy of an operation, known before it runs: max-age 0 for a mutation, else the smallest max-age of the
 * types it selects and, for each entity fetch, of the types its representations name. Undefined when it selects
 * nothing with a max-age (introspection alone).
 */
function policyBeforeExecution(
  requestContext: GraphQLRequestContextDidResolveOperation<BaseContext>,
): number | undefined {
  const { operation, schema } = requestContext;
  if (!operation) return 0;
  if (operation.operation !== 'query') return 0;
  let ofSchema = selectedPolicies.get(schema);
  if (!ofSchema) selectedPolicies.set(schema, (ofSchema = new WeakMap()));
  let selected = ofSchema.get(operation);
  if (!selected) {
    const fragments = Object.fromEntries(
      requestContext.document.definitions
        .filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION)
        .map((fragment) => [fragment.name.value, fragment]),
    );
    selected = selectedPolicy(schema, operation, fragments);
    ofSchema.set(operation, selected);
  }
  const variables = requestContext.request.variables ?? {};
  let maxAge = selected.maxAge;
  for (const variable of selected.entityFetches) {
    maxAge = Math.min(maxAge, variable === null ? 0 : representationsMaxAge(variables[variable]));
  }
  return Number.isFinite(maxAge) ? maxAge : undefined;
}

/**
 * Apollo's cache-control plugin (it answers each call with a `Cache-Control` header, which the gateway combines
 * over every subgraph call of an operation), with the policy computed from the operation before it runs rather than
 * hinted field by field: the max-ages above by the types an operation selects, and private when a resolver read a
 * private field (`markPrivate`). Without a per-field hook, Apollo resolves fields without calling any plugin for
 * each; that per-field work was a sixth of the cities subgraph's CPU on a 5,000-row report, and 10 % of the
 * subgraphs' on twenty cities with their lists. It is more cautious than per-field hints were: a type under an empty
 * list, or under @skip, counts too. The plugin keeps Apollo's identity, so Apollo does not add its own default one.
 */
export function cacheHintPlugins(): ApolloServerPlugin[] {
  const apolloCacheControl = ApolloServerPluginCacheControl({ defaultMaxAge: 0, calculateHttpHeaders: true });
  return [
    {
      ...apolloCacheControl,
      async requestDidStart(requestContext) {
        const apollo = await apolloCacheControl.requestDidStart?.(requestContext);
        return {
          async didResolveOperation(resolved) {
            await apollo?.didResolveOperation?.(resolved);
            const maxAge = policyBeforeExecution(resolved);
            if (maxAge !== undefined) resolved.overallCachePolicy.restrict({ maxAge, scope: 'PUBLIC' });
          },
          async willSendResponse(sending) {
            if (privateRequests.has(sending.contextValue)) sending.overallCachePolicy.restrict({ scope: 'PRIVATE' });
            await apollo?.willSendResponse?.(sending);
          },
        };
      },
    },
  ];
}

/** Marks the response of a request that read a private field as private: never cached for the public. */
export function markPrivate(context: object): void {
  privateRequests.add(context);
}
