import { startTestSubgraph, type TestSubgraph } from '@hrc/dev-kit/testing';
import { cityIdFromSlug } from '@hrc/domain-kit';
import { preparedStatementName } from '@hrc/service-kit';

import { educationSubgraph } from '../src/app';
import { dataOf, sql } from './support';

/*
 * Nested pages, per-parent counts and the reach aggregate run as named prepared statements from their third run on,
 * parsed once per connection; other statements stay unnamed. The subgraph here has a pool of one connection, so
 * pg_prepared_statements, read through that pool, lists what the subgraph's statements prepared.
 */

let education: TestSubgraph;
beforeAll(async () => {
  education = await startTestSubgraph(educationSubgraph, { SEED_ON_START: 'real', DATABASE_POOL_MAX: '1' });
});
afterAll(() => education.close());

const PROGRAMMES_AND_COHORTS = `{ programs(first: 10) { totalCount edges { node { title
  cohorts(first: 2) { totalCount edges { node { startsOn capacity notes } } } } } } }`;
const GWANGJU_REACH = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on City {
  programs(first: 5) { totalCount } educationReach(year: 2023) { programs enrolled completed } } } }`;
const gwangju = { reps: [{ __typename: 'City', id: cityIdFromSlug('gwangju') }] };

async function preparedStatements(): Promise<Array<{ name: string; statement: string }>> {
  return education.app.orm.em
    .fork()
    .getConnection()
    .execute<Array<{ name: string; statement: string }>>('select name, statement from pg_prepared_statements');
}

/** Runs both operations three times, so every statement they send is prepared; returns their answers. */
async function askThrice() {
  const answers = [];
  for (let run = 0; run < 3; run += 1) {
    answers.push([await dataOf(education, PROGRAMMES_AND_COHORTS), await dataOf(education, GWANGJU_REACH, gwangju)]);
  }
  expect(answers[1]).toEqual(answers[0]);
  expect(answers[2]).toEqual(answers[0]);
  return answers[0]!;
}

test('nested pages, per-parent counts and the reach run prepared, each text once, under its own name', async () => {
  const [first, reach] = await askThrice();
  const prepared = await preparedStatements();
  for (const { name, statement } of prepared) expect(name).toBe(preparedStatementName(statement));
  const texts = prepared.map(({ statement }) => statement);
  // Every programme's cohort page with its total, in one statement; one city's programme page (its total a
  // subquery of it); the reach.
  expect(texts.some((text) => text.includes('"education"."cohort"') && text.includes('unnest('))).toBe(true);
  expect(texts.some((text) => text.includes('"education"."program"') && text.includes('as __parent'))).toBe(true);
  expect(texts.some((text) => text.includes('grouping sets'))).toBe(true);
  // Only reads per parent: not the root list of programmes, nor this very read.
  expect(texts.every((text) => text.includes('__parent') || text.includes('grouping sets'))).toBe(true);

  // Asked again, the same statements serve: nothing new is prepared, and the answers are the same.
  expect(await dataOf(education, PROGRAMMES_AND_COHORTS)).toEqual(first);
  expect(await dataOf(education, GWANGJU_REACH, gwangju)).toEqual(reach);
  expect((await preparedStatements()).map(({ name }) => name).sort()).toEqual(prepared.map(({ name }) => name).sort());
});

test('a prepared nested page still answers after a migration adds a column to its table', async () => {
  const [before] = await askThrice();
  await sql(education, 'alter table education.cohort add column prepared_statement_probe text');
  try {
    // A page that selected `c.*` would now fail: "cached plan must not change result type".
    expect(await dataOf(education, PROGRAMMES_AND_COHORTS)).toEqual(before);
  } finally {
    await sql(education, 'alter table education.cohort drop column prepared_statement_probe');
  }
});

test('after a migration changes the type of a column a prepared page reads, the page runs unnamed', async () => {
  const [before] = await askThrice();
  await sql(education, 'alter table education.cohort alter column notes type varchar(4000)');
  try {
    // PostgreSQL refuses the prepared page now ("cached plan must not change result type"): it is sent unnamed.
    expect(await dataOf(education, PROGRAMMES_AND_COHORTS)).toEqual(before);
    expect(await dataOf(education, PROGRAMMES_AND_COHORTS)).toEqual(before);
  } finally {
    await sql(education, 'alter table education.cohort alter column notes type text');
  }
});
