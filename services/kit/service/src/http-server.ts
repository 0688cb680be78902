import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import type { ApolloServer, BaseContext } from '@apollo/server';
import { fastifyApolloHandler } from '@as-integrations/fastify';
import { fastifyCors } from '@fastify/cors';
import { fastifyHelmet } from '@fastify/helmet';
import { fastifyUnderPressure } from '@fastify/under-pressure';
import { fastify, type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';

import type { HttpLimits } from './config';
import { HttpError } from './errors';
import { type Identity, REQUEST_ID_HEADER } from './identity';
import type { Logger } from './logger';
import type { ServiceMetrics } from './metrics';

export interface IncomingCall {
  headers: http.IncomingHttpHeaders;
  rawBody: string;
  method: string;
  /** The path and query string as received. */
  url: string;
  /** Aborts when the caller goes away before its answer is sent, so the work done for it can stop. */
  signal: AbortSignal;
  /**
   * The client's address, which the gateway's rate limit keys the public by: Fastify's request.ip, the socket's
   * peer, or the X-Forwarded-For hop TRUST_PROXY names.
   */
  remoteAddress: string;
}

/** Who called a route, as `authenticateRoute` verified it. */
export interface RouteCaller {
  identity: Identity;
  requestId: string;
}

/** What the server knows of a route's request beyond Node's own: the body as received (already read) and the caller. */
export interface RouteCall {
  body: string;
  caller?: RouteCaller;
}

/**
 * A route on Node's own request and response, such as a calendar feed or a CSV import: resolves true when it handled
 * the request. The body has been read by then (it is in `call`), within the server's body limit.
 */
export type RawRoute = (
  request: http.IncomingMessage,
  response: http.ServerResponse,
  call: RouteCall,
) => Promise<boolean>;

export interface HttpServerOptions<TContext extends BaseContext> {
  apollo: ApolloServer<TContext>;
  logger: Logger;
  metrics: ServiceMetrics;
  maxBodyBytes: number;
  limits: HttpLimits;
  /** Verifies the caller and builds the GraphQL context; throws HttpError to refuse the call. */
  createContext(call: IncomingCall): Promise<TContext>;
  isReady(): Promise<boolean>;
  /** Extra routes such as calendar feeds: return true when handled. */
  routes?: RawRoute[];
  /**
   * Checks every request other than health, readiness and GraphQL before routing, over the body it carries (empty for
   * a GET); throws HttpError to refuse. What it returns is passed on to the route.
   */
  authenticateRoute?(call: Pick<IncomingCall, 'method' | 'url' | 'headers' | 'rawBody'>): RouteCaller | void;
  /** Browser origins allowed to call (the public gateway only); subgraphs, reached only by the gateway, have none. */
  corsOrigins?: '*' | string[];
  /** Adds Fastify routes of the service's own, such as the gateway's /health/subgraphs. */
  extend?(app: FastifyInstance): void;
  /** A way to answer some GraphQL requests without running Apollo (the gateway's public response cache). */
  shortcut?: GraphQLShortcut<TContext>;
}

/**
 * Answers GraphQL requests that an earlier answer settles, before Apollo parses anything. `answer` runs after the
 * context is built and resolves true when it has sent the reply; `answered` sees each answer Apollo gave (status and
 * headers on the reply, `headersBefore` the ones set before Apollo ran), to keep what `answer` may reuse.
 */
export interface GraphQLShortcut<TContext> {
  answer(request: FastifyRequest, reply: FastifyReply, context: TContext): Promise<boolean>;
  answered(
    request: FastifyRequest,
    reply: FastifyReply,
    context: TContext,
    answer: { body: string; headersBefore: Record<string, unknown> },
  ): void;
}

export const GRAPHQL_PATH = '/graphql';

/** Headers a browser script on another origin may read. */
const EXPOSED_HEADERS = [REQUEST_ID_HEADER, 'ratelimit', 'ratelimit-policy', 'retry-after'];

declare module 'fastify' {
  interface FastifyRequest {
    rawBody?: string;
    hubContext?: unknown;
  }
}

function graphQLErrorBody(message: string, code: string) {
  return { errors: [{ message, extensions: { code } }] };
}

/** Fastify's own refusals (body too large, bad JSON, unsupported media type, timeouts) as GraphQL-shaped errors. */
function codeOfStatus(status: number): string {
  if (status === 413) return 'PAYLOAD_TOO_LARGE';
  if (status === 415) return 'UNSUPPORTED_MEDIA_TYPE';
  if (status === 408) return 'REQUEST_TIMEOUT';
  if (status === 503) return 'SERVICE_UNAVAILABLE';
  return 'BAD_REQUEST';
}

function parseJson(rawBody: string): unknown {
  if (rawBody.length === 0) return undefined;
  try {
    return JSON.parse(rawBody);
  } catch {
    throw new HttpError(400, 'BAD_REQUEST', 'The request body is not valid JSON');
  }
}

/** Copies what hooks such as CORS and helmet set on the reply onto the raw response a raw route writes. */
function hijackWithHeaders(reply: FastifyReply) {
  for (const [name, value] of Object.entries(reply.getHeaders())) {
    if (value !== undefined) reply.raw.setHeader(name, value as string | string[] | number);
  }
  reply.hijack();
}

/**
 * Apollo Server on Fastify, with the operational endpoints every service has: GET /health (alive) and GET /ready
 * (dependencies reachable). Bodies are bounded, sockets time out, connections are capped, and requests are shed with
 * 503 and Retry-After while the process is overloaded. Metrics are on a separate internal server (see
 * `createMetricsServer`).
 */
export function createHttpServer<TContext extends BaseContext>(options: HttpServerOptions<TContext>): FastifyInstance {
  const { limits } = options;
  const { trustProxy } = limits;
  const app = fastify<http.Server>({
    logger: false,
    bodyLimit: options.maxBodyBytes,
    // A number of proxies means: trust that many hops of X-Forwarded-For, counted from the socket's peer.
    trustProxy: typeof trustProxy === 'number' ? (_address: string, hop: number) => hop < trustProxy : trustProxy,
    genReqId: () => randomUUID(),
    // Node checks header and request deadlines on this interval; its 30 s default would let a slow client hold a
    // socket far past them.
    serverFactory: (handler) =>
      http.createServer(
        {
          headersTimeout: limits.headersTimeoutMs,
          requestTimeout: limits.requestTimeoutMs,
          keepAliveTimeout: limits.keepAliveTimeoutMs,
          connectionsCheckingInterval: Math.max(50, Math.min(1_000, limits.headersTimeoutMs / 2)),
        },
        handler,
      ),
    connectionTimeout: limits.connectionTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    return503OnClosing: true,
  });
  app.server.maxConnections = limits.maxConnections;

  // Every body is kept as received: subgraphs verify the gateway's signature over these exact bytes.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    request.rawBody = body as string;
    try {
      done(null, parseJson(body as string));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
  app.addContentTypeParser('*', { parseAs: 'string' }, (request, body, done) => {
    request.rawBody = body as string;
    done(null, (body as string).length === 0 ? undefined : body);
  });

  app.setErrorHandler((error: FastifyError | HttpError, request, reply) => {
    const status = error instanceof HttpError ? error.status : (error.statusCode ?? 500);
    if (status >= 500 && status !== 503) {
      options.logger.error({ err: error, requestId: request.id }, 'unhandled request error');
      return reply
        .code(500)
        .header(REQUEST_ID_HEADER, request.id)
        .send(graphQLErrorBody('Internal server error', 'INTERNAL_SERVER_ERROR'));
    }
    const code = error instanceof HttpError ? error.code : codeOfStatus(status);
    return reply.code(status).header(REQUEST_ID_HEADER, request.id).send(graphQLErrorBody(error.message, code));
  });

  app.addHook('onRequest', async (request, reply) => {
    reply.header(REQUEST_ID_HEADER, request.id);
  });

  void app.register(fastifyHelmet, {
    // Only the development landing page serves HTML, and it loads from Apollo's CDN.
    contentSecurityPolicy: false,
    // The API and its calendar feeds are public: any site may embed or fetch them.
    crossOriginResourcePolicy: { policy: 'cross-origin' },
  });
  if (options.corsOrigins) {
    void app.register(fastifyCors, {
      origin: options.corsOrigins,
      methods: ['GET', 'HEAD', 'POST'],
      exposedHeaders: EXPOSED_HEADERS,
      // Bearer tokens, never cookies: a credentialed request would gain nothing.
      credentials: false,
      maxAge: 600,
      optionsSuccessStatus: 204,
    });
  }
  const { maxEventLoopDelayMs, maxHeapUsedBytes } = limits.loadShedding;
  if (maxEventLoopDelayMs > 0 || maxHeapUsedBytes > 0) {
    void app.register(fastifyUnderPressure, {
      maxEventLoopDelay: maxEventLoopDelayMs,
      maxHeapUsedBytes,
      retryAfter: 10,
      sampleInterval: 250,
      pressureHandler: (request, reply, type, value) => {
        // Liveness stays answerable under load: an orchestrator must not kill a process for being busy.
        if (request.url === '/health') return;
        options.logger.warn({ type, value }, 'shedding load');
        void reply
          .code(503)
          .header('retry-after', '10')
          .send(graphQLErrorBody('The service is overloaded; retry later', 'SERVICE_UNAVAILABLE'));
      },
    });
  }

  app.get('/health', async () => ({ status: 'ok' }));
  app.get('/ready', async (_request, reply) => {
    const ready = await options.isReady();
    return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'unavailable' });
  });

  const { shortcut } = options;
  const graphQLHandler = fastifyApolloHandler(options.apollo, {
    context: async (request: FastifyRequest) => request.hubContext as TContext,
  });
  const handler: typeof graphQLHandler = shortcut
    ? async function (request, reply) {
        const headersBefore = { ...reply.getHeaders() };
        const body = await graphQLHandler.call(this, request, reply);
        if (typeof body === 'string') {
          shortcut.answered(request, reply, request.hubContext as TContext, { body, headersBefore });
        }
        return body;
      }
    : graphQLHandler;
  app.route({
    // Apollo itself answers the methods it does not serve with 405.
    method: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    url: GRAPHQL_PATH,
    preHandler: async (request, reply) => {
      // The caller going away (the gateway gave up on this subgraph call, a client disconnected) aborts the request.
      const disconnected = new AbortController();
      reply.raw.once('close', () => {
        if (!reply.raw.writableFinished) disconnected.abort();
      });
      const context = await options.createContext({
        headers: request.headers,
        rawBody: request.rawBody ?? '',
        method: request.method,
        url: request.url,
        signal: disconnected.signal,
        remoteAddress: request.ip,
      });
      request.hubContext = context;
      const requestId = (context as { requestId?: string }).requestId;
      if (requestId) reply.header(REQUEST_ID_HEADER, requestId);
      if (shortcut && (await shortcut.answer(request, reply, context))) return reply;
    },
    handler,
  });

  options.extend?.(app);

  app.setNotFoundHandler(async (request, reply) => {
    const body = request.rawBody ?? '';
    const caller =
      options.authenticateRoute?.({
        method: request.method,
        url: request.url,
        headers: request.headers,
        rawBody: body,
      }) ?? undefined;
    if (options.routes?.length) {
      hijackWithHeaders(reply);
      for (const route of options.routes) {
        try {
          if (await route(request.raw, reply.raw, { body, caller })) return;
        } catch (error) {
          options.logger.error({ err: error, requestId: request.id }, 'unhandled request error');
          if (!reply.raw.headersSent) reply.raw.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
          reply.raw.end(JSON.stringify(graphQLErrorBody('Internal server error', 'INTERNAL_SERVER_ERROR')));
          return;
        }
      }
      reply.raw.writeHead(404, { 'content-type': 'application/json; charset=utf-8' });
      reply.raw.end(JSON.stringify({ error: `Not found; the GraphQL endpoint is ${GRAPHQL_PATH}` }));
      return;
    }
    return reply.code(404).send({ error: `Not found; the GraphQL endpoint is ${GRAPHQL_PATH}` });
  });
  return app;
}

/** Prometheus's scrape endpoint, on its own internal server so the public port never serves it. */
export function createMetricsServer(metrics: ServiceMetrics): FastifyInstance {
  const app = fastify({ logger: false });
  app.get('/metrics', async (_request, reply) =>
    reply.header('content-type', metrics.registry.contentType).send(await metrics.registry.metrics()),
  );
  return app;
}

export interface ListeningAddress {
  host: string;
  port: number;
  url: string;
  /** Where Prometheus scrapes this service. */
  metricsUrl: string;
}

async function listenOn(app: FastifyInstance, port: number, host: string): Promise<number> {
  await app.listen({ port, host });
  return (app.server.address() as AddressInfo).port;
}

/**
 * Stops accepting connections, lets in-flight requests finish within the grace period, then closes the rest.
 */
export async function closeGracefully(app: FastifyInstance, graceMs: number): Promise<void> {
  const server = app.server;
  // A keep-alive socket becomes idle once its in-flight request ends; close those as they appear.
  const sweeper = setInterval(() => server.closeIdleConnections(), 50);
  const deadline = setTimeout(() => server.closeAllConnections(), graceMs);
  try {
    await app.close();
  } finally {
    clearInterval(sweeper);
    clearTimeout(deadline);
  }
}

/** A built service (the gateway, a subgraph): its HTTP server, listening on demand, and a graceful close. */
export interface ServiceApp {
  server: http.Server;
  fastify: FastifyInstance;
  logger: Logger;
  /**
   * Listens on the configured port and host unless told otherwise (tests pass port 0 for a free port); /metrics
   * listens on the configured metrics port, or on a free one when the service's port is 0.
   */
  listen(port?: number, host?: string): Promise<ListeningAddress>;
  /** Where it listens, once `listen` has resolved. */
  listeningAddress(): ListeningAddress | undefined;
  /** Open client sockets on the public port. */
  openConnections(): Promise<number>;
  /**
   * Stops taking requests, lets in-flight ones finish within the grace period, then stops Apollo and `release`s.
   * Safe to call twice.
   */
  close(): Promise<void>;
}

export function serviceApp(parts: {
  server: FastifyInstance;
  metrics: ServiceMetrics;
  limits: HttpLimits;
  logger: Logger;
  apollo: { stop(): Promise<void> };
  address: { port: number; host: string };
  shutdownGraceMs: number;
  /** What else the service holds until it stops, such as its database pool. */
  release?: () => Promise<void>;
}): ServiceApp {
  const { server: app, logger, apollo, address, limits } = parts;
  const metricsServer = createMetricsServer(parts.metrics);
  let closing: Promise<void> | undefined;
  let listening: ListeningAddress | undefined;
  return {
    server: app.server,
    fastify: app,
    logger,
    async listen(port = address.port, host = address.host) {
      const actualPort = await listenOn(app, port, host);
      const metricsPort = await listenOn(metricsServer, port === 0 ? 0 : limits.metricsPort, limits.metricsHost);
      const displayHost = (name: string) => (name === '0.0.0.0' || name === '::' ? 'localhost' : name);
      listening = {
        host,
        port: actualPort,
        url: `http://${displayHost(host)}:${actualPort}${GRAPHQL_PATH}`,
        metricsUrl: `http://${displayHost(limits.metricsHost)}:${metricsPort}/metrics`,
      };
      return listening;
    },
    listeningAddress: () => listening,
    openConnections: () =>
      new Promise((resolve, reject) =>
        app.server.getConnections((error, count) => (error ? reject(error) : resolve(count))),
      ),
    close() {
      closing ??= (async () => {
        await closeGracefully(app, parts.shutdownGraceMs);
        await metricsServer.close();
        await apollo.stop();
        await parts.release?.();
      })();
      return closing;
    },
  };
}

export type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
