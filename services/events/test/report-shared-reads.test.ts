import { countStatements, startTestSubgraph, type TestSubgraph } from '@hrc/dev-kit/testing';
import type { ReportScope } from '@hrc/domain-kit';
import { RowLimitError, runInRequestScope, type Identity, type RequestScope } from '@hrc/service-kit';

import { eventsSubgraph } from '../src/app';
import { eventFiguresOfCities } from '../src/report/report.repository';
import { callers, createPublishedEvent } from './support/fixtures';

/*
 * The gateway fetches a report's rows, region totals and network totals from this subgraph in parallel, and each asks
 * for the same cities' figures under the same filter. Those identical statements of one client operation, running at
 * the same time, run once (issue 11: the network report within 3× of raw SQL); nothing finished is ever reused, and
 * two client operations never share.
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

/** One subgraph request of the client operation `operationId`, as the subgraph binds each request's statements. */
function fetchOf(operationId: string, rowLimit = 1000): RequestScope {
  return { operationId, signal: new AbortController().signal, rowLimit, rowsRead: 0 };
}

const figures = (identity: Identity = callers.anonymous, ids = [cityId, otherCity]) =>
  eventFiguresOfCities(subgraph.app.orm.em.fork(), identity, WHOLE, ids);
const figuresIn = (request: RequestScope, identity?: Identity, ids?: string[]) =>
  runInRequestScope(request, () => figures(identity, ids));

test("one operation's concurrent fetches of the same figures share one statement, whatever the order of the cities", async () => {
  const { result, statements } = await countStatements(subgraph.app.orm, () =>
    Promise.all([
      figuresIn(fetchOf('operation-1')),
      figuresIn(fetchOf('operation-1'), callers.anonymous, [otherCity, cityId, cityId]),
    ]),
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

test('two client operations never share a statement, nor does work outside a request', async () => {
  const { statements } = await countStatements(subgraph.app.orm, () =>
    Promise.all([figuresIn(fetchOf('operation-2')), figuresIn(fetchOf('operation-3')), figures(), figures()]),
  );
  expect(statements).toHaveLength(4);
});

test("a fetch that joins another's statement is charged its rows: its own row cap holds", async () => {
  const results = await Promise.allSettled([figuresIn(fetchOf('operation-4')), figuresIn(fetchOf('operation-4', 0))]);
  expect(results[0].status).toBe('fulfilled');
  expect(results[1].status).toBe('rejected');
  expect((results[1] as PromiseRejectedResult).reason).toBeInstanceOf(RowLimitError);
});

test('a finished statement is never reused: a later request reads again and sees what changed since', async () => {
  const { statements } = await countStatements(subgraph.app.orm, async () => {
    expect((await figuresIn(fetchOf('operation-5'))).get(cityId)!.sessions).toBe(1);
    await createPublishedEvent(subgraph, { hostCityId: cityId });
    expect((await figuresIn(fetchOf('operation-5'))).get(cityId)!.sessions).toBe(2);
  });
  expect(statements.filter((sql) => sql.includes('sum(editions)'))).toHaveLength(2);
});

test('callers who may see different records never share: one statement per visibility', async () => {
  const { statements } = await countStatements(subgraph.app.orm, () =>
    Promise.all([
      figuresIn(fetchOf('operation-6'), callers.anonymous),
      figuresIn(fetchOf('operation-6'), callers.secretariat),
      figuresIn(fetchOf('operation-6'), callers.organizer),
    ]),
  );
  expect(statements).toHaveLength(3);
});

test('inside a transaction the statement is its own', async () => {
  const em = subgraph.app.orm.em.fork();
  const { statements } = await countStatements(subgraph.app.orm, () =>
    runInRequestScope(fetchOf('operation-7'), () =>
      em.transactional((transaction) =>
        Promise.all([
          eventFiguresOfCities(transaction, callers.anonymous, WHOLE, [cityId]),
          eventFiguresOfCities(transaction, callers.anonymous, WHOLE, [cityId]),
        ]),
      ),
    ),
  );
  expect(statements.filter((sql) => sql.includes('sum(editions)'))).toHaveLength(2);
});
