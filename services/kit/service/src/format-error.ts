import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';

import { ErrorCode } from './errors';

/** Codes a client may see as they are; anything else is an internal error. */
const PASS_THROUGH_CODES = new Set<string>([
  ErrorCode.BAD_USER_INPUT,
  ErrorCode.UNAUTHENTICATED,
  ErrorCode.FORBIDDEN,
  ErrorCode.NOT_FOUND,
  ErrorCode.CONFLICT,
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'DOWNSTREAM_SERVICE_ERROR',
]);

/**
 * Turns an error a layer above knows (the thrown value, unwrapped from its resolver error) into a client error with a
 * stable code, or returns undefined to leave it to the generic rules.
 */
export type KnownErrorMapper = (
  original: unknown,
  formatted: GraphQLFormattedError,
) => GraphQLFormattedError | undefined;

/**
 * Apollo Server's `formatError`: gives every error a stable code. Known codes pass through (without their stack in
 * production); unknown errors become INTERNAL_SERVER_ERROR and lose their message in production, so internals never
 * reach a caller. `mapKnownError` comes first, for errors a layer above can name (graph-kit's validation failures).
 */
export function createErrorFormatter(production: boolean, mapKnownError?: KnownErrorMapper) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const known = mapKnownError?.(unwrapResolverError(error), formatted);
    if (known) return known;
    const code = String(formatted.extensions?.code ?? ErrorCode.INTERNAL_SERVER_ERROR);
    if (PASS_THROUGH_CODES.has(code)) {
      if (!production) return formatted;
      const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    if (production) {
      return {
        message: 'Internal server error',
        path: formatted.path,
        extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
      };
    }
    return { ...formatted, extensions: { ...formatted.extensions, code: ErrorCode.INTERNAL_SERVER_ERROR } };
  };
}
