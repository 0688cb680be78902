import type { ApolloServerPlugin, GraphQLRequestContext } from '@apollo/server';
import ApolloServerPluginResponseCache from '@apollo/server-plugin-response-cache';
import { InMemoryLRUCache, type KeyValueCache, type KeyValueCacheSetOptions } from '@apollo/utils.keyvaluecache';
import { Redis } from 'ioredis';

import { type Logger } from '@hrc/service-kit';

import type { GatewayContext } from './signed-data-source';

export interface ResponseCacheOptions {
  enabled: boolean;
  redisUrl?: string;
  keyPrefix: string;
}

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
      return `unshared:${crypto.randomUUID()}`;
    }
  }

  /** Starts a new generation: nothing cached before is read again. */
  async invalidate(): Promise<void> {
    this.localGeneration += 1;
    if (!this.redis) return;
    await this.redis.incr(this.generationKey).catch((error: Error) => {
      this.logger.warn({ err: error }, 'response cache: could not start a new generation in Redis');
    });
  }

  plugins(): ApolloServerPlugin<GatewayContext>[] {
    const invalidate = () => this.invalidate();
    const anonymous = async ({ contextValue }: GraphQLRequestContext<GatewayContext>) => isAnonymous(contextValue);
    return [
      {
        async requestDidStart() {
          return {
            willSendResponse: async ({ contextValue, operation, response }) => {
              if (operation?.operation === 'mutation') await invalidate();
              // A CDN may keep only the public's answers; `public` would let it keep an authenticated one.
              if (!isAnonymous(contextValue)) response.http.headers.set('cache-control', 'private, no-store');
            },
          };
        },
      },
      ApolloServerPluginResponseCache<GatewayContext>({
        cache: this.store,
        sessionId: async () => null,
        extraCacheKeyData: async () => this.generation(),
        shouldReadFromCache: anonymous,
        shouldWriteToCache: anonymous,
      }),
    ];
  }

  async close(): Promise<void> {
    if (this.redis && this.redis.status !== 'end') await this.redis.quit().catch(() => undefined);
  }
}
