import { cityIdFromSlug, organizationIdFromSlug } from '@hrc/domain-kit';

import { startHub, type RunningHub } from './support/hub';

let hub: RunningHub;
let secretariat: string;
let partner: string;
const gwangju = cityIdFromSlug('gwangju');
const gic = organizationIdFromSlug('gwangju-international-center');

beforeAll(async () => {
  hub = await startHub();
  secretariat = await hub.token('secretariat');
  partner = await hub.token('partner', gic);
});
afterAll(() => hub.close());

type List = 'cities' | 'events' | 'education' | 'eventRegistrations';

interface Entry {
  operation: string;
  action: string;
  entityType: string;
  entityId: string;
  globalId: string;
  cityId: string | null;
  organizationId: string | null;
  occurredAt: string;
}

const ENTRY = 'operation action entityType entityId globalId cityId organizationId occurredAt';

async function page(list: List, args: { after?: string | null; since?: string; first?: number }, token?: string) {
  const result = await hub.query(
    `query($after: String, $first: Int!, $since: DateTime) { changes { ${list}(first: $first, after: $after, since: $since) {
      edges { node { ${ENTRY} } } pageInfo { hasNextPage endCursor } headCursor } } }`,
    { variables: { after: args.after ?? null, first: args.first ?? 100, since: args.since ?? null }, token },
  );
  expect(result.errors).toBeUndefined();
  const read = result.data!.changes[list];
  return {
    entries: read.edges.map((edge: { node: Entry }) => edge.node) as Entry[],
    hasNextPage: read.pageInfo.hasNextPage as boolean,
    endCursor: read.pageInfo.endCursor as string | null,
    headCursor: read.headCursor as string,
  };
}

/**
 * Reads a list from a cursor until at least `count` entries arrived. The feed serves a change once every older
 * transaction in the database cluster has finished, so under load it can lag a moment.
 */
async function collect(list: List, after: string | null, count: number, token?: string) {
  const entries: Entry[] = [];
  let cursor = after;
  const deadline = Date.now() + 20_000;
  do {
    for (;;) {
      const read = await page(list, { after: cursor }, token);
      entries.push(...read.entries);
      cursor = read.endCursor;
      if (!read.hasNextPage) break;
    }
    if (entries.length >= count) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  } while (Date.now() < deadline);
  return { entries, cursor };
}

function globalId(type: string, id: string): string {
  return Buffer.from(`${type}:${id}`).toString('base64');
}

async function mutate(query: string, variables: Record<string, unknown>, token: string) {
  const result = await hub.query(query, { variables, token });
  expect(result.errors).toBeUndefined();
  return Object.values(result.data!)[0] as { id: string; version: number };
}

const CREATE_POLICY = `mutation($input: CreatePolicyInput!) { createPolicy(input: $input) { id version } }`;
const APPROVE_POLICY = `mutation($id: ID!, $v: Int!) { moderatePolicy(id: $id, expectedVersion: $v, input: { decision: APPROVE }) { id } }`;

test('an entry carries its global id, its city and its organisation; the head cursor starts from now', async () => {
  const head = (await page('cities', { first: 1 })).headCursor;
  const draft = await mutate(
    CREATE_POLICY,
    { input: { cityId: gwangju, title: 'Mirrored with its routing', summary: 'A partner contribution.' } },
    partner,
  );
  await mutate(APPROVE_POLICY, { id: draft.id, v: draft.version }, secretariat);

  const { entries } = await collect('cities', head, 1);
  expect(entries).toEqual([
    {
      operation: 'PUBLISHED',
      action: 'APPROVE',
      entityType: 'Policy',
      entityId: draft.id,
      globalId: globalId('Policy', draft.id),
      cityId: gwangju,
      organizationId: gic,
      occurredAt: expect.any(String),
    },
  ]);
});

test('since skips what committed before it', async () => {
  const head = (await page('cities', { first: 1 })).headCursor;
  const before = await mutate(
    CREATE_POLICY,
    { input: { cityId: gwangju, title: 'Before the mark', summary: 'Published at once.' } },
    secretariat,
  );
  const marked = (await collect('cities', head, 1)).entries.find((entry) => entry.entityId === before.id)!;
  const occurredAt = marked.occurredAt;
  // Commit times have millisecond precision: the next write must not share the mark's millisecond.
  await new Promise((resolve) => setTimeout(resolve, 5));
  const after = await mutate(
    CREATE_POLICY,
    { input: { cityId: gwangju, title: 'After the mark', summary: 'Published at once.' } },
    secretariat,
  );
  const since = new Date(new Date(occurredAt).getTime() + 1).toISOString();
  const deadline = Date.now() + 20_000;
  let seen: string[] = [];
  while (!seen.includes(after.id) && Date.now() < deadline) {
    seen = (await page('cities', { since })).entries.map((entry) => entry.entityId);
    if (!seen.includes(after.id)) await new Promise((resolve) => setTimeout(resolve, 50));
  }
  expect(seen).toContain(after.id);
  expect(seen).not.toContain(before.id);
});

/** How a mirror fetches each entity type the feed names, by the entry's id. */
const LOOKUPS: Record<string, string> = {
  City: 'query($id: ID!) { record: city(id: $id) { id } }',
  Organization: 'query($id: ID!) { record: organization(id: $id) { id } }',
  Policy: 'query($id: ID!) { record: policy(id: $id) { id } }',
  IndicatorValue: 'query($id: ID!) { record: indicatorValue(id: $id) { id } }',
  ForumEdition: 'query($id: ID!) { record: forumEditionById(id: $id) { id } }',
  Event: 'query($id: ID!) { record: event(id: $id) { id } }',
  Program: 'query($id: ID!) { record: program(id: $id) { id } }',
  Registration: 'query($id: ID!) { record: registration(id: $id) { id } }',
};

test('every entity type in the feeds can be fetched through the gateway by what its entry carries', async () => {
  const heads = {
    cities: (await page('cities', { first: 1 })).headCursor,
    events: (await page('events', { first: 1 })).headCursor,
    education: (await page('education', { first: 1 })).headCursor,
  };
  // One published write of every type the feeds follow.
  const writes = [
    `mutation { createCity(input: { slug: "mirror-city", name: "Mirror City (test)", country: "KR", region: ASIA }) { id } }`,
    `mutation { createOrganization(input: { slug: "mirror-ngo", name: "Mirror NGO (test)", kind: NGO, country: "KR" }) { id } }`,
    `mutation { createPolicy(input: { cityId: "${gwangju}", title: "Mirror policy", summary: "Test." }) { id } }`,
    `mutation { recordIndicatorValue(input: { indicatorCode: "SPA-01", cityId: "${gwangju}", year: 1991, value: 2, source: "SAMPLE DATA (test)" }) { id } }`,
    `mutation { createForumEdition(input: { number: 55, year: 2045, format: ONLINE, hostCityId: "${gwangju}" }) { id } }`,
    `mutation { createEvent(input: { kind: WORKSHOP, title: "Mirror event", startsAt: "2031-12-10T01:00:00Z", endsAt: "2031-12-10T03:00:00Z", timeZone: "Asia/Seoul", format: ONLINE }) { id } }`,
    `mutation { createProgram(input: { cityId: "${gwangju}", title: "Mirror programme", description: "Test.", audiences: [YOUTH], providerId: "${gic}" }) { id } }`,
  ];
  for (const write of writes) {
    const result = await hub.query(write, { token: secretariat });
    expect(result.errors).toBeUndefined();
  }
  const entries = [
    ...(await collect('cities', heads.cities, 4)).entries,
    ...(await collect('events', heads.events, 2)).entries,
    ...(await collect('education', heads.education, 1)).entries,
  ];
  expect(entries.map((entry) => entry.entityType).sort()).toEqual(
    ['City', 'Event', 'ForumEdition', 'IndicatorValue', 'Organization', 'Policy', 'Program'].sort(),
  );
  for (const entry of entries) {
    expect(entry.globalId).toBe(globalId(entry.entityType, entry.entityId));
    const result = await hub.query(LOOKUPS[entry.entityType]!, { variables: { id: entry.entityId } });
    expect(result.errors).toBeUndefined();
    expect({ type: entry.entityType, record: result.data!.record }).toEqual({
      type: entry.entityType,
      record: { id: entry.entityId },
    });
  }
  const routes = Object.fromEntries(entries.map((entry) => [entry.entityType, [entry.cityId, entry.organizationId]]));
  const city = entries.find((entry) => entry.entityType === 'City')!.entityId;
  const organization = entries.find((entry) => entry.entityType === 'Organization')!.entityId;
  expect(routes).toEqual({
    City: [city, null],
    Organization: [null, organization],
    Policy: [gwangju, null],
    IndicatorValue: [gwangju, null],
    ForumEdition: [gwangju, null],
    Event: [null, null],
    Program: [gwangju, gic],
  });
});

test("an organiser follows the registrations of its own events, and no one else's", async () => {
  const created = await mutate(
    `mutation ($org: ID) {
      createEvent(input: { kind: WORKSHOP, title: "Seats followed by the organiser", startsAt: "2031-11-10T01:00:00Z",
        endsAt: "2031-11-10T03:00:00Z", timeZone: "Asia/Seoul", format: IN_PERSON, capacity: 1, hostCityId: "${gwangju}", organizationId: $org }) { id }
    }`,
    { org: gic },
    secretariat,
  );
  const publicHead = (await page('events', { first: 1 })).headCursor;
  const heads = {
    organiser: (await page('eventRegistrations', { first: 1 }, partner)).headCursor,
    secretariat: (await page('eventRegistrations', { first: 1 }, secretariat)).headCursor,
  };
  const registrant = await hub.token('partner', organizationIdFromSlug('raoul-wallenberg-institute'));
  const registered = await mutate(
    `mutation ($eventId: ID!) { registerForEvent(input: { eventId: $eventId, participantName: "Lee", email: "lee@example.org" }) { id } }`,
    { eventId: created.id },
    registrant,
  );

  const expected = {
    operation: 'PUBLISHED',
    action: 'CREATE',
    entityType: 'Registration',
    entityId: registered.id,
    globalId: globalId('Registration', registered.id),
    cityId: gwangju,
    organizationId: gic,
    occurredAt: expect.any(String),
  };
  expect((await collect('eventRegistrations', heads.organiser, 1, partner)).entries).toEqual([expected]);
  const forSecretariat = (await collect('eventRegistrations', heads.secretariat, 1, secretariat)).entries;
  expect(forSecretariat.map((entry) => entry.entityId)).toContain(registered.id);

  // Another organisation's partner and an anonymous caller see an empty list, never an error.
  const other = await hub.token('partner', organizationIdFromSlug('etc-graz'));
  expect((await page('eventRegistrations', {}, other)).entries.map((entry) => entry.entityId)).not.toContain(
    registered.id,
  );
  expect((await page('eventRegistrations', {})).entries).toEqual([]);
  // The public events feed never names a registration.
  const publicEntries = (await page('events', { after: publicHead })).entries;
  expect(publicEntries.map((entry) => entry.entityType)).not.toContain('Registration');

  // The organiser reads the registration the entry names.
  const fetched = await hub.query(LOOKUPS.Registration!, { variables: { id: registered.id }, token: partner });
  expect(fetched.errors).toBeUndefined();
  expect(fetched.data!.record).toEqual({ id: registered.id });
});
