import {
  captureStatements,
  indexesRead,
  nestedListWholeTableWork,
  startTestSubgraph,
  wholeTableWorkOf,
  type NestedListRepository,
  type TestSubgraph,
} from '@hrc/dev-kit/testing';
import { organizationIdFromSlug } from '@hrc/domain-kit';
import { ANONYMOUS, type Identity } from '@hrc/service-kit';

import { eventsSubgraph, seedSyntheticEvents } from '../src/app';
import { Event } from '../src/event/event.entity';
import { EventKind } from '../src/event/event.enums';
import { Feedback } from '../src/feedback/feedback.entity';
import { Registration } from '../src/registration/registration.entity';
import { RegistrationStatus } from '../src/registration/registration.enums';

/**
 * The plans of the statements the repositories really send, on tables of 20,000 rows: every nested page and every
 * per-parent count reaches its parents' rows through an index; none reads or sorts a table whole.
 */
const ROWS = 20_000;
let subgraph: TestSubgraph;
const keysOf: Record<string, string[]> = {};

beforeAll(async () => {
  // Loading 20,000+ rows in one statement may outlast the subgraph's statement timeout on a busy machine.
  subgraph = await startTestSubgraph(eventsSubgraph, { DATABASE_STATEMENT_TIMEOUT_MS: '0' });
  const connection = subgraph.app.orm.em.getConnection();
  await seedSyntheticEvents(subgraph.app.orm.em.fork(), { events: ROWS, registrationsPerEvent: 1 });
  await connection.execute(
    `insert into events.forum_edition (id, number, year, theme_translations, format, time_zone, host_city_id, version, created_at, updated_at)
     select gen_random_uuid(), g, 2000 + g, '{}'::jsonb, 'HYBRID', 'Asia/Seoul', gen_random_uuid(), 1, now(), now()
     from generate_series(1, 20) as g`,
  );
  // Every third event belongs to an edition, and a few are not published, so visibility filters have work to do.
  await connection.execute(
    `update events.event e set edition_id = f.id,
            status = case when abs(hashtext(e.id::text)) % 5 = 0 then 'SUBMITTED' else 'PUBLISHED' end
     from (select id, row_number() over (order by year) as n from events.forum_edition) f
     where f.n = 1 + abs(hashtext(e.id::text)) % 60`,
  );
  await connection.execute(
    `insert into events.feedback (id, event_id, registration_id, organization_id, rating, created_at)
     select gen_random_uuid(), r.event_id, r.id, r.organization_id, 1 + abs(hashtext(r.id::text)) % 5, now()
     from events.registration r`,
  );
  // VACUUM as well, so the planner knows the pages are all visible and a count can read an index alone.
  await connection.execute('vacuum analyze');
  const ids = async (sql: string) => (await connection.execute<Array<{ key: string }>>(sql)).map((row) => row.key);
  keysOf.city = await ids(`select distinct host_city_id::text as key from events.event where host_city_id is not null`);
  keysOf.organization = await ids(`select distinct contributed_by::text as key from events.event`);
  keysOf.edition = await ids(`select id::text as key from events.forum_edition order by year`);
  keysOf.editionDay = await ids(
    `select distinct edition_id::text || '|' || ((starts_at at time zone time_zone)::date)::text as key
     from events.event where edition_id is not null order by 1 limit 50`,
  );
  keysOf.event = await ids(`select id::text as key from events.event order by id limit 50`);
}, 120_000);
afterAll(() => subgraph.close());

const organizer = organizationIdFromSlug('ohchr');
const identities: Identity[] = [
  ANONYMOUS,
  { subject: 'plans', organizationId: organizer, roles: ['partner'] },
  { subject: 'plans', organizationId: null, roles: ['secretariat'] },
];

/**
 * `indexOnlyCounts`: a public list's count per parent reads only index entries; registrations and feedback are
 * private and a handful per event, so theirs may read rows.
 */
async function expectIndexDriven(
  repository: unknown,
  parent: string,
  filters: unknown[] = [undefined],
  indexOnlyCounts = false,
) {
  const problems = await nestedListWholeTableWork(
    subgraph.app.orm,
    repository as NestedListRepository<string>,
    parent,
    keysOf[parent]!,
    { identities, filters, indexOnlyCounts },
  );
  expect(problems).toEqual([]);
}

const repositoryOf = <T extends object>(entity: new () => T) => subgraph.app.orm.em.fork().getRepository(entity);

test('every parent the repositories declare is covered here', () => {
  expect(Object.keys((repositoryOf(Event) as any).parentColumns).sort()).toEqual([
    'city',
    'edition',
    'editionDay',
    'organization',
  ]);
  expect(Object.keys((repositoryOf(Registration) as any).parentColumns)).toEqual(['event']);
  expect(Object.keys((repositoryOf(Feedback) as any).parentColumns)).toEqual(['event']);
});

for (const parent of ['city', 'organization', 'edition', 'editionDay']) {
  test(`events by ${parent}`, async () => {
    await expectIndexDriven(repositoryOf(Event), parent, [undefined, { kind: EventKind.WORKSHOP }], true);
  });
}

test("the public's count of a host city's or an edition's events reads only the narrow index of published events", async () => {
  const indexes = { city: 'event_host_city_id_published_index', edition: 'event_edition_id_published_index' };
  for (const [parent, index] of Object.entries(indexes)) {
    for (const keys of [keysOf[parent]!.slice(0, 20), keysOf[parent]!.slice(0, 1)]) {
      const { statements } = await captureStatements(subgraph.app.orm, () =>
        repositoryOf(Event).countsByParent(ANONYMOUS, parent, undefined, keys),
      );
      expect(statements).toHaveLength(1);
      expect(await indexesRead(subgraph.app.orm, statements[0]!)).toEqual([index]);
    }
  }
});

test('registrations by event', async () => {
  await expectIndexDriven(repositoryOf(Registration), 'event', [undefined, { status: RegistrationStatus.REGISTERED }]);
});

test('feedback by event', async () => {
  await expectIndexDriven(repositoryOf(Feedback), 'event');
});

test('the event list reads its index in order', async () => {
  for (const identity of identities) {
    const problems = await wholeTableWorkOf(
      subgraph.app.orm,
      () => repositoryOf(Event).listPage(identity, { first: 50 }),
      { orderedIndexScans: true },
    );
    expect(problems).toEqual([]);
  }
});
