import path from 'node:path';

import { z } from 'zod';

import { GATEWAY_PORT } from '@hrc/registry';
import {
  assertProductionSecrets,
  DEFAULT_JWT_AUDIENCE,
  DEFAULT_JWT_ISSUER,
  DEVELOPMENT_JWT_SECRET,
  DEVELOPMENT_SIGNING_SECRET,
  type EnvironmentSource,
  httpEnvironmentShape,
  httpLimitsOf,
  logLevel,
  nodeEnv,
  parseEnvironment,
  port,
  refusePublishedSecrets,
  secret,
} from '@hrc/service-kit';

/** The committed supergraph, from gateway/src (tests) or gateway/dist/src (compiled). */
const COMMITTED_SUPERGRAPH = path.resolve(
  __dirname,
  __dirname.includes(`${path.sep}dist${path.sep}`) ? '../../..' : '../..',
  'schema',
  'supergraph.graphql',
);

/** A whole number in [minimum, maximum] read from the environment. */
const count = (minimum: number, maximum: number, fallback: number) =>
  z.coerce.number().int().min(minimum).max(maximum).default(fallback);

/** `<NAME>_SUBGRAPH_URL` overrides the URL the supergraph names for subgraph `<name>` (for containers). */
const SUBGRAPH_URL_VARIABLE = /^([A-Z][A-Z0-9_]*)_SUBGRAPH_URL$/;

export const gatewayEnvironmentSchema = z
  .object({
    NODE_ENV: nodeEnv,
    HOST: z.string().min(1).default('127.0.0.1'),
    PORT: port(GATEWAY_PORT),
    LOG_LEVEL: logLevel,
    HUB_SIGNING_SECRET: secret.optional(),
    JWT_SECRET: secret.optional(),
    JWT_JWKS_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
    JWT_ISSUER: z.string().min(1).default(DEFAULT_JWT_ISSUER),
    JWT_AUDIENCE: z.string().min(1).default(DEFAULT_JWT_AUDIENCE),
    SUPERGRAPH_PATH: z.string().min(1).default(COMMITTED_SUPERGRAPH),
    GATEWAY_INTROSPECT_SUBGRAPHS: z.enum(['true', 'false']).default('false'),
    /** GraphiQL at /explorer: on unless NODE_ENV is production, where it is off unless set to `true`. */
    GATEWAY_EXPLORER: z.enum(['true', 'false']).optional(),
    /** Identical concurrent subgraph queries (same identity class) are sent once (gateway/src/deduplication.ts). */
    GATEWAY_DEDUPLICATION: z.enum(['true', 'false']).default('true'),
    /** The HTTP client of subgraph calls (gateway/src/subgraph-transport.ts); undici's `request` costs less (README). */
    SUBGRAPH_HTTP_CLIENT: z.enum(['undici', 'fetch']).default('undici'),
    SUBGRAPH_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
    MAX_REQUEST_BYTES: z.coerce.number().int().min(1024).max(10_000_000).default(1_000_000),
    SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(120_000).default(10_000),
    /** Origins a browser may call the API from: `*` (the default; the API takes bearer tokens, never cookies) or a comma-separated list. */
    CORS_ORIGINS: z
      .string()
      .default('*')
      .transform((value) =>
        value.trim() === '*'
          ? '*'
          : value
              .split(',')
              .map((origin) => origin.trim())
              .filter(Boolean),
      )
      .pipe(z.union([z.literal('*'), z.array(z.url({ error: 'must be * or a comma-separated list of origins' }))])),
    ...httpEnvironmentShape,
    // Operation limits (gateway/src/operation-limits.ts): checked before any subgraph call.
    MAX_QUERY_TOKENS: count(100, 1_000_000, 5_000),
    MAX_QUERY_DEPTH: count(2, 100, 15),
    MAX_QUERY_ALIASES: count(0, 1_000, 15),
    MAX_QUERY_ROOT_FIELDS: count(1, 1_000, 10),
    MAX_MUTATION_ROOT_FIELDS: count(1, 1_000, 5),
    MAX_QUERY_DIRECTIVES: count(0, 1_000, 20),
    // The largest estimated cost (records an operation may materialise) one operation may have, per role.
    COST_LIMIT_PUBLIC: count(1, 1e9, 5_000),
    COST_LIMIT_PARTNER: count(1, 1e9, 10_000),
    COST_LIMIT_LIAISON: count(1, 1e9, 50_000),
    COST_LIMIT_SECRETARIAT: count(1, 1e9, 50_000),
    COST_ASSUMED_LIST_SIZE: count(1, 1_000, 20),
    // Rate limits (gateway/src/rate-limit.ts): cost points per caller per window, per role.
    RATE_LIMIT_WINDOW_SECONDS: count(1, 86_400, 60),
    RATE_LIMIT_PUBLIC: count(1, 1e12, 10_000),
    RATE_LIMIT_PARTNER: count(1, 1e12, 50_000),
    RATE_LIMIT_LIAISON: count(1, 1e12, 100_000),
    RATE_LIMIT_SECRETARIAT: count(1, 1e12, 100_000),
    RATE_LIMIT_KEY_PREFIX: z.string().min(1).default('hrc:rate'),
    /** The public's full-response cache (gateway/src/response-cache.ts): in memory, or in Redis with REDIS_URL. */
    RESPONSE_CACHE: z.enum(['true', 'false']).default('true'),
    RESPONSE_CACHE_KEY_PREFIX: z.string().min(1).default('hrc:cache'),
    REDIS_URL: z.url({ protocol: /^rediss?$/, error: 'must be a redis:// or rediss:// URL' }).optional(),
  })
  .catchall(z.string().optional())
  .superRefine((env, context) => {
    for (const [name, value] of Object.entries(env)) {
      if (SUBGRAPH_URL_VARIABLE.test(name) && value && !/^https?:\/\/.+/.test(String(value))) {
        context.addIssue({ code: 'custom', path: [name], message: 'must be an http(s) URL' });
      }
    }
  })
  .superRefine(refusePublishedSecrets(['HUB_SIGNING_SECRET', 'JWT_SECRET']))
  .transform((env) => {
    const subgraphUrls: Record<string, string> = {};
    for (const [name, value] of Object.entries(env)) {
      const match = SUBGRAPH_URL_VARIABLE.exec(name);
      if (match && typeof value === 'string') subgraphUrls[match[1]!.toLowerCase()] = value;
    }
    return {
      service: { nodeEnv: env.NODE_ENV, host: env.HOST, port: env.PORT, logLevel: env.LOG_LEVEL },
      signingSecret: (env.HUB_SIGNING_SECRET as string | undefined) ?? DEVELOPMENT_SIGNING_SECRET,
      signingSecretIsDefault: env.HUB_SIGNING_SECRET === undefined,
      tokens: {
        secret: (env.JWT_SECRET as string | undefined) ?? (env.JWT_JWKS_URL ? undefined : DEVELOPMENT_JWT_SECRET),
        secretIsDefault: env.JWT_SECRET === undefined && env.JWT_JWKS_URL === undefined,
        jwksUrl: env.JWT_JWKS_URL as string | undefined,
        issuer: env.JWT_ISSUER as string,
        audience: env.JWT_AUDIENCE as string,
      },
      supergraphPath: env.SUPERGRAPH_PATH as string,
      introspectSubgraphs: env.GATEWAY_INTROSPECT_SUBGRAPHS === 'true',
      explorer: env.GATEWAY_EXPLORER === undefined ? env.NODE_ENV !== 'production' : env.GATEWAY_EXPLORER === 'true',
      deduplication: env.GATEWAY_DEDUPLICATION === 'true',
      subgraphHttpClient: env.SUBGRAPH_HTTP_CLIENT as 'undici' | 'fetch',
      responseCache: {
        enabled: env.RESPONSE_CACHE === 'true',
        redisUrl: env.REDIS_URL as string | undefined,
        keyPrefix: env.RESPONSE_CACHE_KEY_PREFIX as string,
      },
      subgraphUrls,
      subgraphTimeoutMs: env.SUBGRAPH_TIMEOUT_MS as number,
      maxRequestBytes: env.MAX_REQUEST_BYTES as number,
      shutdownGraceMs: env.SHUTDOWN_GRACE_MS as number,
      corsOrigins: env.CORS_ORIGINS as '*' | string[],
      http: httpLimitsOf(env as Parameters<typeof httpLimitsOf>[0]),
      operationLimits: {
        tokens: env.MAX_QUERY_TOKENS as number,
        depth: env.MAX_QUERY_DEPTH as number,
        aliases: env.MAX_QUERY_ALIASES as number,
        rootFields: env.MAX_QUERY_ROOT_FIELDS as number,
        mutationRootFields: env.MAX_MUTATION_ROOT_FIELDS as number,
        directives: env.MAX_QUERY_DIRECTIVES as number,
      },
      cost: {
        maximum: {
          public: env.COST_LIMIT_PUBLIC as number,
          partner: env.COST_LIMIT_PARTNER as number,
          liaison: env.COST_LIMIT_LIAISON as number,
          secretariat: env.COST_LIMIT_SECRETARIAT as number,
        },
        assumedListSize: env.COST_ASSUMED_LIST_SIZE as number,
      },
      rateLimit: {
        windowSeconds: env.RATE_LIMIT_WINDOW_SECONDS as number,
        points: {
          public: env.RATE_LIMIT_PUBLIC as number,
          partner: env.RATE_LIMIT_PARTNER as number,
          liaison: env.RATE_LIMIT_LIAISON as number,
          secretariat: env.RATE_LIMIT_SECRETARIAT as number,
        },
        keyPrefix: env.RATE_LIMIT_KEY_PREFIX as string,
        redisUrl: env.REDIS_URL as string | undefined,
      },
    };
  });

export type GatewayConfig = z.output<typeof gatewayEnvironmentSchema>;

/** The only reader of the environment for the gateway. */
export function loadGatewayConfig(environment: EnvironmentSource = process.env): GatewayConfig {
  const config = parseEnvironment(gatewayEnvironmentSchema, environment);
  assertProductionSecrets(config.service.nodeEnv, [
    ['HUB_SIGNING_SECRET', config.signingSecretIsDefault],
    ['JWT_SECRET or JWT_JWKS_URL', config.tokens.secretIsDefault],
  ]);
  return config;
}
