import type { ValidationError } from 'class-validator';
import type { GraphQLFormattedError } from 'graphql';
import { ArgumentValidationError } from 'type-graphql';

import { createErrorFormatter, ErrorCode } from '@hrc/service-kit';

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

/** A class-validator failure of a type-graphql argument as BAD_USER_INPUT naming the first bad field. */
export function validationErrorOf(
  original: unknown,
  formatted: GraphQLFormattedError,
): GraphQLFormattedError | undefined {
  if (!(original instanceof ArgumentValidationError)) return undefined;
  const violations = flattenViolations(original.extensions.validationErrors as ValidationError[]);
  const first = violations[0];
  return {
    message: first ? `Invalid value for "${first.field}": ${first.constraints.join('; ')}` : original.message,
    path: formatted.path,
    extensions: { code: ErrorCode.BAD_USER_INPUT, field: first?.field, violations },
  };
}

/** A subgraph's `formatError`: service-kit's stable codes, plus its input validation failures named by field. */
export function createSubgraphErrorFormatter(production: boolean) {
  return createErrorFormatter(production, validationErrorOf);
}
