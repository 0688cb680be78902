import { DriverException } from '@mikro-orm/core';
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

  /** A PostgreSQL error as knex and MikroORM raise it: the SQL prefixed to the message, the SQLSTATE in `code`. */
  function databaseError(sqlState: string): GraphQLError {
    const pgError = Object.assign(
      new Error(`select c.* from "cities"."city" as "c" where c.slug = 'x' - database says no`),
      { code: sqlState, severity: 'ERROR' },
    );
    return new GraphQLError(pgError.message, { path: ['city'], originalError: new DriverException(pgError) });
  }

  test('never shows SQL, in development either', () => {
    const error = databaseError('42P01');
    for (const production of [false, true]) {
      const formatted = createErrorFormatter(production)(
        { ...formattedOf(error), extensions: { stacktrace: [`Error: ${error.message}`, '    at somewhere'] } },
        error,
      );
      expect(JSON.stringify(formatted)).not.toMatch(/select|cities/);
      expect(formatted.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    }
  });

  test('names the database failures a client can act on', () => {
    const format = createErrorFormatter(false);
    const badValue = databaseError('22021');
    expect(format(formattedOf(badValue), badValue).extensions?.code).toBe('BAD_USER_INPUT');
    const timedOut = databaseError('57014');
    expect(format(formattedOf(timedOut), timedOut).extensions?.code).toBe('QUERY_TIMEOUT');
    const busy = new GraphQLError('x', {
      path: ['cities'],
      originalError: Object.assign(new Error('Knex: Timeout acquiring a connection'), { name: 'KnexTimeoutError' }),
    });
    expect(format(formattedOf(busy), busy).extensions?.code).toBe('SERVICE_BUSY');
  });

  test('gives a request Apollo Server refuses with 400 but no code (a persisted query hash mismatch) BAD_REQUEST', () => {
    const error = new GraphQLError('provided sha does not match query', { extensions: { http: { status: 400 } } });
    const formatted = createErrorFormatter(true)({ message: error.message, extensions: {} }, error);
    expect(formatted.extensions?.code).toBe('BAD_REQUEST');
  });
});
