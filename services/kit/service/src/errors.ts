import { GraphQLError } from 'graphql';

/** The stable `extensions.code` values clients can branch on. */
export const ErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  /** The request was cancelled (the caller went away) or ran past its deadline; nothing more was written. */
  REQUEST_ABORTED: 'REQUEST_ABORTED',
  /** One SQL statement ran past the database's statement timeout. */
  QUERY_TIMEOUT: 'QUERY_TIMEOUT',
  /** The request would read more rows than one request may; ask for smaller pages or less nesting. */
  ROW_LIMIT_EXCEEDED: 'ROW_LIMIT_EXCEEDED',
  /** No database connection came free in time; retry later. */
  SERVICE_BUSY: 'SERVICE_BUSY',
  /** The gateway could not get an answer from a subgraph (down, failing or too slow); names it in `service`. */
  SUBGRAPH_UNAVAILABLE: 'SUBGRAPH_UNAVAILABLE',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export class BadUserInputError extends GraphQLError {
  constructor(field: string, reason: string) {
    super(`Invalid value for "${field}": ${reason}`, {
      extensions: { code: ErrorCode.BAD_USER_INPUT, field, reason },
    });
  }
}

export class UnauthenticatedError extends GraphQLError {
  constructor(message = 'This operation needs a valid access token') {
    super(message, { extensions: { code: ErrorCode.UNAUTHENTICATED } });
  }
}

export class ForbiddenError extends GraphQLError {
  constructor(message = 'Your token does not grant this operation', details: { field?: string } = {}) {
    super(message, { extensions: { code: ErrorCode.FORBIDDEN, ...details } });
  }
}

export class NotFoundError extends GraphQLError {
  constructor(entityType: string, key: string) {
    super(`${entityType} ${key} was not found`, {
      extensions: { code: ErrorCode.NOT_FOUND, entityType, key },
    });
  }
}

export class ConflictError extends GraphQLError {
  constructor(message: string, details: { currentVersion?: number; field?: string; existingId?: string } = {}) {
    super(message, { extensions: { code: ErrorCode.CONFLICT, ...details } });
  }
}

export class StaleVersionError extends ConflictError {
  constructor(entityType: string, expectedVersion: number, currentVersion: number) {
    super(`${entityType} has changed since version ${expectedVersion}; read version ${currentVersion} and retry`, {
      currentVersion,
      field: 'expectedVersion',
    });
  }
}

/**
 * knex prefixes the SQL to the message of any error thrown while a statement runs; an error raised there on purpose
 * keeps its own message, so no SQL reaches a caller.
 */
function keepMessage(error: Error): void {
  const message = error.message;
  Object.defineProperty(error, 'message', { get: () => message, set: () => undefined, enumerable: false });
}

export class RequestAbortedError extends GraphQLError {
  constructor() {
    super('The request was cancelled or ran past its deadline; nothing further was written', {
      extensions: { code: ErrorCode.REQUEST_ABORTED },
    });
    keepMessage(this);
  }
}

export class QueryTimeoutError extends GraphQLError {
  constructor() {
    super('A database statement took too long and was stopped', { extensions: { code: ErrorCode.QUERY_TIMEOUT } });
  }
}

export class RowLimitError extends GraphQLError {
  constructor(limit: number) {
    super(`This request reads more than ${limit} rows; ask for smaller pages or less nesting`, {
      extensions: { code: ErrorCode.ROW_LIMIT_EXCEEDED, limit },
    });
    keepMessage(this);
  }
}

export class ServiceBusyError extends GraphQLError {
  constructor() {
    super('The service is busy; retry shortly', { extensions: { code: ErrorCode.SERVICE_BUSY } });
  }
}

/** Raised at start-up for a bad environment; names the variable so the operator can fix it. */
export class ConfigurationError extends Error {
  constructor(
    readonly variable: string,
    readonly reason: string,
  ) {
    super(`Invalid configuration: ${variable}: ${reason}`);
    this.name = 'ConfigurationError';
  }
}

/** A request refused before GraphQL runs, for example a missing gateway signature. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | 'PAYLOAD_TOO_LARGE' | 'BAD_REQUEST',
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/**
 * GraphQL lets a client send null for an optional input field. For a field that cannot be empty that is a mistake,
 * not "leave unchanged", so it is refused by name before anything is written.
 */
export function assertNoNulls(input: object, fields: readonly string[]): void {
  for (const field of fields) {
    if ((input as Record<string, unknown>)[field] === null) {
      throw new BadUserInputError(field, 'must not be null; omit the field to leave it unchanged');
    }
  }
}
