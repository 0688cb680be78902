import { countStatements, startTestSubgraph, type TestSubgraph } from '@hrc/dev-kit/testing';

import { eventsSubgraph } from '../src/app';
import { ORGANIZER_ORG, REGISTER, callers, createPublishedEvent } from './support/fixtures';

let subgraph: TestSubgraph;
beforeAll(async () => {
  subgraph = await startTestSubgraph(eventsSubgraph);
});
afterAll(() => subgraph.close());

const FEEDS = `query($first: Int!) {
  changes: _entities(representations: [{ __typename: "ChangeFeed", id: "published" }]) {
    ... on ChangeFeed {
      events(first: $first) { edges { node { globalId cityId organizationId } } }
      eventRegistrations(first: $first) { edges { node { entityId cityId organizationId } } }
    }
  }
}`;

async function statementsFor(first: number) {
  const { result, statements } = await countStatements(subgraph.app.orm, () =>
    subgraph.query<{ changes: Array<{ eventRegistrations: { edges: unknown[] }; events: { edges: unknown[] } }> }>(
      FEEDS,
      { first },
      callers.organizer,
    ),
  );
  expect(result.errors).toBeUndefined();
  return { feed: result.data!.changes[0]!, statements };
}

test('a page of either list costs the same statements whatever its length: routing reads no row per entry', async () => {
  for (let event = 0; event < 3; event += 1) {
    const { id } = await createPublishedEvent(subgraph, { title: `Routed event ${event}` });
    for (let index = 0; index < 4; index += 1) {
      const registered = await subgraph.query(
        REGISTER,
        { input: { eventId: id, participantName: `Delegate ${index}`, email: `d${event}-${index}@example.org` } },
        callers.registrant,
      );
      expect(registered.errors).toBeUndefined();
    }
  }
  // The feed serves a write once every older transaction has finished; wait until all are served.
  const deadline = Date.now() + 20_000;
  while ((await statementsFor(100)).feed.eventRegistrations.edges.length < 12 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const one = await statementsFor(1);
  const many = await statementsFor(12);
  expect(one.feed.eventRegistrations.edges).toHaveLength(1);
  expect(many.feed.eventRegistrations.edges).toHaveLength(12);
  expect(many.feed.events.edges).toHaveLength(3);
  expect(many.feed.eventRegistrations.edges).toContainEqual({
    node: expect.objectContaining({ cityId: null, organizationId: ORGANIZER_ORG }),
  });
  // One page of each list, and one read of the page's events for routing.
  expect(one.statements).toHaveLength(3);
  expect(many.statements).toHaveLength(3);
});
