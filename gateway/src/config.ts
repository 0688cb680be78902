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
  secret,
} from '@hrc/service-kit';

/** The committed supergraph, from gateway/src (tests) or gateway/dist/src (compiled). */
const COMMITTED_SUPERGRAPH = path.resolve(
  __dirname,
  __dirname.includes(`${path.sep}dist${path.sep}`) ? '../../..' : '../..',
  'schema',
  'supergraph.graphql',
);

/** `<NAME>_SUBGRAPH_URL` overrides the URL the supergraph names for subgraph `<name>` (for containers). */
const SUBGRAPH_URL_VARIABLE = /^([A-Z][A-Z0-9_]*)_SUBGRAPH_URL$/;

const gatewayEnvironmentSchema = z
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
  })
  .catchall(z.string().optional())
  .superRefine((env, context) => {
    for (const [name, value] of Object.entries(env)) {
      if (SUBGRAPH_URL_VARIABLE.test(name) && value && !/^https?:\/\/.+/.test(String(value))) {
        context.addIssue({ code: 'custom', path: [name], message: 'must be an http(s) URL' });
      }
    }
  })
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
      subgraphUrls,
      subgraphTimeoutMs: env.SUBGRAPH_TIMEOUT_MS as number,
      maxRequestBytes: env.MAX_REQUEST_BYTES as number,
      shutdownGraceMs: env.SHUTDOWN_GRACE_MS as number,
      corsOrigins: env.CORS_ORIGINS as '*' | string[],
      http: httpLimitsOf(env as Parameters<typeof httpLimitsOf>[0]),
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
