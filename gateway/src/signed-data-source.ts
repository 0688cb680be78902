import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';

import {
  ANONYMOUS,
  encodeIdentityHeader,
  type Identity,
  IDENTITY_HEADER,
  type Logger,
  REQUEST_ID_HEADER,
  signGatewayCall,
} from '@hrc/service-kit';

type Fetcher = NonNullable<NonNullable<ConstructorParameters<typeof RemoteGraphQLDataSource>[0]>['fetcher']>;
type FetcherRequestInit = Parameters<Fetcher>[1];

export interface GatewayContext {
  identity: Identity;
  requestId: string;
  logger: Logger;
}

/**
 * Signs each call to a subgraph afresh (method, URL, timestamp, nonce, identity header and the exact body bytes),
 * and bounds every subgraph call with a timeout so a hung subgraph cannot hang the gateway.
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
    const method = init?.method ?? 'GET';
    Object.assign(headers, signGatewayCall(signingSecret, { method, url, identityHeader, body }));
    return fetch(url, { ...init, method, headers, body, signal: AbortSignal.timeout(timeoutMs) } as RequestInit);
  }) as unknown as Fetcher;
}

export class SignedDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    const identity = 'identity' in context && context.identity ? context.identity : ANONYMOUS;
    const requestId = 'requestId' in context && context.requestId ? context.requestId : crypto.randomUUID();
    request.http?.headers.set(IDENTITY_HEADER, encodeIdentityHeader(identity, requestId));
    request.http?.headers.set(REQUEST_ID_HEADER, requestId);
  }
}
