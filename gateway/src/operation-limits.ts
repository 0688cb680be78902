import type { ApolloServerPlugin, BaseContext, GraphQLRequestContext } from '@apollo/server';
import { blockFieldSuggestionsPlugin } from '@escape.tech/graphql-armor-block-field-suggestions';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import {
  getNamedType,
  getNullableType,
  GraphQLError,
  isLeafType,
  isListType,
  Kind,
  type ASTVisitor,
  type GraphQLFormattedError,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import { Counter, type Registry } from 'prom-client';

import type { Identity, Role } from '@hrc/service-kit';

/** The stable `extensions.code` of every refusal made here, before any subgraph is called. */
export const OperationLimitCode = {
  /** Depth, aliases, root fields, directives or parser tokens over their limit. */
  OPERATION_LIMIT_EXCEEDED: 'OPERATION_LIMIT_EXCEEDED',
  /** The estimated cost is over the caller's per-operation maximum. */
  OPERATION_TOO_COSTLY: 'OPERATION_TOO_COSTLY',
} as const;

/** Limits on the shape of a document; the same for every caller, checked while parsing and validating. */
export interface DocumentLimits {
  /** Parser tokens; graphql-js stops parsing at this count, so an oversized document costs little. */
  tokens: number;
  depth: number;
  aliases: number;
  /** Root fields of a query (aliases included). */
  rootFields: number;
  /** Root fields of a mutation (aliases included): each is a write, run one after another. */
  mutationRootFields: number;
  directives: number;
}

export type BudgetRole = Role | 'public';

export interface CostLimits {
  /** The largest estimated cost one operation may have, by the caller's role. */
  maximum: Record<BudgetRole, number>;
  /** The size assumed for a list that takes no `first` argument. */
  assumedListSize: number;
}

export interface OperationLimitsOptions {
  document: DocumentLimits;
  cost: CostLimits;
  /** Replace "Did you mean …" suggestions in validation errors (when introspection is off, they map the schema). */
  hideSuggestions: boolean;
  /** Where `hub_gateway_cost_estimates_total` is counted (estimates computed, and reused for a known document). */
  registry?: Registry;
}

/** "Did you mean "cities"?", "Did you mean the enum value "EUROPE"?" and the like. */
const SUGGESTION = /Did you mean [^?]*\?/g;

/** A write costs more than a read of one record: it locks, validates and audits. */
const MUTATION_FIELD_COST = 10;
/** getComplexity's guard against fragment explosions: fields it evaluates before giving up. */
const MAX_EVALUATED_FIELDS = 10_000;

/** The role whose budget applies: the most generous of the caller's roles, or the public's. */
export function budgetRoleOf(identity: Identity, budgets: Record<BudgetRole, number>): BudgetRole {
  let chosen: BudgetRole = 'public';
  for (const role of identity.roles) if (budgets[role] > budgets[chosen]) chosen = role;
  return chosen;
}

/** A refusal of the document's shape; validation wraps it, so the gateway's error formatter names the code. */
export class OperationLimitError extends GraphQLError {
  constructor(limit: keyof DocumentLimits, maximum: number, found: number | null) {
    super(
      found === null
        ? `The operation exceeds the ${limit} limit of ${maximum}`
        : `The operation exceeds the ${limit} limit of ${maximum}: it has ${found}`,
      {
        extensions: {
          code: OperationLimitCode.OPERATION_LIMIT_EXCEEDED,
          limit: { name: limit, maximum, ...(found === null ? {} : { found }) },
          http: { status: 400 },
        },
      },
    );
  }
}

export class OperationTooCostlyError extends GraphQLError {
  constructor(requested: number, maximum: number, role: BudgetRole) {
    const shown = Number.isFinite(requested) ? String(requested) : 'too large to count';
    super(
      `The operation's estimated cost ${shown} exceeds the limit of ${maximum} per operation for ${role === 'public' ? 'the public' : `the ${role} role`}. ` +
        'Ask for fewer items (first), nest fewer lists, or split the operation.',
      {
        extensions: {
          code: OperationLimitCode.OPERATION_TOO_COSTLY,
          cost: { requested: Number.isFinite(requested) ? requested : null, maximum },
          http: { status: 400 },
        },
      },
    );
  }
}

/** graphql-js's own wording when `maxTokens` stops the parser (the message carries none of the document). */
const TOKEN_LIMIT_MESSAGE = /Document contains more tha[nt] (\d+) tokens/;

/**
 * For the gateway's error formatter: gives the refusals made here their own code. Validation and parsing wrap their
 * errors under GRAPHQL_VALIDATION_FAILED and GRAPHQL_PARSE_FAILED; the original is kept as `originalError`.
 */
export function formatOperationLimitError(original: unknown, formatted: GraphQLFormattedError) {
  const cause = original instanceof GraphQLError ? (original.originalError ?? original) : original;
  const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
  if (cause instanceof OperationLimitError || cause instanceof OperationTooCostlyError) {
    return { message: cause.message, extensions: { ...extensions, code: cause.extensions.code } };
  }
  const tokens = cause instanceof Error ? TOKEN_LIMIT_MESSAGE.exec(cause.message) : null;
  if (tokens && formatted.extensions?.code === 'GRAPHQL_PARSE_FAILED') {
    const limit: DocumentLimits['tokens'] = Number(tokens[1]);
    return {
      message: new OperationLimitError('tokens', limit, null).message,
      extensions: {
        ...extensions,
        code: OperationLimitCode.OPERATION_LIMIT_EXCEEDED,
        limit: { name: 'tokens', maximum: limit },
      },
    };
  }
  return undefined;
}

function reportTo(context: ValidationContext, limit: keyof DocumentLimits, maximum: number) {
  return (armorMessage: string) => {
    // graphql-armor states the count it found in its message ("…, found 17."); keep only the number.
    const found = /found (\d+)/.exec(armorMessage);
    context.reportError(new OperationLimitError(limit, maximum, found ? Number(found[1]) : null));
  };
}

/** graphql-armor's rule, reporting through the validation context instead of throwing out of validate(). */
type ArmorRule = (options: {
  n: number;
  propagateOnRejection: boolean;
  onReject: Array<(context: ValidationContext | null, error: GraphQLError) => void>;
}) => (context: ValidationContext) => object;

function armorRule(limit: 'depth' | 'aliases' | 'directives', maximum: number, rule: ArmorRule): ValidationRule {
  return (context) =>
    rule({
      n: maximum,
      propagateOnRejection: false,
      onReject: [(_context, error) => reportTo(context, limit, maximum)(error.message)],
    })(context) as ASTVisitor;
}

/** Root fields (aliases included) of a selection set, through fragments; `__typename` is free. */
function countRootFields(selectionSet: SelectionSetNode, context: ValidationContext, seen: Set<string>): number {
  let count = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value !== '__typename') count += 1;
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      count += countRootFields(selection.selectionSet, context, seen);
    } else if (!seen.has(selection.name.value)) {
      seen.add(selection.name.value);
      const fragment = context.getFragment(selection.name.value);
      if (fragment) count += countRootFields(fragment.selectionSet, context, seen);
    }
  }
  return count;
}

function rootFieldsRule(limits: DocumentLimits): ValidationRule {
  return (context) => ({
    OperationDefinition(operation) {
      const mutation = operation.operation === 'mutation';
      const maximum = mutation ? limits.mutationRootFields : limits.rootFields;
      const found = countRootFields(operation.selectionSet, context, new Set());
      if (found > maximum) {
        context.reportError(new OperationLimitError(mutation ? 'mutationRootFields' : 'rootFields', maximum, found));
      }
    },
  });
}

/** The validation rules that bound a document's shape; cheap, linear walks. */
export function documentLimitRules(limits: DocumentLimits): ValidationRule[] {
  return [
    armorRule('depth', limits.depth, maxDepthRule),
    armorRule('aliases', limits.aliases, maxAliasesRule),
    armorRule('directives', limits.directives, maxDirectivesRule),
    rootFieldsRule(limits),
  ];
}

/**
 * Counts the records an operation may materialise, as GitHub's node limit does: a connection multiplies what it
 * selects by its `first` (the schema's default when omitted), a list without `first` by `assumedListSize`, an object
 * counts 1 and a scalar nothing. So `events(first: 100) { … hostCity { events(first: 100) … } }` costs 100 × 100 × ….
 */
export function connectionAwareEstimator(assumedListSize: number): ComplexityEstimator {
  return ({ type, field, args, childComplexity }) => {
    if (field.name.startsWith('__')) return 0;
    const named = getNamedType(field.type);
    if (isLeafType(named)) return 0;
    // edges / nodes / pageInfo of a connection, and an edge's node, are counted by the connection's `first`.
    if (type.name.endsWith('Connection')) return childComplexity;
    const own = type.name === 'Mutation' ? MUTATION_FIELD_COST : 1;
    if (named.name.endsWith('Connection')) {
      const first = typeof args.first === 'number' && args.first > 0 ? args.first : assumedListSize;
      return own + first * childComplexity;
    }
    return isListType(getNullableType(field.type)) ? assumedListSize * (own + childComplexity) : own + childComplexity;
  };
}

export interface OperationCost {
  /** The estimate; null when the operation could not be resolved (it fails before any subgraph call anyway). */
  requested: number | null;
  /** The per-operation maximum for this caller. */
  maximum: number;
}

const costs = new WeakMap<object, OperationCost>();

/** Estimates kept for one document: by operation name and variables, when those fit in a small key. */
const ESTIMATES_PER_DOCUMENT = 64;
const LONGEST_ESTIMATE_KEY = 4096;

/**
 * Estimates already made, by schema and parsed document. Apollo keeps one parsed document per query text and schema
 * (its document store), so a repeated query finds its estimate here instead of walking the document again; an
 * estimate depends on nothing else than the schema, the document, the operation name and the variables (`first`).
 * Nothing outlives its schema or document.
 */
class EstimateCache {
  private readonly bySchema = new WeakMap<object, WeakMap<object, Map<string, number>>>();

  private estimatesOf(schema: object, document: object): Map<string, number> {
    let byDocument = this.bySchema.get(schema);
    if (!byDocument) {
      byDocument = new WeakMap();
      this.bySchema.set(schema, byDocument);
    }
    let estimates = byDocument.get(document);
    if (!estimates) {
      estimates = new Map();
      byDocument.set(document, estimates);
    }
    return estimates;
  }

  /** The kept estimate, or `estimate()`'s result (kept unless it throws); `reused` says which. */
  get(schema: object, document: object, key: string, estimate: () => number): { requested: number; reused: boolean } {
    const estimates = this.estimatesOf(schema, document);
    const known = estimates.get(key);
    if (known !== undefined) return { requested: known, reused: true };
    const requested = estimate();
    // A document sent with ever new (or large) variables keeps its first small estimates only.
    if (estimates.size < ESTIMATES_PER_DOCUMENT && key.length <= LONGEST_ESTIMATE_KEY) estimates.set(key, requested);
    return { requested, reused: false };
  }
}

/** The cost the limits plugin estimated for this request, once the operation is resolved. */
export function operationCostOf(requestContext: GraphQLRequestContext<BaseContext>): OperationCost | undefined {
  return costs.get(requestContext.request);
}

/**
 * Refuses, before the gateway plans or fetches anything: documents over a shape limit (validation), and operations
 * whose estimated cost exceeds the caller's maximum (once the operation is resolved). Every response reports the
 * estimate in `extensions.cost`. Parser tokens are limited by Apollo's `parseOptions` (see `parseOptionsFor`).
 */
export function operationLimitsPlugin<TContext extends { identity: Identity }>(
  options: OperationLimitsOptions,
): ApolloServerPlugin<TContext> {
  const estimators = [connectionAwareEstimator(options.cost.assumedListSize)];
  const estimates = new EstimateCache();
  const counted = options.registry
    ? new Counter({
        name: 'hub_gateway_cost_estimates_total',
        help: 'Operation cost estimates: computed (a walk of the document) or reused (the same document and variables)',
        labelNames: ['outcome'],
        registers: [options.registry],
      })
    : undefined;
  // graphql-armor's plugin is written for envelop; its validation hook masks the suggestions of the errors in place.
  const hideSuggestions = blockFieldSuggestionsPlugin().onValidate as unknown as () => (end: {
    valid: boolean;
    result: readonly GraphQLError[];
    setResult: (errors: readonly GraphQLError[]) => void;
  }) => void;
  return {
    async requestDidStart() {
      return {
        async validationDidStart() {
          if (!options.hideSuggestions) return;
          return async (errors) => {
            if (!errors?.length) return;
            hideSuggestions()({ valid: false, result: errors as GraphQLError[], setResult: () => undefined });
          };
        },
        // Suggestions also come from outside validation: a variable's enum value is checked during execution.
        async didEncounterErrors({ errors }) {
          if (!options.hideSuggestions) return;
          for (const error of errors) {
            if (SUGGESTION.test(error.message))
              error.message = error.message.replace(SUGGESTION, '[Suggestion hidden]');
          }
        },
        // Synchronous on purpose: the rate-limit plugin, listed after this one, reads the estimate in the same hook.
        didResolveOperation(requestContext) {
          const role = budgetRoleOf(requestContext.contextValue.identity, options.cost.maximum);
          const maximum = options.cost.maximum[role];
          const cost: OperationCost = { requested: null, maximum };
          costs.set(requestContext.request, cost);
          if (!requestContext.operation) return Promise.resolve();
          const { schema, document } = requestContext;
          const operationName = requestContext.operationName ?? undefined;
          const variables = requestContext.request.variables ?? {};
          try {
            const { requested, reused } = estimates.get(
              schema,
              document,
              `${operationName ?? ''}\n${JSON.stringify(variables)}`,
              () => {
                try {
                  return getComplexity({
                    schema,
                    query: document,
                    operationName,
                    variables,
                    estimators,
                    maxQueryNodes: MAX_EVALUATED_FIELDS,
                  });
                } catch (error) {
                  // Too many fields to evaluate is a refusal, as final as any estimate.
                  if (error instanceof GraphQLError && /maximum allowed number of nodes/.test(error.message)) {
                    return Number.POSITIVE_INFINITY;
                  }
                  throw error;
                }
              },
            );
            counted?.inc({ outcome: reused ? 'reused' : 'computed' });
            cost.requested = requested;
          } catch {
            // Bad variables are the gateway's to report (before any fetch).
            return Promise.resolve();
          }
          if (cost.requested > maximum) throw new OperationTooCostlyError(cost.requested, maximum, role);
          return Promise.resolve();
        },
        async willSendResponse({ request, response }) {
          const cost = costs.get(request);
          if (response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          const requested = cost?.requested;
          result.extensions = {
            ...result.extensions,
            cost: {
              ...(result.extensions?.cost as object | undefined),
              requested: requested === undefined || !Number.isFinite(requested) ? null : requested,
              ...(cost ? { maximum: cost.maximum } : {}),
            },
          };
        },
      };
    },
  };
}

/** Apollo Server's `parseOptions`: graphql-js stops at `maxTokens` instead of building a huge document. */
export function parseOptionsFor(limits: DocumentLimits) {
  return { maxTokens: limits.tokens };
}
