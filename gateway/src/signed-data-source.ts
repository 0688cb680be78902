import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';

import {
  ANONYMOUS,
  encodeIdentityHeader,
  type Identity,
  IDEMPOTENCY_KEY_HEADER,
  IDENTITY_HEADER,
  type Logger,
  REQUEST_ID_HEADER,
  SIGNATURE_HEADER,
  signSubgraphCall,
} from '@hrc/service-kit';

type Fetcher = NonNullable<NonNullable<ConstructorParameters<typeof RemoteGraphQLDataSource>[0]>['fetcher']>;
type FetcherRequestInit = Parameters<Fetcher>[1];

export interface GatewayContext {
  identity: Identity;
  requestId: string;
  logger: Logger;
  /** The client's Idempotency-Key header, passed on to every subgraph call of the request. */
  idempotencyKey?: string | null;
}

/**
 * Signs the exact bytes sent to a subgraph together with the identity header, and bounds every subgraph
 * call with a timeout so a hung subgraph cannot hang the gateway.
 */
export function createSigningFetcher(signingSecret: string, timeoutMs: number): Fetcher {
  return (async (url: string, init?: FetcherRequestInit) => {
    const headers: Record<string, string> = { ...(init?.headers ?? {}) };
    const body = typeof init?.body === 'string' ? init.body : '';
    let identityHeader = headers[IDENTITY_HEADER];
    if (!identityHeader) {
      // Calls made outside a request (subgraph introspection at start-up) go as the public.
      identityHeader = encodeIdentityHeader(ANONYMOUS, crypto.randomUUID());
      headers[IDENTITY_HEADER] = identityHeader;
    }
    headers[SIGNATURE_HEADER] = signSubgraphCall(signingSecret, identityHeader, body);
    return fetch(url, { ...init, headers, body, signal: AbortSignal.timeout(timeoutMs) } as RequestInit);
  }) as unknown as Fetcher;
}

export class SignedDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    const identity = 'identity' in context && context.identity ? context.identity : ANONYMOUS;
    const requestId = 'requestId' in context && context.requestId ? context.requestId : crypto.randomUUID();
    request.http?.headers.set(IDENTITY_HEADER, encodeIdentityHeader(identity, requestId));
    request.http?.headers.set(REQUEST_ID_HEADER, requestId);
    if ('idempotencyKey' in context && context.idempotencyKey) {
      request.http?.headers.set(IDEMPOTENCY_KEY_HEADER, context.idempotencyKey);
    }
  }
}
