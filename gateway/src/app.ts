import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';

import { ApolloGateway, IntrospectAndCompose } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';

import {
  createErrorFormatter,
  createHttpServer,
  createLogger,
  IDEMPOTENCY_KEY_HEADER,
  serviceApp,
  type ServiceApp,
  ServiceMetrics,
} from '@hrc/service-kit';

import { createTokenVerifier } from './authentication';
import type { GatewayConfig } from './config';
import { createPublicRoutesProxy, subgraphUrlsOf } from './public-routes';
import { SignedDataSource, createSigningFetcher, type GatewayContext } from './signed-data-source';

export type GatewayApp = ServiceApp;

export interface GatewayOptions {
  /** A supergraph composed in-process (tests); by default the committed file at config.supergraphPath. */
  supergraphSdl?: string;
}

/** The URL of each subgraph: the supergraph's own, unless `<NAME>_SUBGRAPH_URL` overrides it. */
function subgraphUrlOf(config: GatewayConfig, name: string, url: string | undefined): string | undefined {
  return config.subgraphUrls[name.toLowerCase()] ?? url;
}

export async function createGatewayApp(config: GatewayConfig, options: GatewayOptions = {}): Promise<GatewayApp> {
  const production = config.service.nodeEnv === 'production';
  const logger = createLogger('gateway', config.service.logLevel);
  const fetcher = createSigningFetcher(config.signingSecret, config.subgraphTimeoutMs);
  const buildService = ({ name, url }: { name: string; url?: string }) =>
    new SignedDataSource({ url: subgraphUrlOf(config, name, url), fetcher });

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

  const metrics = new ServiceMetrics('gateway');
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    introspection: !production,
    // runService owns SIGINT/SIGTERM, so shutdown happens once and in order.
    stopOnTerminationSignals: false,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    includeStacktraceInErrorResponses: !production,
    formatError: createErrorFormatter(production),
    plugins: [
      metrics.plugin(),
      production ? ApolloServerPluginLandingPageDisabled() : ApolloServerPluginLandingPageLocalDefault({ embed: true }),
    ],
  });
  await apollo.start();

  const verifyToken = createTokenVerifier(config.tokens);
  const server = createHttpServer<GatewayContext>({
    apollo,
    logger,
    metrics,
    maxBodyBytes: config.maxRequestBytes,
    // The gateway holds no state; it is ready once it has loaded a supergraph, which apollo.start() ensures.
    isReady: async () => true,
    routes: [
      createPublicRoutesProxy({
        subgraphUrls: { ...(supergraphSdl ? subgraphUrlsOf(supergraphSdl) : {}), ...config.subgraphUrls },
        signingSecret: config.signingSecret,
        timeoutMs: config.subgraphTimeoutMs,
        logger,
        identify: (authorization) => verifyToken(authorization),
        maxBodyBytes: Math.max(config.maxRequestBytes, 2_000_000),
      }),
    ],
    async createContext({ headers }) {
      const identity = await verifyToken(headers.authorization);
      const requestId = randomUUID();
      const idempotencyKey = headers[IDEMPOTENCY_KEY_HEADER];
      return {
        identity,
        requestId,
        logger: logger.child({ requestId }),
        idempotencyKey: typeof idempotencyKey === 'string' ? idempotencyKey : null,
      };
    },
  });

  return serviceApp({ server, logger, apollo, address: config.service, shutdownGraceMs: config.shutdownGraceMs });
}

export { loadGatewayConfig, type GatewayConfig } from './config';
export { createSigningFetcher } from './signed-data-source';
