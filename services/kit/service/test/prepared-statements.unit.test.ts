import { PreparedStatementNames, preparedStatementName } from '../src';

const named = (names: PreparedStatementNames, sql: string, runs: number) =>
  Array.from({ length: runs }, () => names.nameOf(sql));

test('a text is prepared from its third run on, under a name of its own', () => {
  const names = new PreparedStatementNames({ texts: 10, runsBeforePreparing: 3, counted: 10 });
  expect(named(names, 'select 1', 4)).toEqual([
    undefined,
    undefined,
    preparedStatementName('select 1'),
    preparedStatementName('select 1'),
  ]);
  expect(preparedStatementName('select 1')).not.toBe(preparedStatementName('select 2'));
});

test('past the limit a new text runs unnamed, while the texts prepared before keep their names', () => {
  const names = new PreparedStatementNames({ texts: 2, runsBeforePreparing: 1, counted: 10 });
  expect(names.nameOf('select 1')).toBe(preparedStatementName('select 1'));
  expect(names.nameOf('select 2')).toBe(preparedStatementName('select 2'));
  // A caller choosing yet another filter combination gets an unnamed statement, not a third prepared one.
  expect(named(names, 'select 3', 3)).toEqual([undefined, undefined, undefined]);
  expect(names.nameOf('select 1')).toBe(preparedStatementName('select 1'));
});

test('runs are counted for a bounded number of texts: texts invented past it are never prepared', () => {
  const names = new PreparedStatementNames({ texts: 10, runsBeforePreparing: 2, counted: 2 });
  names.nameOf('select 1');
  names.nameOf('select 2');
  expect(named(names, 'select 3', 3)).toEqual([undefined, undefined, undefined]);
  expect(names.nameOf('select 1')).toBe(preparedStatementName('select 1'));
});

test('a text given up on runs unnamed from then on', () => {
  const names = new PreparedStatementNames({ texts: 10, runsBeforePreparing: 1, counted: 10 });
  const name = names.nameOf('select 1')!;
  names.giveUp(name);
  expect(named(names, 'select 1', 3)).toEqual([undefined, undefined, undefined]);
});
