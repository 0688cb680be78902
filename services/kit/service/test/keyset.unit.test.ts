import { createHmac } from 'node:crypto';

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

const key = createHmac('sha256', 'test-cursor-secret').update('unit').digest();
const otherKey = createHmac('sha256', 'another-cursor-secret').update('unit').digest();

test('a cursor continues only the query that issued it', () => {
  const signature = querySignature('policies', { filter: { theme: 'HOUSING' } });
  const cursor = encodeCursor(key, signature, ['2024-01-01', 'id-1']);
  expect(decodeCursor(key, signature, cursor, 2)).toEqual(['2024-01-01', 'id-1']);
  const otherQuery = querySignature('policies', { filter: { theme: 'PEACE' } });
  expect(codeAndField(() => decodeCursor(key, otherQuery, cursor, 2))).toBe('BAD_USER_INPUT after');
});

test('a malformed cursor is a client error naming "after"', () => {
  const signature = querySignature('cities', {});
  expect(codeAndField(() => decodeCursor(key, signature, 'not-a-cursor', 2))).toBe('BAD_USER_INPUT after');
  expect(codeAndField(() => decodeCursor(key, signature, encodeCursor(key, signature, ['only-one']), 2))).toBe(
    'BAD_USER_INPUT after',
  );
  expect(decodeCursor(key, signature, null, 2)).toBeNull();
});

test('a forged cursor is refused: keys edited, the old unkeyed form, or signed with another key', () => {
  const signature = querySignature('cities', {});
  const genuine = JSON.parse(
    Buffer.from(encodeCursor(key, signature, ['gwangju', 'id-1']), 'base64url').toString(),
  ) as { k: string[]; m: string };
  const edited = Buffer.from(JSON.stringify({ ...genuine, k: ['gwangju', 'not-a-uuid'] })).toString('base64url');
  const unkeyed = Buffer.from(JSON.stringify({ s: signature, k: ['a', 'b'] })).toString('base64url');
  for (const forged of [edited, unkeyed, encodeCursor(otherKey, signature, ['a', 'b'])]) {
    expect(codeAndField(() => decodeCursor(key, signature, forged, 2))).toBe('BAD_USER_INPUT after');
  }
});

test('a keyset order sorts every key one way, ending with the unique one', () => {
  expect(keysetOrder('desc', 'p.updated_at', 'p.id')).toEqual([
    { sql: 'p.updated_at', direction: 'desc' },
    { sql: 'p.id', direction: 'desc' },
  ]);
});
