import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { GraphQLSchema } from 'graphql';
import type { NonEmptyArray } from 'type-graphql';

import { AuditRecord, IdempotencyKey } from '@hrc/domain-kit';
import {
  MemoryNonceStore,
  ServiceMetrics,
  assertProductionSecrets,
  clientInputPlugin,
  createHttpServer,
  createLogger,
  enterRequestScope,
  IDEMPOTENCY_KEY_HEADER,
  knownOperationTypesRule,
  isDatabaseReachable,
  openDatabase,
  poolStatisticsOf,
  serviceApp,
  verifyGatewaySignature,
  type Logger,
  type DatabaseDefinition,
  type Identity,
  type RawRoute,
  type RequestContext,
  type ServiceApp,
  type SubgraphConfig,
} from '@hrc/service-kit';

import { authChecker } from './authorization';
import { cacheHintPlugins } from './cache-hints';
import { buildFederatedSchema, type ResolverMap } from './federation';
import { createSubgraphErrorFormatter } from './format-error';
import { validateArguments } from './validators';
import { registerWebhookSettings, WebhookWorker, type WebhookModule } from './webhooks';

/** Everything that makes one subgraph different from another; the kit does the rest. */
export interface SubgraphDefinition<TLoaders> {
  /** The subgraph's name, which is also its PostgreSQL schema. */
  name: string;
  database: Omit<DatabaseDefinition, 'schema'>;
  resolvers: NonEmptyArray<Function>;
  orphanedTypes?: Function[];
  referenceResolvers?: ResolverMap;
  createLoaders(em: EntityManager, identity: Identity): TLoaders;
  /** Loads the real forum data once, when SEED_ON_START=real. */
  seedRealData?(em: EntityManager): Promise<void>;
  /** Extra HTTP routes, for example calendar feeds. */
  routes?: (orm: MikroORM, tools: SubgraphRouteTools) => RawRoute[];
  /** Push delivery of the change feed's lists by signed webhooks (createWebhooks); its worker runs in this process. */
  webhooks?: WebhookModule;
}

/**
 * What a route gets from the kit besides its request: the service's logger. The caller (verified over the route's
 * body by the gateway's signature) and the body itself come with each call, in RouteCall.
 */
export interface SubgraphRouteTools {
  logger: Logger;
}

function headerText(value: string | string[] | undefined): string | null {
  return (Array.isArray(value) ? value[0] : value) ?? null;
}

/** The schema alone, with no database: used by `npm run schema` and the schema test. */
export function buildSubgraphSchemaOf(definition: SubgraphDefinition<unknown>): Promise<GraphQLSchema> {
  return buildFederatedSchema(
    {
      resolvers: definition.resolvers,
      orphanedTypes: definition.orphanedTypes,
      validateFn: validateArguments,
      authChecker,
      authMode: 'error',
    },
    definition.referenceResolvers,
  );
}

/** A subgraph's database: its own entities, plus the audit trail every subgraph keeps in its schema. */
export function subgraphDatabase(
  definition: Pick<SubgraphDefinition<unknown>, 'name' | 'database' | 'webhooks'>,
): DatabaseDefinition {
  return {
    schema: definition.name,
    entities: [AuditRecord, IdempotencyKey, ...(definition.webhooks?.entities ?? []), ...definition.database.entities],
    migrations: definition.database.migrations,
  };
}

export interface SubgraphApp extends ServiceApp {
  name: string;
  orm: MikroORM;
  schema: GraphQLSchema;
}

/** Opens the database (migrating, and seeding if asked), builds the schema and the server; listens on demand. */
export async function createSubgraphApp<TLoaders>(
  definition: SubgraphDefinition<TLoaders>,
  config: SubgraphConfig,
): Promise<SubgraphApp> {
  const production = config.service.nodeEnv === 'production';
  // Also enforced here, so no subgraph can start in production on the public development secret.
  assertProductionSecrets(config.service.nodeEnv, [['HUB_SIGNING_SECRET', config.signingSecretIsDefault]]);
  const logger = createLogger(definition.name, config.service.logLevel);
  const orm = await openDatabase(subgraphDatabase(definition as SubgraphDefinition<unknown>), config.database, {
    logger,
    seed:
      config.seedOnStart === 'real' && definition.seedRealData
        ? { name: `${definition.name}:real`, run: definition.seedRealData }
        : undefined,
  });
  registerWebhookSettings(orm.em, config.webhooks);
  const schema = await buildSubgraphSchemaOf(definition as SubgraphDefinition<unknown>);
  const metrics = new ServiceMetrics(definition.name, poolStatisticsOf(orm));
  const apollo = new ApolloServer<RequestContext<TLoaders>>({
    schema,
    // Subgraphs are reached only through the gateway, which composes from their SDL.
    introspection: true,
    // runService owns SIGINT/SIGTERM, so shutdown happens once and in order.
    stopOnTerminationSignals: false,
    includeStacktraceInErrorResponses: !production,
    formatError: createSubgraphErrorFormatter(production),
    // No Apollo Studio here: inline traces would only add timing data to every subgraph response.
    validationRules: [knownOperationTypesRule],
    plugins: [
      {
        // Binds every statement of this request to its abort signal and row budget (see guardQueriesByRequestScope).
        async requestDidStart({ contextValue }) {
          enterRequestScope({
            operationId: contextValue.requestId,
            signal: contextValue.signal,
            rowLimit: config.request.rowLimit,
            rowsRead: 0,
          });
        },
      },
      clientInputPlugin(),
      metrics.plugin(),
      ApolloServerPluginInlineTraceDisabled(),
      ...cacheHintPlugins(),
    ],
  });
  await apollo.start();
  // A write's signature is accepted once; replicas each remember their own (the gateway picks one per call).
  const signed = { secret: config.signingSecret, nonceStore: new MemoryNonceStore() };
  const server = createHttpServer<RequestContext<TLoaders>>({
    apollo,
    logger,
    metrics,
    maxBodyBytes: 1_000_000,
    limits: config.http,
    isReady: () => isDatabaseReachable(orm),
    routes: definition.routes?.(orm, { logger }),
    // Over the body the route carries: empty for a calendar feed, the CSV for an import (whose nonce counts once).
    authenticateRoute: ({ rawBody, ...call }) =>
      verifyGatewaySignature({ ...signed, ...call, body: rawBody, now: Date.now() }),
    async createContext({ rawBody, signal, ...call }) {
      const { identity, requestId } = verifyGatewaySignature({ ...signed, ...call, body: rawBody, now: Date.now() });
      const em = orm.em.fork();
      return {
        signal: AbortSignal.any([signal, AbortSignal.timeout(config.request.deadlineMs)]),
        em,
        identity,
        requestId,
        logger: logger.child({ requestId }),
        loaders: definition.createLoaders(em, identity),
        idempotencyKey: headerText(call.headers[IDEMPOTENCY_KEY_HEADER]),
      };
    },
  });
  const webhookWorker =
    definition.webhooks && config.webhooks.deliver
      ? new WebhookWorker({
          subgraph: definition.name,
          lists: definition.webhooks.lists,
          orm,
          databaseUrl: config.database.url,
          settings: config.webhooks,
          logger,
          contextFor: (em, identity) => ({
            em,
            identity,
            requestId: `webhooks-${definition.name}`,
            logger,
            loaders: definition.createLoaders(em, identity),
            signal: AbortSignal.timeout(config.request.deadlineMs),
          }),
        })
      : undefined;
  try {
    await webhookWorker?.start();
  } catch (error) {
    await orm.close(true);
    throw error;
  }
  const app = serviceApp({
    server,
    metrics,
    limits: config.http,
    logger,
    apollo,
    address: config.service,
    shutdownGraceMs: config.shutdownGraceMs,
    release: async () => {
      await webhookWorker?.stop();
      await orm.close();
    },
  });
  return { ...app, name: definition.name, orm, schema };
}
