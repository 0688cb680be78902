import { z } from 'zod';

import { ConfigurationError } from './errors';

/** Values that let `npm start` and `npm test` run with no setup; refused when NODE_ENV=production. */
export const DEVELOPMENT_SIGNING_SECRET = 'development-only-gateway-signing-secret-0000';
export const DEVELOPMENT_JWT_SECRET = 'development-only-jwt-secret-do-not-use-in-production';
export const DEFAULT_JWT_ISSUER = 'whrcf-hub';
export const DEFAULT_JWT_AUDIENCE = 'whrcf-hub-api';

export type EnvironmentSource = Record<string, string | undefined>;

/**
 * Secrets anyone can read in this repository (the development defaults, the test suites' secrets): accepted in
 * development and tests, refused by value in production, where setting one explicitly is as bad as the default.
 */
export const PUBLISHED_SECRETS: readonly string[] = [
  DEVELOPMENT_SIGNING_SECRET,
  DEVELOPMENT_JWT_SECRET,
  'test-signing-secret-that-is-long-enough-000',
  'test-jwt-secret-that-is-long-enough-0000000',
];

/** A zod refinement refusing, in production, any of `variables` set to a published secret. */
export function refusePublishedSecrets(variables: readonly string[]) {
  return (env: Record<string, unknown>, context: z.RefinementCtx) => {
    if (env.NODE_ENV !== 'production') return;
    for (const variable of variables) {
      if (typeof env[variable] === 'string' && PUBLISHED_SECRETS.includes(env[variable])) {
        context.addIssue({
          code: 'custom',
          path: [variable],
          message: 'is a published development secret; generate a new one for production',
        });
      }
    }
  };
}

export const nodeEnv = z.enum(['development', 'test', 'production']).default('development');
export const logLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info');
export const port = (fallback: number) =>
  z.coerce
    .number({ error: 'must be a port number' })
    .int('must be a whole number')
    .min(0)
    .max(65535, 'must be at most 65535')
    .default(fallback);
const postgresUrl = z.string().regex(/^postgres(ql)?:\/\/.+/, 'must be a postgres:// or postgresql:// URL');
export const secret = z.string().min(32, 'must be at least 32 characters');

const milliseconds = (fallback: number, max = 600_000) => z.coerce.number().int().min(0).max(max).default(fallback);

/**
 * The HTTP edge every service shares: where /metrics listens, socket and request time limits, the connection cap and
 * load shedding. Spread into each service's environment schema, then turned into `HttpLimits` by `httpLimitsOf`.
 */
export const httpEnvironmentShape = {
  /** Prometheus scrapes here, never on the public port. Default: the service's port + 5000 (0 when PORT is 0). */
  METRICS_PORT: z.coerce
    .number({ error: 'must be a port number' })
    .int('must be a whole number')
    .min(0)
    .max(65535, 'must be at most 65535')
    .optional(),
  METRICS_HOST: z.string().min(1).default('127.0.0.1'),
  /** A socket that sends or receives nothing for this long is closed. */
  CONNECTION_TIMEOUT_MS: milliseconds(30_000),
  /** A client must send its whole request head within this time (slow-header attacks). */
  HEADERS_TIMEOUT_MS: milliseconds(10_000),
  /** A client must send its whole request, body included, within this time (slow-body attacks). */
  REQUEST_TIMEOUT_MS: milliseconds(30_000),
  /** Above the gateway fetcher's 15 s idle sockets, so a reused socket is never closed under it. */
  KEEP_ALIVE_TIMEOUT_MS: milliseconds(65_000),
  /** Open sockets beyond this are closed at once, so sockets cannot exhaust the process's file descriptors. */
  MAX_CONNECTIONS: z.coerce.number().int().min(1).max(1_000_000).default(4096),
  /** Load shedding: 503 with Retry-After while the event loop lags more than this (0 turns it off). */
  LOAD_SHED_EVENT_LOOP_DELAY_MS: milliseconds(1_000, 60_000),
  /** Load shedding: 503 with Retry-After while the V8 heap holds more than this many bytes (0 turns it off). */
  LOAD_SHED_HEAP_USED_BYTES: z.coerce.number().int().min(0).default(0),
  /** Whether to take the client address from X-Forwarded-For: `true`, or the number of proxies in front. */
  TRUST_PROXY: z
    .string()
    .regex(/^(true|false|\d{1,2})$/, 'must be true, false or a number of proxies')
    .default('false'),
};

export interface HttpLimits {
  metricsPort: number;
  metricsHost: string;
  connectionTimeoutMs: number;
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  keepAliveTimeoutMs: number;
  maxConnections: number;
  loadShedding: { maxEventLoopDelayMs: number; maxHeapUsedBytes: number };
  trustProxy: boolean | number;
}

type HttpEnvironment = { PORT: number } & z.output<z.ZodObject<typeof httpEnvironmentShape>>;

/** The shared HTTP settings of a parsed environment. */
export function httpLimitsOf(env: HttpEnvironment): HttpLimits {
  const derivedMetricsPort = env.PORT === 0 || env.PORT + 5000 > 65535 ? 0 : env.PORT + 5000;
  return {
    metricsPort: env.METRICS_PORT ?? derivedMetricsPort,
    metricsHost: env.METRICS_HOST,
    connectionTimeoutMs: env.CONNECTION_TIMEOUT_MS,
    headersTimeoutMs: env.HEADERS_TIMEOUT_MS,
    requestTimeoutMs: env.REQUEST_TIMEOUT_MS,
    keepAliveTimeoutMs: env.KEEP_ALIVE_TIMEOUT_MS,
    maxConnections: env.MAX_CONNECTIONS,
    loadShedding: {
      maxEventLoopDelayMs: env.LOAD_SHED_EVENT_LOOP_DELAY_MS,
      maxHeapUsedBytes: env.LOAD_SHED_HEAP_USED_BYTES,
    },
    trustProxy: env.TRUST_PROXY === 'true' ? true : env.TRUST_PROXY === 'false' ? false : Number(env.TRUST_PROXY),
  };
}

const flag = (fallback: 'true' | 'false') =>
  z.enum(['true', 'false'], { error: 'must be true or false' }).default(fallback);

/** Push delivery of the change feed by signed webhooks (services/kit/graph/src/webhooks). */
export const webhookEnvironmentShape = {
  /** Whether this process runs the delivery worker; subscriptions can be managed either way. */
  WEBHOOK_DELIVERY: flag('true'),
  /** Development and tests only: accept receivers on loopback addresses and over plain http. */
  WEBHOOK_ALLOW_LOOPBACK: flag('false'),
  /** How often the worker looks for new feed entries to deliver. */
  WEBHOOK_POLL_INTERVAL_MS: z.coerce.number().int().min(10).max(600_000).default(500),
  /** One attempt's limit: connecting, sending and reading the answer. */
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  /** The first retry's delay; each later one doubles, up to WEBHOOK_RETRY_MAX_DELAY_MS. */
  WEBHOOK_RETRY_BASE_MS: z.coerce.number().int().min(1).max(86_400_000).default(10_000),
  WEBHOOK_RETRY_MAX_DELAY_MS: z.coerce.number().int().min(1).max(86_400_000).default(43_200_000),
  /** How long an entry is retried after its first failed attempt before it is dead-lettered: 3 days. */
  WEBHOOK_RETRY_WINDOW_MS: z.coerce.number().int().min(0).max(2_592_000_000).default(259_200_000),
  /** How long a delivery job may stay active before pg-boss hands it to another worker (a crashed process's job). */
  WEBHOOK_JOB_EXPIRE_SECONDS: z.coerce.number().int().min(1).max(86_400).default(300),
};

export interface WebhookSettings {
  deliver: boolean;
  allowLoopback: boolean;
  pollIntervalMs: number;
  timeoutMs: number;
  retry: { baseMs: number; maxDelayMs: number; windowMs: number };
  jobExpireSeconds: number;
}

function webhookSettingsOf(env: z.output<z.ZodObject<typeof webhookEnvironmentShape>>): WebhookSettings {
  return {
    deliver: env.WEBHOOK_DELIVERY === 'true',
    allowLoopback: env.WEBHOOK_ALLOW_LOOPBACK === 'true',
    pollIntervalMs: env.WEBHOOK_POLL_INTERVAL_MS,
    timeoutMs: env.WEBHOOK_TIMEOUT_MS,
    retry: {
      baseMs: env.WEBHOOK_RETRY_BASE_MS,
      maxDelayMs: env.WEBHOOK_RETRY_MAX_DELAY_MS,
      windowMs: env.WEBHOOK_RETRY_WINDOW_MS,
    },
    jobExpireSeconds: env.WEBHOOK_JOB_EXPIRE_SECONDS,
  };
}

/** Builds the schema of a subgraph's environment; each service's config.ts passes its own port. */
export function subgraphEnvironmentSchema(defaultPort: number) {
  return z
    .object({
      NODE_ENV: nodeEnv,
      HOST: z.string().min(1).default('127.0.0.1'),
      PORT: port(defaultPort),
      LOG_LEVEL: logLevel,
      DATABASE_URL: postgresUrl,
      DATABASE_REPLICA_URLS: z
        .string()
        .optional()
        .transform((value) =>
          value
            ? value
                .split(',')
                .map((url) => url.trim())
                .filter(Boolean)
            : [],
        )
        .pipe(z.array(postgresUrl)),
      DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
      DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).max(3_600_000).default(10_000),
      DATABASE_ACQUIRE_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(8_000),
      // Below the gateway's SUBGRAPH_TIMEOUT_MS (10 s), so a subgraph answers with what it did before the gateway gives up.
      REQUEST_DEADLINE_MS: z.coerce.number().int().min(100).max(600_000).default(8_000),
      MAX_ROWS_PER_REQUEST: z.coerce.number().int().min(1).max(10_000_000).default(20_000),
      HUB_SIGNING_SECRET: secret.optional(),
      CURSOR_SECRET: secret.optional(),
      SEED_ON_START: z.enum(['none', 'real']).default('none'),
      SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(120_000).default(10_000),
      ...webhookEnvironmentShape,
      ...httpEnvironmentShape,
    })
    .superRefine(refusePublishedSecrets(['HUB_SIGNING_SECRET']))
    .superRefine((env, context) => {
      // Loopback receivers are for development and tests; production delivers to the public internet only (SSRF).
      if (env.NODE_ENV === 'production' && env.WEBHOOK_ALLOW_LOOPBACK === 'true') {
        context.addIssue({ code: 'custom', path: ['WEBHOOK_ALLOW_LOOPBACK'], message: 'must be false in production' });
      }
      // A run starts no attempt after a third of the job's time, so one attempt must fit in the next third: the job
      // then ends (and releases its lease) before pg-boss expires it.
      if (env.WEBHOOK_TIMEOUT_MS * 3 > env.WEBHOOK_JOB_EXPIRE_SECONDS * 1000) {
        context.addIssue({
          code: 'custom',
          path: ['WEBHOOK_TIMEOUT_MS'],
          message: `must be at most a third of WEBHOOK_JOB_EXPIRE_SECONDS (${env.WEBHOOK_JOB_EXPIRE_SECONDS} s), so an attempt fits within a delivery job`,
        });
      }
    })
    .transform((env) => ({
      service: { nodeEnv: env.NODE_ENV, host: env.HOST, port: env.PORT, logLevel: env.LOG_LEVEL },
      database: {
        url: env.DATABASE_URL,
        replicaUrls: env.DATABASE_REPLICA_URLS,
        poolMax: env.DATABASE_POOL_MAX,
        statementTimeoutMs: env.DATABASE_STATEMENT_TIMEOUT_MS,
        acquireTimeoutMs: env.DATABASE_ACQUIRE_TIMEOUT_MS,
        // Derived from the signing secret unless set, so production needs no new secret to keep cursors unforgeable.
        cursorSecret: env.CURSOR_SECRET ?? `cursor:${env.HUB_SIGNING_SECRET ?? DEVELOPMENT_SIGNING_SECRET}`,
      },
      request: { deadlineMs: env.REQUEST_DEADLINE_MS, rowLimit: env.MAX_ROWS_PER_REQUEST },
      signingSecret: env.HUB_SIGNING_SECRET ?? DEVELOPMENT_SIGNING_SECRET,
      signingSecretIsDefault: env.HUB_SIGNING_SECRET === undefined,
      seedOnStart: env.SEED_ON_START,
      shutdownGraceMs: env.SHUTDOWN_GRACE_MS,
      webhooks: webhookSettingsOf(env),
      http: httpLimitsOf(env),
    }));
}

export type SubgraphConfig = z.output<ReturnType<typeof subgraphEnvironmentSchema>>;

/**
 * Parses an environment against a schema. On the first bad value it throws a ConfigurationError naming
 * the variable, which each main.ts turns into a one-line message and exit code 1.
 */
export function parseEnvironment<S extends z.ZodType>(schema: S, source: EnvironmentSource): z.output<S> {
  const result = schema.safeParse(source);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const variable = issue.path.length > 0 ? String(issue.path[0]) : 'environment';
    const item = issue.path.length > 1 ? `item ${Number(issue.path[1]) + 1}: ` : '';
    const reason =
      source[variable] === undefined && issue.code === 'invalid_type' ? 'is required' : `${item}${issue.message}`;
    throw new ConfigurationError(variable, reason);
  }
  return result.data;
}

/** Refuses development defaults in production, where a guessable secret would let anyone forge identity. */
export function assertProductionSecrets(nodeEnv: string, checks: Array<[variable: string, isDefault: boolean]>) {
  if (nodeEnv !== 'production') return;
  for (const [variable, isDefault] of checks) {
    if (isDefault) throw new ConfigurationError(variable, 'is required when NODE_ENV=production');
  }
}

/** A subgraph's configuration: parsed, then refused in production if it still uses the development secret. */
export function parseSubgraphEnvironment(defaultPort: number, environment: EnvironmentSource): SubgraphConfig {
  const config = parseEnvironment(subgraphEnvironmentSchema(defaultPort), environment);
  assertProductionSecrets(config.service.nodeEnv, [['HUB_SIGNING_SECRET', config.signingSecretIsDefault]]);
  return config;
}
