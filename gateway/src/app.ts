import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';

import { ApolloGateway, IntrospectAndCompose } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { GraphQLError, printSchema, type GraphQLFormattedError } from 'graphql';

import {
  clientInputPlugin,
  createErrorFormatter,
  createHttpServer,
  createLogger,
  GRAPHQL_PATH,
  type Logger,
  HUB_SCALARS,
  IDEMPOTENCY_KEY_HEADER,
  knownOperationTypesRule,
  serviceApp,
  type ServiceApp,
  ServiceMetrics,
} from '@hrc/service-kit';

import { createTokenVerifier } from './authentication';
import type { GatewayConfig } from './config';
import { SubgraphDeduplication } from './deduplication';
import { explorerRoutes } from './explorer';
import { exportRoutes, reportPageRoute } from './exports';
import {
  documentLimitRules,
  formatOperationLimitError,
  operationCostOf,
  operationLimitsPlugin,
  parseOptionsFor,
} from './operation-limits';
import { createPublicRoutesProxy, subgraphUrlsOf } from './public-routes';
import { RATE_LIMITED, RateLimits, rateLimitPlugin } from './rate-limit';
import { ResponseCache } from './response-cache';
import { SignedDataSource, createSigningFetcher, type GatewayContext } from './signed-data-source';
import { rootFieldOwners, subgraphErrorPathsPlugin } from './subgraph-errors';
import { subgraphHealthRoute } from './subgraph-health';
import { fetchTransport, undiciTransport } from './subgraph-transport';

export type GatewayApp = ServiceApp;

/** Where the gateway publishes its API schema (SDL). */
export const SCHEMA_PATH = '/schema.graphql';

export interface GatewayOptions {
  /** A supergraph composed in-process (tests); by default the committed file at config.supergraphPath. */
  supergraphSdl?: string;
  /** Where the gateway logs; by default a logger on standard output at config.service.logLevel. */
  logger?: Logger;
}

/** The URL of each subgraph: the supergraph's own, unless `<NAME>_SUBGRAPH_URL` overrides it. */
function subgraphUrlOf(config: GatewayConfig, name: string, url: string | undefined): string | undefined {
  return config.subgraphUrls[name.toLowerCase()] ?? url;
}

/** The gateway's own refusals keep their codes through the shared error formatter. */
function formatEdgeError(original: unknown, formatted: GraphQLFormattedError): GraphQLFormattedError | undefined {
  const limit = formatOperationLimitError(original, formatted);
  if (limit) return limit;
  const code = original instanceof GraphQLError ? original.extensions.code : undefined;
  if (code !== RATE_LIMITED) return undefined;
  const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
  return { ...formatted, extensions };
}

export async function createGatewayApp(config: GatewayConfig, options: GatewayOptions = {}): Promise<GatewayApp> {
  const production = config.service.nodeEnv === 'production';
  const logger = options.logger ?? createLogger('gateway', config.service.logLevel);
  const metrics = new ServiceMetrics('gateway');
  const deduplication = config.deduplication ? new SubgraphDeduplication(metrics.registry) : undefined;
  const transport = config.subgraphHttpClient === 'undici' ? undiciTransport() : fetchTransport;
  const fetcher = createSigningFetcher(config.signingSecret, config.subgraphTimeoutMs, deduplication, transport);
  const buildService = ({ name, url }: { name: string; url?: string }) =>
    new SignedDataSource(name, { url: subgraphUrlOf(config, name, url), fetcher });

  const supergraphSdl = config.introspectSubgraphs
    ? undefined
    : (options.supergraphSdl ?? readFileSync(config.supergraphPath, 'utf8'));
  const gateway = !supergraphSdl
    ? new ApolloGateway({
        supergraphSdl: new IntrospectAndCompose({
          subgraphs: Object.entries(config.subgraphUrls).map(([name, url]) => ({ name, url })),
        }),
        buildService,
      })
    : new ApolloGateway({ supergraphSdl, buildService });

  let owners = new Map<string, string>();
  gateway.onSchemaLoadOrUpdate(({ coreSupergraphSdl }) => {
    owners = rootFieldOwners(coreSupergraphSdl);
  });
  // The API schema as clients see it, without federation's join__/link__ machinery: served at /schema.graphql so
  // codegen works in production, where introspection is off.
  let apiSchemaSdl = '';
  gateway.onSchemaLoadOrUpdate(({ apiSchema }) => {
    apiSchemaSdl = printSchema(apiSchema);
  });

  const rateLimits = await RateLimits.create(config.rateLimit, logger);
  const responseCache = config.responseCache.enabled
    ? await ResponseCache.create(config.responseCache, logger)
    : undefined;
  gateway.onSchemaLoadOrUpdate(() => responseCache?.schemaChanged());
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    introspection: !production,
    // runService owns SIGINT/SIGTERM, so shutdown happens once and in order.
    stopOnTerminationSignals: false,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    includeStacktraceInErrorResponses: !production,
    formatError: createErrorFormatter(production, formatEdgeError),
    parseOptions: parseOptionsFor(config.operationLimits),
    validationRules: [knownOperationTypesRule, ...documentLimitRules(config.operationLimits)],
    plugins: [
      clientInputPlugin(HUB_SCALARS),
      subgraphErrorPathsPlugin(() => owners),
      metrics.plugin(),
      // In this order: the limits plugin estimates the cost that the rate limit then charges.
      operationLimitsPlugin({
        document: config.operationLimits,
        cost: config.cost,
        hideSuggestions: production,
        registry: metrics.registry,
      }),
      rateLimitPlugin(rateLimits, operationCostOf),
      ...(responseCache?.plugins() ?? []),
      production ? ApolloServerPluginLandingPageDisabled() : ApolloServerPluginLandingPageLocalDefault({ embed: true }),
    ],
  });
  await apollo.start();

  const verifyToken = createTokenVerifier(config.tokens);
  const explorer = config.explorer ? explorerRoutes({ graphqlPath: GRAPHQL_PATH, schemaPath: SCHEMA_PATH }) : undefined;
  const subgraphUrls = { ...(supergraphSdl ? subgraphUrlsOf(supergraphSdl) : {}), ...config.subgraphUrls };
  const server = createHttpServer<GatewayContext>({
    apollo,
    logger,
    metrics,
    maxBodyBytes: config.maxRequestBytes,
    limits: config.http,
    corsOrigins: config.corsOrigins,
    shortcut: responseCache?.shortcut(rateLimits, metrics),
    // The gateway holds no state; it is ready once it has loaded a supergraph, which apollo.start() ensures.
    isReady: async () => true,
    routes: [
      createPublicRoutesProxy({
        subgraphUrls,
        signingSecret: config.signingSecret,
        timeoutMs: config.subgraphTimeoutMs,
        logger,
        identify: (authorization) => verifyToken(authorization),
      }),
    ],
    extend(app) {
      subgraphHealthRoute(subgraphUrls)(app);
      explorer?.(app);
      [exportRoutes, reportPageRoute].forEach((routes) => routes({ apollo, verifyToken, logger })(app));
      app.get(SCHEMA_PATH, async (_request, reply) =>
        reply.header('content-type', 'text/plain; charset=utf-8').send(apiSchemaSdl),
      );
    },
    async createContext({ headers, signal, remoteAddress }) {
      const identity = await verifyToken(headers.authorization);
      const requestId = randomUUID();
      const idempotencyKey = headers[IDEMPOTENCY_KEY_HEADER];
      return {
        identity,
        requestId,
        logger: logger.child({ requestId }),
        signal,
        clientAddress: remoteAddress,
        request: {},
        idempotencyKey: typeof idempotencyKey === 'string' ? idempotencyKey : null,
      };
    },
  });

  return serviceApp({
    server,
    metrics,
    limits: config.http,
    logger,
    apollo,
    address: config.service,
    shutdownGraceMs: config.shutdownGraceMs,
    release: async () => {
      await Promise.all([rateLimits.close(), responseCache?.close()]);
    },
  });
}

export { EXPLORER_PATH } from './explorer';
export { gatewayEnvironmentSchema, loadGatewayConfig, type GatewayConfig } from './config';
export { createSigningFetcher } from './signed-data-source';
export { fetchTransport, undiciTransport, type SubgraphTransport } from './subgraph-transport';
