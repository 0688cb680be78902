import { startHub, type RunningHub } from './support/hub';

/** With one subgraph down, the others still answer, and the client learns which fields are missing and why. */
let hub: RunningHub;
beforeAll(async () => {
  hub = await startHub({ only: ['cities', 'events', 'education'] });
  const education = hub.subgraphs.get('education')!;
  hub.subgraphs.delete('education');
  await education.close();
});
afterAll(() => hub.close());

test('a down subgraph nulls only its root fields, each with a path and SUBGRAPH_UNAVAILABLE naming it', async () => {
  const answer = await hub.query(
    '{ cities(first: 1) { totalCount } programs(first: 1) { totalCount } courses: programs(first: 2) { totalCount } }',
  );
  expect(answer.data).toEqual({ cities: { totalCount: 11 }, programs: null, courses: null });
  expect(answer.errors).toHaveLength(2);
  for (const [index, path] of [['programs'], ['courses']].entries()) {
    expect(answer.errors![index]).toMatchObject({
      path,
      extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'education' },
    });
  }
  // The client learns which service; never where it runs.
  expect(JSON.stringify(answer.errors)).not.toMatch(/https?:|127\.0\.0\.1|localhost|ECONNREFUSED/);
});

test('a query for the down subgraph alone answers data with that field null, not a null response', async () => {
  const answer = await hub.query('{ programs { totalCount } }');
  expect(answer.data).toEqual({ programs: null });
  expect(answer.errors?.[0]).toMatchObject({ path: ['programs'], extensions: { code: 'SUBGRAPH_UNAVAILABLE' } });
});
