import type http from 'node:http';

import { SUBGRAPHS } from '@hrc/registry';
import {
  ANONYMOUS,
  encodeIdentityHeader,
  HttpError,
  type Identity,
  type Logger,
  type RawRoute,
  REQUEST_ID_HEADER,
  signGatewayCall,
} from '@hrc/service-kit';

/** Public, non-GraphQL paths and the subgraph that serves each, from the registry of subgraphs. */
export const PUBLIC_ROUTES: Array<{ pathPrefix: string; subgraph: string }> = SUBGRAPHS.flatMap((subgraph) =>
  subgraph.publicRoutes.map((pathPrefix) => ({ pathPrefix, subgraph: subgraph.name })),
);

/** Paths that take a POST with the caller's token (CSV imports), and the subgraph that serves each. */
export const TOKEN_ROUTES: Array<{ pathPrefix: string; subgraph: string }> = SUBGRAPHS.flatMap((subgraph) =>
  (subgraph.tokenRoutes ?? []).map((pathPrefix) => ({ pathPrefix, subgraph: subgraph.name })),
);

/** Response headers worth passing on to calendar apps and caches. */
const FORWARDED_HEADERS = ['content-type', 'content-length', 'cache-control', 'etag', 'last-modified'];

/** The GraphQL URL of each subgraph named in a supergraph (`@join__graph(name: …, url: …)`). */
export function subgraphUrlsOf(supergraphSdl: string): Record<string, string> {
  const urls: Record<string, string> = {};
  for (const match of supergraphSdl.matchAll(/@join__graph\(name:\s*"([^"]+)",\s*url:\s*"([^"]+)"\)/g)) {
    urls[match[1]!.toLowerCase()] = match[2]!;
  }
  return urls;
}

interface ProxyOptions {
  subgraphUrls: Record<string, string>;
  signingSecret: string;
  timeoutMs: number;
  logger: Logger;
  /** The caller's identity from its Authorization header; throws HttpError to refuse. */
  identify?(authorization: string | undefined): Promise<Identity>;
}

/**
 * Forwards a POST on a token route to its subgraph with the caller's identity, signed over the body it carries (read
 * by the HTTP server within MAX_REQUEST_BYTES), so the subgraph verifies both. The subgraph authorizes the caller;
 * the gateway only authenticates it.
 */
async function forwardTokenRoute(
  options: ProxyOptions,
  request: http.IncomingMessage,
  response: http.ServerResponse,
  body: string,
  url: URL,
  target: string,
): Promise<void> {
  const requestId = crypto.randomUUID();
  try {
    const identity = await options.identify!(request.headers.authorization);
    const identityHeader = encodeIdentityHeader(identity, requestId);
    const upstreamUrl = new URL(`${url.pathname}${url.search}`, target);
    const upstream = await fetch(upstreamUrl, {
      method: 'POST',
      headers: {
        'content-type': request.headers['content-type'] ?? 'text/csv',
        ...signGatewayCall(options.signingSecret, { method: 'POST', url: upstreamUrl.href, identityHeader, body }),
        [REQUEST_ID_HEADER]: requestId,
      },
      body,
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    response.writeHead(upstream.status, {
      'content-type': upstream.headers.get('content-type') ?? 'application/json',
      [REQUEST_ID_HEADER]: requestId,
    });
    response.end(Buffer.from(await upstream.arrayBuffer()));
  } catch (error) {
    if (error instanceof HttpError) {
      response.writeHead(error.status, { 'content-type': 'application/json', [REQUEST_ID_HEADER]: requestId });
      response.end(JSON.stringify({ errors: [{ message: error.message, extensions: { code: error.code } }] }));
      return;
    }
    options.logger.error({ err: error, requestId, path: url.pathname }, 'token route failed');
    if (!response.headersSent) response.writeHead(502, { [REQUEST_ID_HEADER]: requestId });
    response.end();
  }
}

/**
 * Forwards GET and HEAD on the public routes to their subgraph, signed as the public like any subgraph call (for
 * that method and path only), so subgraphs still accept nothing unsigned and stay unexposed.
 */
export function createPublicRoutesProxy(options: ProxyOptions): RawRoute {
  return async (request, response, call): Promise<boolean> => {
    const url = new URL(request.url ?? '/', 'http://gateway');
    const tokenRoute = TOKEN_ROUTES.find((candidate) => url.pathname.startsWith(candidate.pathPrefix));
    if (tokenRoute && request.method === 'POST' && options.identify) {
      const target = options.subgraphUrls[tokenRoute.subgraph];
      if (!target) {
        response.writeHead(404).end();
        return true;
      }
      await forwardTokenRoute(options, request, response, call.body, url, target);
      return true;
    }
    const route = PUBLIC_ROUTES.find((candidate) => url.pathname.startsWith(candidate.pathPrefix));
    if (!route) return false;
    const target = options.subgraphUrls[route.subgraph];
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD' }).end();
      return true;
    }
    if (!target) {
      response.writeHead(404).end();
      return true;
    }
    const requestId = crypto.randomUUID();
    const identityHeader = encodeIdentityHeader(ANONYMOUS, requestId);
    const upstreamUrl = new URL(`${url.pathname}${url.search}`, target);
    try {
      const upstream = await fetch(upstreamUrl, {
        method: request.method,
        headers: {
          ...signGatewayCall(options.signingSecret, {
            method: request.method,
            url: upstreamUrl.href,
            identityHeader,
            body: '',
          }),
          [REQUEST_ID_HEADER]: requestId,
        },
        signal: AbortSignal.timeout(options.timeoutMs),
      });
      const headers: Record<string, string> = { [REQUEST_ID_HEADER]: requestId };
      for (const name of FORWARDED_HEADERS) {
        const value = upstream.headers.get(name);
        if (value !== null) headers[name] = value;
      }
      response.writeHead(upstream.status, headers);
      response.end(request.method === 'HEAD' ? undefined : Buffer.from(await upstream.arrayBuffer()));
    } catch (error) {
      options.logger.error({ err: error, requestId, path: url.pathname }, 'public route failed');
      if (!response.headersSent) response.writeHead(502, { [REQUEST_ID_HEADER]: requestId });
      response.end();
    }
    return true;
  };
}
