import { ValidationError } from 'class-validator';
import type { GraphQLFormattedError } from 'graphql';
import { ArgumentValidationError } from 'type-graphql';

import { ForbiddenError } from '@hrc/service-kit';

import { createSubgraphErrorFormatter } from '../src';

function violation(
  property: string,
  constraints?: Record<string, string>,
  children: ValidationError[] = [],
): ValidationError {
  return Object.assign(new ValidationError(), { property, constraints, children });
}

describe("a subgraph's error formatter", () => {
  const formatted: GraphQLFormattedError = {
    message: 'Argument Validation Error',
    path: ['createPolicy'],
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  };

  test('names the first bad input field, nested ones by their path', () => {
    const error = new ArgumentValidationError([
      violation('input', undefined, [
        violation('titleTranslations', undefined, [
          violation('0', undefined, [violation('lang', { matches: 'lang must be a BCP 47 language tag' })]),
        ]),
        violation('title', { minLength: 'title must be longer than or equal to 3 characters' }),
      ]),
    ]);
    expect(createSubgraphErrorFormatter(true)(formatted, error)).toEqual({
      message: 'Invalid value for "input.titleTranslations.0.lang": lang must be a BCP 47 language tag',
      path: ['createPolicy'],
      extensions: {
        code: 'BAD_USER_INPUT',
        field: 'input.titleTranslations.0.lang',
        violations: [
          { field: 'input.titleTranslations.0.lang', constraints: ['lang must be a BCP 47 language tag'] },
          { field: 'input.title', constraints: ['title must be longer than or equal to 3 characters'] },
        ],
      },
    });
  });

  test("leaves every other error to service-kit's rules", () => {
    const error = new ForbiddenError();
    const format = createSubgraphErrorFormatter(true);
    expect(
      format({ ...error.toJSON(), extensions: { code: 'FORBIDDEN', stacktrace: ['x'] } }, error).extensions,
    ).toEqual({ code: 'FORBIDDEN' });
  });
});
