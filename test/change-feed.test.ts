import { cityIdFromSlug, organizationIdFromSlug } from '@hrc/domain-kit';

import { startHub, type RunningHub } from './support/hub';

let hub: RunningHub;
let secretariat: string;
let partner: string;
const gwangju = cityIdFromSlug('gwangju');

beforeAll(async () => {
  hub = await startHub();
  secretariat = await hub.token('secretariat');
  partner = await hub.token('partner', organizationIdFromSlug('gwangju-international-center'));
});
afterAll(() => hub.close());

interface Change {
  operation: string;
  entityType: string;
  entityId: string;
}

/** Reads one subgraph's feed from a cursor to its current end, as a mirroring system would. */
async function drain(subgraph: 'cities' | 'events' | 'education', after: string | null, pageSize = 3) {
  const changes: Change[] = [];
  let cursor = after;
  for (;;) {
    const result = await hub.query(
      `query($after: String, $first: Int!) { changes { ${subgraph}(first: $first, after: $after) {
        edges { node { operation entityType entityId } } pageInfo { hasNextPage endCursor } } } }`,
      { variables: { after: cursor, first: pageSize } },
    );
    expect(result.errors).toBeUndefined();
    const page = result.data!.changes[subgraph];
    changes.push(...page.edges.map((edge: { node: Change }) => edge.node));
    cursor = page.pageInfo.endCursor;
    if (!page.pageInfo.hasNextPage) return { changes, cursor };
  }
}

/**
 * Drains until at least `count` changes arrived. The feed serves a change once every older transaction in the
 * database cluster has finished, so under load (other test files share the server) it can lag a moment.
 */
async function collect(subgraph: 'cities' | 'events' | 'education', after: string | null, count: number, pageSize = 3) {
  const changes: Change[] = [];
  let cursor = after;
  const deadline = Date.now() + 20_000;
  do {
    const page = await drain(subgraph, cursor, pageSize);
    changes.push(...page.changes);
    cursor = page.cursor;
    if (changes.length >= count) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  } while (Date.now() < deadline);
  return { changes, cursor };
}

async function mutate(query: string, variables: Record<string, unknown>, token: string) {
  const result = await hub.query(query, { variables, token });
  expect(result.errors).toBeUndefined();
  return Object.values(result.data!)[0] as { id: string; version: number; status: string };
}

const CREATE_POLICY = `mutation($input: CreatePolicyInput!) { createPolicy(input: $input) { id version status } }`;
const MODERATE_POLICY = `mutation($id: ID!, $v: Int!, $d: ModerationDecision!) { moderatePolicy(id: $id, expectedVersion: $v, input: { decision: $d }) { id version status } }`;

test('published creations, updates and withdrawals, and nothing unreviewed', async () => {
  const start = (await drain('cities', null)).cursor;

  const direct = await mutate(
    CREATE_POLICY,
    { input: { cityId: gwangju, title: 'Published at once', summary: 'By the secretariat.' } },
    secretariat,
  );
  const draft = await mutate(
    CREATE_POLICY,
    { input: { cityId: gwangju, title: 'A partner draft', summary: 'Awaiting review.' } },
    partner,
  );
  expect((await collect('cities', start, 1)).changes).toEqual([
    { operation: 'PUBLISHED', entityType: 'Policy', entityId: direct.id },
  ]);

  const approved = await mutate(MODERATE_POLICY, { id: draft.id, v: draft.version, d: 'APPROVE' }, secretariat);
  const updated = await mutate(
    `mutation($id: ID!, $v: Int!) { updatePolicy(id: $id, expectedVersion: $v, input: { stage: IMPLEMENTED }) { id version status } }`,
    { id: approved.id, v: approved.version },
    secretariat,
  );
  const withdrawn = await mutate(MODERATE_POLICY, { id: updated.id, v: updated.version, d: 'WITHDRAW' }, secretariat);
  await mutate(MODERATE_POLICY, { id: withdrawn.id, v: withdrawn.version, d: 'RESTORE' }, secretariat);

  const { changes } = await collect('cities', start, 5);
  expect(changes.map((change) => [change.operation, change.entityId])).toEqual([
    ['PUBLISHED', direct.id],
    ['PUBLISHED', draft.id],
    ['UPDATED', draft.id],
    ['WITHDRAWN', draft.id],
    ['PUBLISHED', draft.id],
  ]);
});

test('each subgraph has its own feed in the one `changes` view', async () => {
  const start = (await drain('events', null)).cursor;
  const event = await mutate(
    `mutation($input: CreateEventInput!) { createEvent(input: $input) { id version status } }`,
    {
      input: {
        kind: 'WORKSHOP',
        title: 'Feed workshop',
        startsAt: '2031-03-01T01:00:00Z',
        endsAt: '2031-03-01T02:00:00Z',
        timeZone: 'Asia/Seoul',
        format: 'ONLINE',
      },
    },
    secretariat,
  );
  expect((await collect('events', start, 1)).changes).toEqual([
    { operation: 'PUBLISHED', entityType: 'Event', entityId: event.id },
  ]);
});

test('a mirror resuming from its cursor during concurrent writes sees every change exactly once', async () => {
  let cursor = (await drain('cities', null)).cursor;
  const seen: string[] = [];
  let writing = true;
  const writers = Promise.all(
    Array.from({ length: 24 }, (_, index) =>
      mutate(
        CREATE_POLICY,
        { input: { cityId: gwangju, title: `Concurrent policy ${index}`, summary: 'Feed ordering test.' } },
        secretariat,
      ),
    ),
  ).finally(() => (writing = false));
  while (writing) {
    const page = await drain('cities', cursor, 2);
    seen.push(...page.changes.map((change) => change.entityId));
    cursor = page.cursor;
  }
  const created = (await writers).map((policy) => policy.id);
  const rest = await collect('cities', cursor, created.length - seen.length, 2);
  seen.push(...rest.changes.map((change) => change.entityId));
  expect(new Set(seen).size).toBe(seen.length);
  expect([...seen].sort()).toEqual([...created].sort());
});

test('a write that commits late is not skipped by a cursor handed out before it committed', async () => {
  const { Client } = await import('pg');
  const slow = new Client({ connectionString: hub.subgraphs.get('cities')!.database.url });
  await slow.connect();
  try {
    let cursor = (await drain('cities', null)).cursor;
    // A writer that took its place in the trail first and commits last.
    await slow.query('begin');
    await slow.query(
      `insert into cities.audit_record (occurred_at, actor_roles, action, entity_type, entity_id, after, request_id)
       values (now(), '{secretariat}', 'CREATE', 'Policy', 'slow-writer', '{"status":"PUBLISHED"}', 'slow')`,
    );
    const quick = await mutate(
      CREATE_POLICY,
      { input: { cityId: gwangju, title: 'Quick writer', summary: 'Commits first.' } },
      secretariat,
    );
    const early = await drain('cities', cursor);
    cursor = early.cursor;
    await slow.query('commit');
    const late = await collect('cities', cursor, 2 - early.changes.length);
    const seen = [...early.changes, ...late.changes].map((change) => change.entityId);
    expect(seen.sort()).toEqual([quick.id, 'slow-writer'].sort());
  } finally {
    await slow.end();
  }
});
