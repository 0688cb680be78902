import { randomUUID } from 'node:crypto';
import http from 'node:http';

import { HeaderMap, type ApolloServer, type BaseContext, type HTTPGraphQLResponse } from '@apollo/server';

import { HttpError } from './errors';
import { REQUEST_ID_HEADER } from './identity';
import type { Logger } from './logger';
import type { ServiceMetrics } from './metrics';

/** Above the gateway fetcher's 15 s idle sockets, so a reused socket is never closed under it. */
const KEEP_ALIVE_TIMEOUT_MS = 65_000;

export interface IncomingCall {
  headers: http.IncomingHttpHeaders;
  rawBody: string;
}

export interface HttpServerOptions<TContext extends BaseContext> {
  apollo: ApolloServer<TContext>;
  logger: Logger;
  metrics: ServiceMetrics;
  maxBodyBytes: number;
  /** Verifies the caller and builds the GraphQL context; throws HttpError to refuse the call. */
  createContext(call: IncomingCall): Promise<TContext>;
  isReady(): Promise<boolean>;
  /** Extra routes such as calendar feeds: return true when handled. */
  routes?: Array<(request: http.IncomingMessage, response: http.ServerResponse) => Promise<boolean>>;
  /** Checks every request other than health, readiness and metrics before routing; throws HttpError to refuse. */
  authenticateRoute?(headers: http.IncomingHttpHeaders): void;
}

export const GRAPHQL_PATH = '/graphql';

/** Reads a request body up to `limit` bytes; a larger one is a 413 HttpError. */
export function readBody(request: http.IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(request.headers['content-length'] ?? 0);
    if (declared > limit) {
      reject(new HttpError(413, 'PAYLOAD_TOO_LARGE', `Request bodies are limited to ${limit} bytes`));
      request.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new HttpError(413, 'PAYLOAD_TOO_LARGE', `Request bodies are limited to ${limit} bytes`));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function sendJson(response: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  response.end(JSON.stringify(body));
}

function sendGraphQLError(response: http.ServerResponse, error: HttpError, requestId: string) {
  sendJson(
    response,
    error.status,
    { errors: [{ message: error.message, extensions: { code: error.code } }] },
    { [REQUEST_ID_HEADER]: requestId },
  );
}

async function writeGraphQLResponse(response: http.ServerResponse, result: HTTPGraphQLResponse) {
  const headers: Record<string, string> = {};
  for (const [name, value] of result.headers) headers[name] = value;
  response.writeHead(result.status ?? 200, headers);
  if (result.body.kind === 'complete') {
    response.end(result.body.string);
    return;
  }
  for await (const chunk of result.body.asyncIterator) response.write(chunk);
  response.end();
}

function parseJsonBody(rawBody: string, contentType: string | undefined): unknown {
  if (rawBody.length === 0) return undefined;
  if (!contentType?.includes('application/json')) return rawBody;
  try {
    return JSON.parse(rawBody);
  } catch {
    throw new HttpError(400, 'BAD_REQUEST', 'The request body is not valid JSON');
  }
}

/**
 * Apollo Server on Node's http module, with the operational endpoints every service has:
 * GET /health (alive), GET /ready (dependencies reachable) and GET /metrics (Prometheus).
 */
export function createHttpServer<TContext extends BaseContext>(options: HttpServerOptions<TContext>): http.Server {
  const server = http.createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    try {
      if (request.method === 'GET' && url.pathname === '/health') {
        sendJson(response, 200, { status: 'ok' });
        return;
      }
      if (request.method === 'GET' && url.pathname === '/ready') {
        const ready = await options.isReady();
        sendJson(response, ready ? 200 : 503, { status: ready ? 'ready' : 'unavailable' });
        return;
      }
      if (request.method === 'GET' && url.pathname === '/metrics') {
        response.writeHead(200, { 'content-type': options.metrics.registry.contentType });
        response.end(await options.metrics.registry.metrics());
        return;
      }
      // A route that takes a body (a POST import) verifies the signature over that body itself.
      const bodiless = request.method === 'GET' || request.method === 'HEAD';
      if (url.pathname !== GRAPHQL_PATH && options.authenticateRoute && bodiless) {
        try {
          options.authenticateRoute(request.headers);
        } catch (error) {
          if (error instanceof HttpError) return sendGraphQLError(response, error, randomUUID());
          throw error;
        }
      }
      for (const route of options.routes ?? []) {
        if (await route(request, response)) return;
      }
      if (url.pathname !== GRAPHQL_PATH) {
        sendJson(response, 404, { error: `Not found; the GraphQL endpoint is ${GRAPHQL_PATH}` });
        return;
      }
      await handleGraphQL(request, response, url, options);
    } catch (error) {
      options.logger.error({ err: error }, 'unhandled request error');
      if (!response.headersSent) sendJson(response, 500, { error: 'Internal server error' });
      else response.end();
    }
  });
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  server.headersTimeout = KEEP_ALIVE_TIMEOUT_MS + 1_000;
  return server;
}

async function handleGraphQL<TContext extends BaseContext>(
  request: http.IncomingMessage,
  response: http.ServerResponse,
  url: URL,
  options: HttpServerOptions<TContext>,
) {
  let rawBody: string;
  try {
    rawBody = await readBody(request, options.maxBodyBytes);
  } catch (error) {
    if (error instanceof HttpError) return sendGraphQLError(response, error, randomUUID());
    throw error;
  }
  const headers = new HeaderMap();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  let context: TContext;
  try {
    context = await options.createContext({ headers: request.headers, rawBody });
  } catch (error) {
    if (error instanceof HttpError) return sendGraphQLError(response, error, randomUUID());
    throw error;
  }
  let body: unknown;
  try {
    body = parseJsonBody(rawBody, request.headers['content-type']);
  } catch (error) {
    if (error instanceof HttpError) return sendGraphQLError(response, error, randomUUID());
    throw error;
  }
  const result = await options.apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: request.method ?? 'GET', headers, search: url.search, body },
    context: async () => context,
  });
  const requestId = (context as { requestId?: string }).requestId;
  if (requestId) result.headers.set(REQUEST_ID_HEADER, requestId);
  await writeGraphQLResponse(response, result);
}

export interface ListeningAddress {
  host: string;
  port: number;
  url: string;
}

export function listen(server: http.Server, port: number, host: string): Promise<ListeningAddress> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address();
      const actualPort = typeof address === 'object' && address ? address.port : port;
      const displayHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
      resolve({ host, port: actualPort, url: `http://${displayHost}:${actualPort}${GRAPHQL_PATH}` });
    });
  });
}

/** Stops accepting connections, lets in-flight requests finish within the grace period, then closes the rest. */
export async function closeGracefully(server: http.Server, graceMs: number): Promise<void> {
  if (!server.listening) return;
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  // A keep-alive socket becomes idle once its in-flight request ends; close those as they appear.
  server.closeIdleConnections();
  const sweeper = setInterval(() => server.closeIdleConnections(), 50);
  const deadline = setTimeout(() => server.closeAllConnections(), graceMs);
  try {
    await closed;
  } finally {
    clearInterval(sweeper);
    clearTimeout(deadline);
  }
}

/** A built service (the gateway, a subgraph): its HTTP server, listening on demand, and a graceful close. */
export interface ServiceApp {
  server: http.Server;
  logger: Logger;
  /** Listens on the configured port and host unless told otherwise (tests pass port 0 for a free port). */
  listen(port?: number, host?: string): Promise<ListeningAddress>;
  /** Stops taking requests, lets in-flight ones finish within the grace period, then stops Apollo and `release`s. */
  close(): Promise<void>;
}

export function serviceApp(parts: {
  server: http.Server;
  logger: Logger;
  apollo: { stop(): Promise<void> };
  address: { port: number; host: string };
  shutdownGraceMs: number;
  /** What else the service holds until it stops, such as its database pool. */
  release?: () => Promise<void>;
}): ServiceApp {
  const { server, logger, apollo, address } = parts;
  return {
    server,
    logger,
    listen: (port = address.port, host = address.host) => listen(server, port, host),
    async close() {
      await closeGracefully(server, parts.shutdownGraceMs);
      await apollo.stop();
      await parts.release?.();
    },
  };
}
