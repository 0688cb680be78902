import { countStatements, startTestSubgraph, type TestSubgraph } from '@hrc/dev-kit/testing';
import type { ReportScope } from '@hrc/domain-kit';

import { eventsSubgraph } from '../src/app';
import { eventFiguresOfCities } from '../src/report/report.repository';
import { callers, createPublishedEvent } from './support/fixtures';

/*
 * The gateway fetches a report's rows, region totals and network totals from this subgraph in parallel, and each asks
 * for the same cities' figures under the same filter. Those identical statements, running at the same time, run once
 * (issue 11: the network report within 3× of raw SQL); nothing finished is ever reused.
 */

let subgraph: TestSubgraph;
/** The whole network, every year: no filter. */
const WHOLE: ReportScope = { fromYear: null, toYear: null, theme: null, sdg: null, sdgTarget: null };
const cityId = '00000000-0000-4000-8000-0000000000c1';
const otherCity = '00000000-0000-4000-8000-0000000000c2';

beforeAll(async () => {
  subgraph = await startTestSubgraph(eventsSubgraph);
  await createPublishedEvent(subgraph, { hostCityId: cityId });
});
afterAll(() => subgraph.close());

const figures = (identity = callers.anonymous, ids = [cityId, otherCity]) =>
  eventFiguresOfCities(subgraph.app.orm.em.fork(), identity, WHOLE, ids);

test('concurrent requests for the same figures share one statement, whatever the order of the cities', async () => {
  const { result, statements } = await countStatements(subgraph.app.orm, () =>
    Promise.all([figures(), figures(callers.anonymous, [otherCity, cityId, cityId])]),
  );
  expect(statements).toHaveLength(1);
  const [first, second] = result;
  expect(first.get(cityId)).toMatchObject({ sessions: 1 });
  expect(second.get(cityId)).toEqual(first.get(cityId));
  expect(second.get(otherCity)).toEqual(first.get(otherCity));
  // Each caller gets its own figures to keep: changing one does not change the other's.
  first.get(cityId)!.sessions = 99;
  expect(second.get(cityId)!.sessions).toBe(1);
});

test('a finished statement is never reused: a later request reads again and sees what changed since', async () => {
  const { statements } = await countStatements(subgraph.app.orm, async () => {
    expect((await figures()).get(cityId)!.sessions).toBe(1);
    await createPublishedEvent(subgraph, { hostCityId: cityId });
    expect((await figures()).get(cityId)!.sessions).toBe(2);
  });
  expect(statements.filter((sql) => sql.includes('sum(editions)'))).toHaveLength(2);
});

test('callers who may see different records never share: one statement per visibility', async () => {
  const { statements } = await countStatements(subgraph.app.orm, () =>
    Promise.all([figures(callers.anonymous), figures(callers.secretariat), figures(callers.organizer)]),
  );
  expect(statements).toHaveLength(3);
});

test('inside a transaction the statement is its own', async () => {
  const em = subgraph.app.orm.em.fork();
  const { statements } = await countStatements(subgraph.app.orm, () =>
    em.transactional((transaction) =>
      Promise.all([
        eventFiguresOfCities(transaction, callers.anonymous, WHOLE, [cityId]),
        eventFiguresOfCities(transaction, callers.anonymous, WHOLE, [cityId]),
      ]),
    ),
  );
  expect(statements.filter((sql) => sql.includes('sum(editions)'))).toHaveLength(2);
});
