import { decodeCursor, encodeCursor, keysetOrder, querySignature } from '../src';

const codeAndField = (work: () => unknown) => {
  try {
    work();
    return null;
  } catch (error) {
    const extensions = (error as { extensions?: { code?: string; field?: string } }).extensions;
    return `${extensions?.code} ${extensions?.field}`;
  }
};

test('a cursor continues only the query that issued it', () => {
  const signature = querySignature('policies', { filter: { theme: 'HOUSING' } });
  const cursor = encodeCursor(signature, ['2024-01-01', 'id-1']);
  expect(decodeCursor(signature, cursor, 2)).toEqual(['2024-01-01', 'id-1']);
  const otherQuery = querySignature('policies', { filter: { theme: 'PEACE' } });
  expect(codeAndField(() => decodeCursor(otherQuery, cursor, 2))).toBe('BAD_USER_INPUT after');
});

test('a malformed cursor is a client error naming "after"', () => {
  const signature = querySignature('cities', {});
  expect(codeAndField(() => decodeCursor(signature, 'not-a-cursor', 2))).toBe('BAD_USER_INPUT after');
  expect(codeAndField(() => decodeCursor(signature, encodeCursor(signature, ['only-one']), 2))).toBe(
    'BAD_USER_INPUT after',
  );
  expect(decodeCursor(signature, null, 2)).toBeNull();
});

test('a keyset order sorts every key one way, ending with the unique one', () => {
  expect(keysetOrder('desc', 'p.updated_at', 'p.id')).toEqual([
    { sql: 'p.updated_at', direction: 'desc' },
    { sql: 'p.id', direction: 'desc' },
  ]);
});
