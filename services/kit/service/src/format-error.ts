import { unwrapResolverError } from '@apollo/server/errors';
import { DriverException } from '@mikro-orm/core';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';

import { ErrorCode } from './errors';

/** Codes a client may see as they are; anything else is an internal error. */
const PASS_THROUGH_CODES = new Set<string>([
  ...Object.values(ErrorCode).filter((code) => code !== ErrorCode.INTERNAL_SERVER_ERROR),
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

/** A SQLSTATE, when the error came from PostgreSQL (through MikroORM or straight from a knex query). */
function sqlStateOf(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined;
  const code = (error as { code?: unknown }).code;
  const fromDatabase = error instanceof DriverException || 'severity' in error || 'routine' in error;
  return fromDatabase && typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

/** Database failures a client caused or can act on, by SQLSTATE; their messages hold SQL, so they are never shown. */
function databaseErrorOf(original: unknown, formatted: GraphQLFormattedError): GraphQLFormattedError | undefined {
  // MikroORM rewraps knex's KnexTimeoutError under its own name, so its message is the mark.
  if (
    original instanceof Error &&
    (original.name === 'KnexTimeoutError' || /Timeout acquiring a connection/.test(original.message))
  ) {
    return {
      message: 'The service is busy; retry shortly',
      path: formatted.path,
      extensions: { code: ErrorCode.SERVICE_BUSY },
    };
  }
  const sqlState = sqlStateOf(original);
  if (!sqlState) return undefined;
  if (sqlState === '57014') {
    return {
      message: 'A database statement took too long and was stopped',
      path: formatted.path,
      extensions: { code: ErrorCode.QUERY_TIMEOUT },
    };
  }
  // Class 22 is "data exception": a value the database could not take (bad text encoding, out of range, bad syntax).
  if (sqlState.startsWith('22')) {
    return {
      message: 'A value in this request is not valid for its field',
      path: formatted.path,
      extensions: { code: ErrorCode.BAD_USER_INPUT, sqlState },
    };
  }
  return undefined;
}

/** The stack frames without the first line, which repeats the message (and, for a database error, its SQL). */
function framesOnly(stacktrace: unknown): string[] | undefined {
  return Array.isArray(stacktrace) ? stacktrace.filter((line) => /^\s*at /.test(String(line))) : undefined;
}

/**
 * Apollo Server's `formatError`: gives every error a stable code. Known codes pass through (without their stack in
 * production); unknown errors become INTERNAL_SERVER_ERROR and lose their message in production, so internals never
 * reach a caller. A database error loses its message in development too, as it carries the SQL. `mapKnownError`
 * comes first, for errors a layer above can name (graph-kit's validation failures).
 */
export function createErrorFormatter(production: boolean, mapKnownError?: KnownErrorMapper) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const known = mapKnownError?.(original, formatted) ?? databaseErrorOf(original, formatted);
    if (known) return known;
    let code = String(formatted.extensions?.code ?? ErrorCode.INTERNAL_SERVER_ERROR);
    // Apollo Server refuses some requests (a persisted query whose hash does not match) with 400 but no code.
    const status = error instanceof GraphQLError ? (error.extensions?.http as { status?: number })?.status : undefined;
    if (error instanceof GraphQLError && error.extensions?.code === undefined && status && status < 500) {
      code = 'BAD_REQUEST';
      formatted = { ...formatted, extensions: { ...formatted.extensions, code } };
    }
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
    if (sqlStateOf(original)) {
      return {
        message: 'Internal server error (a database statement failed)',
        path: formatted.path,
        extensions: {
          code: ErrorCode.INTERNAL_SERVER_ERROR,
          sqlState: sqlStateOf(original),
          stacktrace: framesOnly(formatted.extensions?.stacktrace),
        },
      };
    }
    return { ...formatted, extensions: { ...formatted.extensions, code: ErrorCode.INTERNAL_SERVER_ERROR } };
  };
}
