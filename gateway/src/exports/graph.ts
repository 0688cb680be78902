import { randomUUID } from 'node:crypto';

import type { ApolloServer } from '@apollo/server';
import type { FastifyRequest } from 'fastify';
import type { GraphQLFormattedError } from 'graphql';

import { ErrorCode, HttpError, type Logger } from '@hrc/service-kit';

import type { TokenVerifier } from '../authentication';
import type { GatewayContext } from '../signed-data-source';

export interface ExportDependencies {
  apollo: ApolloServer<GatewayContext>;
  verifyToken: TokenVerifier;
  logger: Logger;
}

/** A GraphQL refusal turned into the HTTP answer a download gives: status, plain message, the parameter at fault. */
export class DownloadError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly parameter?: string,
    readonly headers: Record<string, string> = {},
    /** The value given for the parameter, when known. */
    readonly value?: string,
  ) {
    super(message);
  }
}

const STATUS_OF_CODE: Record<string, number> = {
  [ErrorCode.BAD_USER_INPUT]: 400,
  GRAPHQL_VALIDATION_FAILED: 400,
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  RATE_LIMITED: 429,
};

/** `$filter` coercion errors name the input field ("filter.region"); the field is the download's parameter. */
function parameterOf(error: GraphQLFormattedError): string | undefined {
  const field = error.extensions?.field;
  if (typeof field === 'string') return field.split('.').pop();
  return /"filter\.(\w+)"/.exec(error.message)?.[1];
}

/**
 * Runs operations through the gateway's own request pipeline (executeOperation), with the context the GraphQL route
 * would build for the same request: the same token verification, identity, rate limit, operation limits and abort
 * signal, so a download shows exactly what the caller's API calls would.
 */
export class GatewayExecutor {
  private constructor(
    private readonly apollo: ApolloServer<GatewayContext>,
    private readonly context: GatewayContext,
  ) {}

  static async forRequest(
    dependencies: ExportDependencies,
    request: FastifyRequest,
    signal: AbortSignal,
  ): Promise<GatewayExecutor> {
    let identity;
    try {
      identity = await dependencies.verifyToken(request.headers.authorization);
    } catch (error) {
      if (error instanceof HttpError) throw new DownloadError(error.status, error.message);
      throw error;
    }
    const requestId = randomUUID();
    return new GatewayExecutor(dependencies.apollo, {
      identity,
      requestId,
      logger: dependencies.logger.child({ requestId }),
      signal,
      clientAddress: request.ip,
    });
  }

  get requestId(): string {
    return this.context.requestId;
  }

  get signal(): AbortSignal | undefined {
    return this.context.signal;
  }

  async run<T>(query: string, variables: Record<string, unknown>): Promise<T> {
    const response = await this.apollo.executeOperation<T>({ query, variables }, { contextValue: this.context });
    if (response.body.kind !== 'single') throw new DownloadError(502, 'The hub answered in an unexpected form');
    const { data, errors } = response.body.singleResult;
    const first = errors?.[0];
    if (first) {
      const code = typeof first.extensions?.code === 'string' ? first.extensions.code : '';
      const status = STATUS_OF_CODE[code] ?? (this.context.signal?.aborted ? 499 : 502);
      const headers: Record<string, string> = {};
      const retryAfter = response.http.headers.get('retry-after');
      if (retryAfter) headers['retry-after'] = retryAfter;
      const value = /got invalid value "([^"]*)"/.exec(first.message)?.[1];
      throw new DownloadError(status, first.message, status === 400 ? parameterOf(first) : undefined, headers, value);
    }
    if (!data) throw new DownloadError(502, 'The hub returned no data');
    return data;
  }
}

/** A connection's pages, one operation per page (first: 100, after: the last cursor), fetched only as they are read. */
export async function* pagedNodes<T>(
  executor: GatewayExecutor,
  query: string,
  variables: Record<string, unknown>,
  connectionOf: (data: any) => {
    edges: Array<{ node: T }>;
    pageInfo: { hasNextPage: boolean; endCursor?: string | null };
  },
  pageSize = 100,
): AsyncGenerator<T> {
  let after: string | null = null;
  for (;;) {
    // The client went away: no further operation, so no further subgraph or SQL work.
    if (executor.signal?.aborted) return;
    const connection = connectionOf(await executor.run(query, { ...variables, first: pageSize, after }));
    for (const edge of connection.edges) yield edge.node;
    if (!connection.pageInfo.hasNextPage || !connection.pageInfo.endCursor) return;
    after = connection.pageInfo.endCursor;
  }
}
