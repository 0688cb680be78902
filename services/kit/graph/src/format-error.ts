import type { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { ArgumentValidationError } from 'type-graphql';
import type { ValidationError } from 'class-validator';

import { ErrorCode } from '@hrc/service-kit';

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

interface FieldViolation {
  field: string;
  constraints: string[];
}

function flattenViolations(errors: ValidationError[], prefix = ''): FieldViolation[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, constraints: Object.values(error.constraints) }] : [];
    return [...own, ...flattenViolations(error.children ?? [], field)];
  });
}

/**
 * Gives every error a stable code. class-validator failures name the first bad field; unknown errors
 * lose their message and stack in production so internals never reach a caller.
 */
export function createErrorFormatter(production: boolean) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    if (original instanceof ArgumentValidationError) {
      const violations = flattenViolations(original.extensions.validationErrors as ValidationError[]);
      const first = violations[0];
      return {
        message: first ? `Invalid value for "${first.field}": ${first.constraints.join('; ')}` : original.message,
        path: formatted.path,
        extensions: { code: ErrorCode.BAD_USER_INPUT, field: first?.field, violations },
      };
    }
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
