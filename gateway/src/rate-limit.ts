import { HeaderMap, type ApolloServerPlugin, type BaseContext, type GraphQLRequestContext } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { Redis } from 'ioredis';
import {
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
  type IRateLimiterOptions,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';

import type { Identity, Logger } from '@hrc/service-kit';

import { budgetRoleOf, type BudgetRole, type OperationCost } from './operation-limits';

export const RATE_LIMITED = 'RATE_LIMITED';

export interface RateLimitOptions {
  windowSeconds: number;
  /** Cost points each caller may spend per window, by role. */
  points: Record<BudgetRole, number>;
  /** Shared budgets across gateway replicas; in memory (this process only) without it. */
  redisUrl?: string;
  keyPrefix: string;
}

/** Who is charged: a token's subject, or the client address for the public. */
export interface Caller {
  key: string;
  role: BudgetRole;
}

/** What the caller has left in the current window. */
export interface RateLimitState {
  policy: BudgetRole;
  limit: number;
  remaining: number;
  resetSeconds: number;
  windowSeconds: number;
}

/** The request context fields the rate limit reads; `clientAddress` is the only place the peer address comes from. */
export interface RateLimitedContext {
  identity: Identity;
  clientAddress: string;
  /** The request's own object, shared by every (shallow) copy of its context. */
  request?: object;
}

/** RateLimit-Policy and RateLimit as in draft-ietf-httpapi-ratelimit-headers (structured fields, one policy per role). */
export function rateLimitHeaders(state: RateLimitState, refused: boolean): Array<[string, string]> {
  const headers: Array<[string, string]> = [
    ['ratelimit-policy', `"${state.policy}";q=${state.limit};w=${state.windowSeconds}`],
    ['ratelimit', `"${state.policy}";r=${state.remaining};t=${state.resetSeconds}`],
  ];
  if (refused) headers.push(['retry-after', String(Math.max(1, state.resetSeconds))]);
  return headers;
}

export class RateLimitedError extends GraphQLError {
  constructor(state: RateLimitState, requested: number) {
    super(
      `Rate limit exceeded: ${state.limit} cost points per ${state.windowSeconds} s for ${state.policy === 'public' ? 'the public' : `the ${state.policy} role`}; ` +
        `this operation needs ${requested} and ${state.remaining} remain. Retry after ${Math.max(1, state.resetSeconds)} s.`,
      {
        extensions: {
          code: RATE_LIMITED,
          rateLimit: { limit: state.limit, remaining: state.remaining, resetSeconds: state.resetSeconds, requested },
          http: { status: 429, headers: new HeaderMap(rateLimitHeaders(state, true)) },
        },
      },
    );
  }
}

/** What a client sees of a RateLimitedError (the HTTP head travels in the response, not the body). */
function publicExtensions(error: RateLimitedError): Record<string, unknown> {
  const { http: _http, ...extensions } = error.extensions;
  return extensions;
}

/** Points budgets per caller with rate-limiter-flexible: in memory, or in Redis when `redisUrl` is set. */
export class RateLimits {
  private constructor(
    private readonly options: RateLimitOptions,
    private readonly limiters: Record<BudgetRole, RateLimiterAbstract>,
    private readonly redis: Redis | undefined,
  ) {}

  static async create(options: RateLimitOptions, logger: Logger): Promise<RateLimits> {
    let redis: Redis | undefined;
    if (options.redisUrl) {
      // No offline queue: while Redis is away, calls fail at once and the in-memory insurance limiter answers.
      redis = new Redis(options.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: true });
      redis.on('error', (error: Error) => logger.warn({ err: error }, 'rate-limit Redis unavailable'));
      await redis.connect().catch((error: Error) => {
        logger.warn({ err: error }, 'rate-limit Redis unreachable at start; limiting in memory until it answers');
      });
    }
    const limiters = {} as Record<BudgetRole, RateLimiterAbstract>;
    for (const role of Object.keys(options.points) as BudgetRole[]) {
      const base: IRateLimiterOptions = {
        points: options.points[role],
        duration: options.windowSeconds,
        keyPrefix: `${options.keyPrefix}:${role}`,
      };
      limiters[role] = redis
        ? new RateLimiterRedis({ ...base, storeClient: redis, insuranceLimiter: new RateLimiterMemory(base) })
        : new RateLimiterMemory(base);
    }
    return new RateLimits(options, limiters, redis);
  }

  callerOf(context: RateLimitedContext): Caller {
    const role = budgetRoleOf(context.identity, this.options.points);
    return {
      key: context.identity.subject ? `sub:${context.identity.subject}` : `ip:${context.clientAddress}`,
      role,
    };
  }

  private stateOf(caller: Caller, result: RateLimiterRes | null): RateLimitState {
    const limit = this.options.points[caller.role];
    return {
      policy: caller.role,
      limit,
      remaining: result ? Math.max(0, result.remainingPoints) : limit,
      resetSeconds: result ? Math.ceil(result.msBeforeNext / 1000) : this.options.windowSeconds,
      windowSeconds: this.options.windowSeconds,
    };
  }

  /** The caller's state without charging it. */
  async peek(caller: Caller): Promise<RateLimitState> {
    return this.stateOf(caller, await this.limiters[caller.role].get(caller.key));
  }

  /** Charges `points`; a refused charge still counts, so hammering a spent budget keeps it spent. */
  async charge(caller: Caller, points: number): Promise<{ allowed: boolean; state: RateLimitState }> {
    try {
      return {
        allowed: true,
        state: this.stateOf(caller, await this.limiters[caller.role].consume(caller.key, points)),
      };
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) return { allowed: false, state: this.stateOf(caller, rejection) };
      throw rejection;
    }
  }

  async close(): Promise<void> {
    if (this.redis && this.redis.status !== 'end') await this.redis.quit().catch(() => undefined);
  }
}

/** A charge made for a request before Apollo ran, and its outcome. */
export interface Charge {
  points: number;
  allowed: boolean;
  state: RateLimitState;
}

const chargesMade = new WeakMap<object, Charge>();

/**
 * Records that the request with this context has been charged already (by the response cache's shortcut, which then
 * let Apollo answer a refusal): the plugin uses this charge instead of making another.
 */
export function chargedAlready(context: RateLimitedContext, charge: Charge): void {
  chargesMade.set(context.request ?? context, charge);
}

/**
 * Charges each operation's estimated cost (at least 1 point) to its caller before the gateway fetches anything, and
 * refuses with 429 and Retry-After when the window's points are spent.
 * Every response carries RateLimit-Policy and RateLimit. Listed after the operation limits plugin, which estimates
 * the cost in the same hook.
 */
export function rateLimitPlugin<TContext extends RateLimitedContext>(
  limits: RateLimits,
  costOf: (requestContext: GraphQLRequestContext<BaseContext>) => OperationCost | undefined,
): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart({ contextValue }) {
      const caller = limits.callerOf(contextValue);
      const earlier = chargesMade.get(contextValue.request ?? contextValue);
      let state: RateLimitState | undefined;
      let charged = false;
      let refused = false;
      return {
        async didResolveOperation(requestContext) {
          const requested = costOf(requestContext)?.requested;
          const points = earlier
            ? earlier.points
            : requested === null || requested === undefined
              ? 1
              : Math.max(1, Math.ceil(requested));
          charged = true;
          const result = earlier ?? (await limits.charge(caller, points));
          state = result.state;
          if (!result.allowed) {
            refused = true;
            throw new RateLimitedError(state, points);
          }
        },
        async willSendResponse({ response }) {
          // Requests refused before their operation resolved (syntax, validation, limits) still cost a point; once
          // the budget is spent they are answered 429 like any other (parsing them was cheap: the token limit).
          if (!charged) {
            charged = true;
            const result = earlier ?? (await limits.charge(caller, 1));
            state = result.state;
            if (!result.allowed) {
              refused = true;
              const error = new RateLimitedError(state, earlier?.points ?? 1);
              response.http.status = 429;
              response.body = {
                kind: 'single',
                singleResult: { errors: [{ message: error.message, extensions: publicExtensions(error) }] },
              };
            }
          }
          if (!state) return;
          for (const [name, value] of rateLimitHeaders(state, refused)) response.http.headers.set(name, value);
          if (response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          result.extensions = {
            ...result.extensions,
            cost: {
              ...(result.extensions?.cost as object | undefined),
              limit: state.limit,
              remaining: state.remaining,
              resetSeconds: state.resetSeconds,
            },
          };
        },
      };
    },
  };
}
