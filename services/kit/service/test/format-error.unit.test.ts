import { GraphQLError, type GraphQLFormattedError } from 'graphql';

import { BadUserInputError, createErrorFormatter } from '../src';

/** What Apollo Server hands `formatError`: the formatted error, with its stack outside production, and the thrown one. */
function formattedOf(error: GraphQLError): GraphQLFormattedError {
  const formatted = error.toJSON();
  return { ...formatted, extensions: { ...formatted.extensions, stacktrace: ['at somewhere'] } };
}

describe('the error formatter', () => {
  const thrownInternals = new GraphQLError('relation "cities.city" does not exist', { path: ['cities'] });

  test('passes known codes through, without their stack in production', () => {
    const error = new BadUserInputError('first', 'must be between 0 and 100');
    expect(createErrorFormatter(false)(formattedOf(error), error).extensions).toEqual(
      expect.objectContaining({ code: 'BAD_USER_INPUT', stacktrace: ['at somewhere'] }),
    );
    const production = createErrorFormatter(true)(formattedOf(error), error);
    expect(production.message).toBe('Invalid value for "first": must be between 0 and 100');
    expect(production.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'first',
      reason: 'must be between 0 and 100',
    });
  });

  test('hides an unknown error behind INTERNAL_SERVER_ERROR in production', () => {
    expect(createErrorFormatter(true)(formattedOf(thrownInternals), thrownInternals)).toEqual({
      message: 'Internal server error',
      path: ['cities'],
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
  });

  test('keeps an unknown error readable outside production, with the internal code', () => {
    const formatted = createErrorFormatter(false)(formattedOf(thrownInternals), thrownInternals);
    expect(formatted.message).toBe('relation "cities.city" does not exist');
    expect(formatted.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
  });

  test('lets a layer above name the errors it knows first', () => {
    const mapped = { message: 'named', extensions: { code: 'BAD_USER_INPUT', field: 'title' } };
    const format = createErrorFormatter(true, (original) => (original === thrownInternals ? mapped : undefined));
    expect(format(formattedOf(thrownInternals), thrownInternals)).toBe(mapped);
    const other = new GraphQLError('boom');
    expect(format(formattedOf(other), other).extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
  });
});
