import type { ApolloServerPlugin, GraphQLRequestContext } from '@apollo/server';
import ApolloServerPluginResponseCache from '@apollo/server-plugin-response-cache';
import { InMemoryLRUCache, type KeyValueCache, type KeyValueCacheSetOptions } from '@apollo/utils.keyvaluecache';
import type { FormattedExecutionResult } from 'graphql';
import { Redis } from 'ioredis';
import { Counter } from 'prom-client';

import {
  type FastifyReply,
  type FastifyRequest,
  type GraphQLShortcut,
  type Logger,
  type ServiceMetrics,
} from '@hrc/service-kit';

import { operationCostOf } from './operation-limits';
import { chargedAlready, rateLimitHeaders, type RateLimits } from './rate-limit';
import type { GatewayContext } from './signed-data-source';

export interface ResponseCacheOptions {
  enabled: boolean;
  redisUrl?: string;
  keyPrefix: string;
}

/** The prefix of a generation read while Redis was unreachable. */
const UNSHARED = 'unshared:';

/** Responses kept in memory, at most this many bytes (an LRU drops the least recently used beyond). */
const MEMORY_BYTES = 64 * 1024 * 1024;

/** Entries in Redis; a Redis that fails answers "not cached", never an error to the client. */
class RedisKeyValueCache implements KeyValueCache<string> {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly logger: Logger,
  ) {}

  async get(key: string): Promise<string | undefined> {
    try {
      return (await this.redis.get(`${this.prefix}${key}`)) ?? undefined;
    } catch (error) {
      this.logger.warn({ err: error }, 'response cache: Redis read failed');
      return undefined;
    }
  }

  async set(key: string, value: string, options?: KeyValueCacheSetOptions): Promise<void> {
    const ttl = options?.ttl;
    if (!ttl || ttl <= 0) return;
    await this.redis.set(`${this.prefix}${key}`, value, 'EX', Math.ceil(ttl)).catch((error: Error) => {
      this.logger.warn({ err: error }, 'response cache: Redis write failed');
    });
  }

  async delete(key: string): Promise<boolean> {
    return (await this.redis.del(`${this.prefix}${key}`).catch(() => 0)) > 0;
  }
}

const isAnonymous = (context: GatewayContext) => !context.identity?.subject && !context.identity?.roles.length;

/**
 * The full-response cache for the public: anonymous queries only, for the smallest max-age the subgraphs' cache hints
 * give their parts (services/kit/graph/src/cache-hints.ts; a part without a hint, a private field or an error makes
 * the response uncacheable). An authenticated request is never read from or written to it, and is answered
 * `Cache-Control: private, no-store`.
 *
 * Invalidation is by generation: every key includes the generation current when the request began, and every
 * mutation the gateway forwards starts a new generation, so a change made through the API is visible to the next
 * request, and a read that began before the change cannot store its older answer where later reads look. With Redis,
 * the generation lives there too, so one replica's mutation clears every replica's cache. Changes made any other way
 * are visible within the max-age of the types involved.
 */
export class ResponseCache {
  private localGeneration = 0;
  /** Counts schema loads: an answer is reused only under the schema it was given with. */
  private schemaEpoch = 0;
  /** What each anonymous request's plugins saw, for the shortcut to keep. */
  private readonly requests = new WeakMap<object, RequestSeen>();
  private readonly answers = new Map<string, KeptAnswer>();
  private answersBytes = 0;

  private constructor(
    private readonly store: KeyValueCache<string>,
    private readonly redis: Redis | undefined,
    private readonly generationKey: string,
    private readonly logger: Logger,
  ) {}

  static async create(options: ResponseCacheOptions, logger: Logger): Promise<ResponseCache> {
    if (!options.redisUrl) {
      return new ResponseCache(new InMemoryLRUCache<string>({ maxSize: MEMORY_BYTES }), undefined, '', logger);
    }
    const redis = new Redis(options.redisUrl, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      lazyConnect: true,
    });
    redis.on('error', (error: Error) => logger.warn({ err: error }, 'response cache: Redis unavailable'));
    await redis.connect().catch((error: Error) => {
      logger.warn({ err: error }, 'response cache: Redis unreachable at start; nothing is cached until it answers');
    });
    const store = new RedisKeyValueCache(redis, `${options.keyPrefix}:`, logger);
    return new ResponseCache(store, redis, `${options.keyPrefix}:generation`, logger);
  }

  /** The generation a request's key belongs to; without a reachable Redis, a key nobody shares (no reuse). */
  async generation(): Promise<string> {
    if (!this.redis) return String(this.localGeneration);
    try {
      return (await this.redis.get(this.generationKey)) ?? '0';
    } catch {
      return `${UNSHARED}${crypto.randomUUID()}`;
    }
  }

  /** Starts a new generation: nothing cached before is read again. */
  async invalidate(): Promise<void> {
    this.localGeneration += 1;
    this.forgetAnswers();
    if (!this.redis) return;
    await this.redis.incr(this.generationKey).catch((error: Error) => {
      this.logger.warn({ err: error }, 'response cache: could not start a new generation in Redis');
    });
  }

  /** A new supergraph was loaded: answers given under the previous one are not reused by the shortcut. */
  schemaChanged(): void {
    this.schemaEpoch += 1;
    this.forgetAnswers();
  }

  private forgetAnswers(): void {
    this.answers.clear();
    this.answersBytes = 0;
  }

  plugins(): ApolloServerPlugin<GatewayContext>[] {
    const invalidate = () => this.invalidate();
    const requests = this.requests;
    const anonymous = async ({ contextValue }: GraphQLRequestContext<GatewayContext>) => isAnonymous(contextValue);
    return [
      {
        requestDidStart: async ({ contextValue }) => {
          // The generation is read once, as the request starts: a read that began before a mutation keeps the
          // older generation, under which nothing is read any more.
          const seen: RequestSeen | undefined = isAnonymous(contextValue)
            ? { generation: this.generation(), schemaEpoch: this.schemaEpoch }
            : undefined;
          if (seen) requests.set(contextValue.request ?? contextValue, seen);
          return {
            willSendResponse: async (requestContext) => {
              const { contextValue, operation, response } = requestContext;
              if (operation?.operation === 'mutation') await invalidate();
              // A CDN may keep only the public's answers; `public` would let it keep an authenticated one.
              if (!isAnonymous(contextValue)) response.http.headers.set('cache-control', 'private, no-store');
              if (seen && operation?.operation === 'query' && response.body.kind === 'single') {
                seen.result = response.body.singleResult;
                seen.requested = operationCostOf(requestContext)?.requested ?? null;
                seen.operationName = requestContext.operationName ?? null;
                seen.answeredAt = Date.now();
              }
            },
          };
        },
      },
      ApolloServerPluginResponseCache<GatewayContext>({
        cache: this.store,
        sessionId: async () => null,
        extraCacheKeyData: async ({ contextValue }) =>
          requests.get(contextValue.request ?? contextValue)?.generation ?? this.generation(),
        shouldReadFromCache: anonymous,
        shouldWriteToCache: anonymous,
      }),
    ];
  }

  /**
   * The hit path: an anonymous POST whose exact request (accept header, operation name, variables and text) the
   * full pipeline answered (read afresh or from the response cache) in this generation, under this schema, is, until
   * the response cache's entry would expire, answered
   * again without Apollo: charged the cost stored with it, with the same body, extensions.cost, Cache-Control,
   * RateLimit headers and `age` as the response cache's own hit, and logged and counted as an operation. A charge
   * the rate limit refuses goes on to Apollo, which answers the 429 with that charge.
   */
  shortcut(rateLimits: RateLimits, metrics: ServiceMetrics): GraphQLShortcut<GatewayContext> {
    const outcomes = new Counter({
      name: 'hub_gateway_response_cache_shortcut_total',
      help: 'Anonymous answers kept by the response cache shortcut (kept) and answered from it without Apollo (answered)',
      labelNames: ['outcome'],
      registers: [metrics.registry],
    });
    return {
      answer: async (request, reply, context) => {
        if (this.answers.size === 0 || !isAnonymous(context)) return false;
        const started = process.hrtime.bigint();
        const key = requestKeyOf(request);
        const kept = key === undefined ? undefined : this.answers.get(key);
        if (!kept) return false;
        const now = Date.now();
        if (kept.expiresAt <= now || kept.schemaEpoch !== this.schemaEpoch) {
          this.forget(key!, kept);
          return false;
        }
        if ((await this.generation()) !== kept.generation) {
          this.forget(key!, kept);
          return false;
        }
        const charge = await rateLimits.charge(rateLimits.callerOf(context), kept.points);
        if (!charge.allowed) {
          chargedAlready(context, { points: kept.points, ...charge });
          return false;
        }
        const { state } = charge;
        const cost = {
          requested: kept.requested,
          maximum: kept.maximum,
          limit: state.limit,
          remaining: state.remaining,
          resetSeconds: state.resetSeconds,
        };
        reply.code(200);
        for (const [name, value] of kept.headers) reply.header(name, value);
        for (const [name, value] of rateLimitHeaders(state, false)) reply.header(name, value);
        reply.header('age', String(Math.round((now - kept.storedAt) / 1000)));
        outcomes.inc({ outcome: 'answered' });
        metrics.operationCompleted({
          operationName: kept.operationName,
          seconds: Number(process.hrtime.bigint() - started) / 1e9,
          logger: context.logger,
          extra: { cached: true },
        });
        reply.send(Buffer.concat([kept.opening, Buffer.from(`${JSON.stringify(cost)}}}\n`)]));
        return true;
      },
      answered: (request, reply, context, { body, headersBefore }) => {
        const seen = this.requests.get(context.request ?? context);
        if (!seen?.result || seen.schemaEpoch !== this.schemaEpoch || reply.statusCode !== 200) return;
        const key = requestKeyOf(request);
        if (key === undefined) return;
        const kept = keptAnswerOf(seen, reply, body, headersBefore);
        if (!kept) return;
        void seen.generation.then((generation) => {
          // Without a reachable Redis the generation is one nobody shares: nothing kept under it is read again.
          if (seen.schemaEpoch !== this.schemaEpoch || generation.startsWith(UNSHARED)) return;
          this.keep(key, { ...kept, generation, schemaEpoch: seen.schemaEpoch });
          outcomes.inc({ outcome: 'kept' });
        });
      },
    };
  }

  private keep(key: string, answer: KeptAnswer): void {
    const previous = this.answers.get(key);
    if (previous) this.forget(key, previous);
    if (answer.opening.length > SHORTCUT_BYTES / 16) return;
    this.answers.set(key, answer);
    this.answersBytes += answer.opening.length + key.length;
    // The oldest go first (a Map iterates in insertion order).
    for (const [oldestKey, oldest] of this.answers) {
      if (this.answersBytes <= SHORTCUT_BYTES) break;
      this.forget(oldestKey, oldest);
    }
  }

  private forget(key: string, answer: KeptAnswer): void {
    if (this.answers.get(key) !== answer) return;
    this.answers.delete(key);
    this.answersBytes -= answer.opening.length + key.length;
  }

  async close(): Promise<void> {
    if (this.redis && this.redis.status !== 'end') await this.redis.quit().catch(() => undefined);
  }
}

/** What the plugins saw of an anonymous request. */
interface RequestSeen {
  generation: Promise<string>;
  schemaEpoch: number;
  /** The result of a query, as sent. */
  result?: FormattedExecutionResult;
  requested?: number | null;
  /** The operation's name as Apollo resolved it (the document's, when the request names none). */
  operationName?: string | null;
  /** When the answer was complete (the response cache dates its entry then too). */
  answeredAt?: number;
}

/** An answer the shortcut may give again. */
interface KeptAnswer {
  /**
   * The answer up to its cost, `{"data":…,"extensions":{"cost":`, with `data` as the full pipeline serialised it,
   * encoded once: a hit appends its own cost. Sent as a string, every hit encoded the whole answer again, twice
   * (Fastify's Content-Length, then the socket's write): about a sixth of a hit's CPU for (b)'s 15 KB.
   */
  opening: Buffer;
  /** Apollo's own headers other than the rate limit's: content-type and cache-control. */
  headers: Array<[string, string]>;
  operationName: string | null;
  requested: number;
  maximum: number;
  points: number;
  storedAt: number;
  expiresAt: number;
  generation: string;
  schemaEpoch: number;
}

/** Bytes of answers the shortcut keeps (the response cache's own store is the bound on what is cached). */
const SHORTCUT_BYTES = 32 * 1024 * 1024;
/** The headers Apollo may set on a fresh public answer that the shortcut can give again. */
const REUSABLE_HEADERS = new Set(['content-type', 'cache-control', 'ratelimit', 'ratelimit-policy', 'age']);
const SECONDS = /^\d+$/;
const PUBLIC_MAX_AGE = /^max-age=(\d+), public$/;
const COST_FIELDS = ['requested', 'maximum', 'limit', 'remaining', 'resetSeconds'];
/** Longer requests are left to the full pipeline (every answer is keyed by its whole text). */
const LONGEST_REQUEST_KEY = 16 * 1024;

/**
 * The exact request, for an anonymous JSON POST of `query` with optional `variables` and `operationName` and nothing
 * else (persisted queries and extensions go through Apollo). `accept` is part of it: it chooses the content type.
 */
function requestKeyOf(request: FastifyRequest): string | undefined {
  if (request.method !== 'POST') return undefined;
  const body = request.body as Record<string, unknown> | undefined;
  if (!body || typeof body !== 'object' || Array.isArray(body)) return undefined;
  const { query, variables, operationName } = body;
  if (typeof query !== 'string') return undefined;
  let fields = 1;
  if (variables !== undefined) {
    if (variables !== null && (typeof variables !== 'object' || Array.isArray(variables))) return undefined;
    fields += 1;
  }
  if (operationName !== undefined) {
    if (operationName !== null && typeof operationName !== 'string') return undefined;
    fields += 1;
  }
  if (Object.keys(body).length !== fields) return undefined;
  const key = JSON.stringify([request.headers.accept ?? null, operationName ?? null, variables ?? null, query]);
  return key.length <= LONGEST_REQUEST_KEY ? key : undefined;
}

/** The fields JSON would write (an undefined one is left out), in order. */
function fieldsOf(object: object): string {
  return Object.entries(object)
    .filter(([, value]) => value !== undefined)
    .map(([name]) => name)
    .join();
}

/**
 * What of a cacheable public answer (read afresh or from the response cache) the shortcut keeps; nothing unless the
 * answer is exactly `data` with extensions.cost, with no error, public Cache-Control with a max-age, and no header
 * the shortcut would not give.
 */
function keptAnswerOf(
  seen: RequestSeen,
  reply: FastifyReply,
  body: string,
  headersBefore: Record<string, unknown>,
): Omit<KeptAnswer, 'generation' | 'schemaEpoch'> | undefined {
  const result = seen.result!;
  const requested = seen.requested;
  if (typeof requested !== 'number' || !Number.isFinite(requested)) return undefined;
  if (fieldsOf(result) !== 'data,extensions' || !result.data) return undefined;
  const extensions = result.extensions as Record<string, unknown>;
  if (fieldsOf(extensions) !== 'cost') return undefined;
  const cost = extensions.cost as Record<string, unknown>;
  if (fieldsOf(cost) !== COST_FIELDS.join() || cost.requested !== requested) return undefined;
  if (typeof cost.maximum !== 'number') return undefined;
  const headers: Array<[string, string]> = [];
  for (const [name, value] of Object.entries(reply.getHeaders())) {
    if (headersBefore[name] === value) continue;
    if (!REUSABLE_HEADERS.has(name) || typeof value !== 'string') return undefined;
    if (name === 'age' && !SECONDS.test(value)) return undefined;
    if (name === 'content-type' || name === 'cache-control') headers.push([name, value]);
  }
  const cacheControl = reply.getHeader('cache-control');
  const maxAge = typeof cacheControl === 'string' ? PUBLIC_MAX_AGE.exec(cacheControl) : null;
  if (!maxAge || Number(maxAge[1]) <= 0 || headers.length !== 2) return undefined;
  const tail = `,"extensions":${JSON.stringify(extensions)}}\n`;
  const head = '{"data":';
  if (!body.startsWith(head) || !body.endsWith(tail)) return undefined;
  // An answer from the response cache says how old its entry is, rounded to a second: the shortcut counts from the
  // same moment, and stops half a second early, so it never outlives the entry it repeats.
  const answeredAt = seen.answeredAt ?? Date.now();
  const age = reply.getHeader('age');
  const fromCache = typeof age === 'string';
  const ageMs = fromCache ? Number(age) * 1000 : 0;
  const storedAt = answeredAt - ageMs;
  const expiresAt = answeredAt + Number(maxAge[1]) * 1000 - ageMs - (fromCache ? 500 : 0);
  if (expiresAt <= answeredAt) return undefined;
  return {
    opening: Buffer.from(`${head}${body.slice(head.length, body.length - tail.length)},"extensions":{"cost":`),
    headers,
    operationName: seen.operationName ?? null,
    requested,
    maximum: cost.maximum,
    points: Math.max(1, Math.ceil(requested)),
    storedAt,
    expiresAt,
  };
}
