import { PreparedStatementNames, preparedStatementName } from '../src';

test('a text keeps its name; past the limit a new text gets none, while the texts named before keep theirs', () => {
  const names = new PreparedStatementNames(2);
  const first = names.nameOf('select 1');
  expect(first).toBe(preparedStatementName('select 1'));
  expect(names.nameOf('select 2')).toBe(preparedStatementName('select 2'));
  // A caller choosing yet another filter combination gets an unnamed statement, not a third prepared one.
  expect(names.nameOf('select 3')).toBeUndefined();
  expect(names.nameOf('select 1')).toBe(first);
  expect(preparedStatementName('select 1')).not.toBe(preparedStatementName('select 2'));
});
