import { AsyncLocalStorage } from 'node:async_hooks';

import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLError } from 'graphql';

import {
  ANONYMOUS,
  encodeIdentityHeader,
  ErrorCode,
  type Identity,
  IDEMPOTENCY_KEY_HEADER,
  IDENTITY_HEADER,
  type Logger,
  REQUEST_ID_HEADER,
  signGatewayCall,
} from '@hrc/service-kit';

import { isQueryText, type SubgraphDeduplication } from './deduplication';
import { fetchTransport, type Fetcher, type SubgraphResponse, type SubgraphTransport } from './subgraph-transport';

type FetcherRequestInit = Parameters<Fetcher>[1];

export interface GatewayContext {
  identity: Identity;
  requestId: string;
  logger: Logger;
  /** The client's Idempotency-Key header, passed on to every subgraph call of the request. */
  idempotencyKey?: string | null;
  /** Aborts when the client goes away; every subgraph call made for the request is aborted with it. */
  signal?: AbortSignal;
  /**
   * Who the public is, for the rate limit: the client address as the HTTP layer sees it (Fastify's request.ip,
   * honouring TRUST_PROXY), set in one place (createContext in app.ts).
   */
  clientAddress: string;
  /**
   * One object per request, what the response cache's shortcut and the plugins know of it is keyed by: Apollo hands
   * plugins a shallow copy of the context, not the context itself, so the context cannot be the key.
   */
  request?: object;
}

/**
 * What the fetcher needs to know of the call it is making, which it is not given: the client request's abort signal
 * and whether the call is a query (only queries may be shared by in-flight deduplication).
 */
interface CallScope {
  signal?: AbortSignal;
  query: boolean;
}
const callScopes = new AsyncLocalStorage<CallScope>();

/**
 * Signs each call to a subgraph afresh (method, URL, timestamp, nonce, identity header and the exact body bytes),
 * and bounds every subgraph call with a timeout so a hung subgraph cannot hang the gateway. The call is also aborted
 * when the client's request is, and aborting closes the connection, which aborts the subgraph's own work for it.
 */
export function createSigningFetcher(
  signingSecret: string,
  timeoutMs: number,
  deduplication?: SubgraphDeduplication,
  transport: SubgraphTransport = fetchTransport,
): Fetcher {
  const send = (url: string, init: RequestInit): Promise<SubgraphResponse> => {
    const headers = init.headers as Record<string, string>;
    const body = init.body as string;
    const method = init.method ?? 'GET';
    const signed = {
      ...headers,
      ...signGatewayCall(signingSecret, { method, url, identityHeader: headers[IDENTITY_HEADER]!, body }),
    };
    const deadline = AbortSignal.timeout(timeoutMs);
    const signal = init.signal ? AbortSignal.any([deadline, init.signal]) : deadline;
    return transport(url, { ...init, headers: signed, signal });
  };
  return (async (url: string, init?: FetcherRequestInit) => {
    const headers: Record<string, string> = { ...(init?.headers ?? {}) };
    const body = typeof init?.body === 'string' ? init.body : '';
    if (!headers[IDENTITY_HEADER]) {
      // Calls made outside a request (subgraph introspection at start-up) go as the public.
      headers[IDENTITY_HEADER] = encodeIdentityHeader(ANONYMOUS, crypto.randomUUID());
    }
    const method = init?.method ?? 'GET';
    const scope = callScopes.getStore();
    const unsigned = { ...init, method, headers, body } as RequestInit;
    // Deduplicated before signing: identical calls share the one real (signed) call's answer.
    if (deduplication && scope?.query) return deduplication.fetch(url, unsigned, scope.signal, send);
    return send(url, { ...unsigned, signal: scope?.signal });
  }) as unknown as Fetcher;
}

/** Codes a subgraph answers a client's bad request with (HTTP 400), passed on as they are. */
const CLIENT_ERROR_CODES = new Set([
  ErrorCode.BAD_USER_INPUT,
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
]);

/** A subgraph that could not answer: named, with no internal URL and no message from the network stack. */
export function subgraphUnavailable(serviceName: string, reason: string): GraphQLError {
  return new GraphQLError(`The ${serviceName} service is unavailable (${reason})`, {
    extensions: { code: ErrorCode.SUBGRAPH_UNAVAILABLE, serviceName, reason },
  });
}

function reasonOf(error: unknown): string {
  const name = error instanceof Error ? error.name : '';
  if (name === 'TimeoutError') return 'timed out';
  if (name === 'AbortError') return 'request cancelled';
  if (error instanceof TypeError) return 'unreachable';
  return 'invalid response';
}

export class SignedDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    readonly serviceName: string,
    config: ConstructorParameters<typeof RemoteGraphQLDataSource<GatewayContext>>[0],
  ) {
    super(config);
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    const identity = 'identity' in context && context.identity ? context.identity : ANONYMOUS;
    const requestId = 'requestId' in context && context.requestId ? context.requestId : crypto.randomUUID();
    request.http?.headers.set(IDENTITY_HEADER, encodeIdentityHeader(identity, requestId));
    request.http?.headers.set(REQUEST_ID_HEADER, requestId);
    if ('idempotencyKey' in context && context.idempotencyKey) {
      request.http?.headers.set(IDEMPOTENCY_KEY_HEADER, context.idempotencyKey);
    }
  }

  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>) {
    const signal = 'signal' in options.context ? options.context.signal : undefined;
    const scope: CallScope = { signal, query: isQueryText(options.request.query) };
    try {
      return await callScopes.run(scope, () => super.process(options));
    } catch (error) {
      if (error instanceof GraphQLError) throw error;
      throw subgraphUnavailable(this.serviceName, reasonOf(error));
    }
  }

  /** A subgraph's 400 is the client's mistake (a date the gateway cannot check): its error goes on, without URLs. */
  override async errorFromResponse(response: SubgraphResponse): Promise<GraphQLError> {
    if (response.status === 400) {
      const body = (await response.json().catch(() => undefined)) as
        { errors?: Array<{ message?: string; extensions?: Record<string, unknown> }> } | undefined;
      const first = body?.errors?.[0];
      const code = first?.extensions?.code;
      if (first?.message && typeof code === 'string' && CLIENT_ERROR_CODES.has(code)) {
        const { stacktrace: _stacktrace, ...extensions } = first.extensions ?? {};
        return new GraphQLError(first.message, { extensions: { ...extensions, code } });
      }
    }
    return subgraphUnavailable(this.serviceName, `answered HTTP ${response.status}`);
  }
}
