import { cityIdFromSlug, organizationIdFromSlug } from '@hrc/domain-kit';

import { startHub, type RunningHub } from './support/hub';

let hub: RunningHub;
const partnerOrg = organizationIdFromSlug('gwangju-international-center');
const ids: Record<string, string> = {};
let tokens: Record<'partner' | 'otherPartner' | 'liaison' | 'secretariat', string>;

beforeAll(async () => {
  hub = await startHub();
  tokens = {
    partner: await hub.token('partner', partnerOrg),
    otherPartner: await hub.token('partner', organizationIdFromSlug('etc-graz')),
    liaison: await hub.token('liaison'),
    secretariat: await hub.token('secretariat'),
  };
  const gwangju = cityIdFromSlug('gwangju');
  const contribute = async (key: string, mutation: string, input: Record<string, unknown>) => {
    const result = await hub.query(mutation, { variables: { input }, token: tokens.partner });
    expect(result.errors).toBeUndefined();
    ids[key] = (Object.values(result.data!)[0] as { id: string }).id;
  };
  await contribute('policy', `mutation($input: CreatePolicyInput!) { createPolicy(input: $input) { id } }`, {
    cityId: gwangju,
    title: 'Multilingual city hall counters',
    summary: 'Interpretation at every counter.',
  });
  await contribute('event', `mutation($input: CreateEventInput!) { createEvent(input: $input) { id } }`, {
    kind: 'WORKSHOP',
    title: 'Easy-read workshop',
    startsAt: '2031-05-01T01:00:00Z',
    endsAt: '2031-05-01T03:00:00Z',
    timeZone: 'Asia/Seoul',
    format: 'ONLINE',
    hostCityId: gwangju,
  });
  await contribute('program', `mutation($input: CreateProgramInput!) { createProgram(input: $input) { id } }`, {
    cityId: gwangju,
    title: 'Rights of migrant workers, for counsellors',
    description: 'A contributed programme.',
    audiences: ['CIVIL_SOCIETY'],
  });
});
afterAll(() => hub.close());

const QUEUE = `query($filter: ModerationQueueFilter) {
  moderationQueue(filter: $filter) {
    policies(first: 10) { totalCount edges { node { id title status } } }
    indicatorValues(first: 10) { totalCount edges { node { year value source status } } }
    events(first: 10) { totalCount edges { node { id title status } } }
    programs(first: 10) { totalCount edges { node { id title status } } }
  }
}`;

test('one moderation queue across the three subgraphs, for the secretariat', async () => {
  const result = await hub.query(QUEUE, { token: tokens.secretariat });
  expect(result.errors).toBeUndefined();
  const queue = result.data!.moderationQueue;
  expect(queue.policies.edges.map((edge: any) => edge.node.id)).toEqual([ids.policy]);
  expect(queue.events.edges.map((edge: any) => edge.node.id)).toEqual([ids.event]);
  expect(queue.programs.edges.map((edge: any) => edge.node.id)).toEqual([ids.program]);
  expect(queue.indicatorValues.totalCount).toBe(0);
});

test('the queue filters by kind, city and organisation', async () => {
  const onlyEvents = await hub.query(QUEUE, { variables: { filter: { kinds: ['EVENT'] } }, token: tokens.secretariat });
  expect(onlyEvents.data!.moderationQueue.policies.totalCount).toBe(0);
  expect(onlyEvents.data!.moderationQueue.events.totalCount).toBe(1);
  const otherOrganisation = await hub.query(QUEUE, {
    variables: { filter: { organizationId: organizationIdFromSlug('etc-graz') } },
    token: tokens.secretariat,
  });
  expect(otherOrganisation.data!.moderationQueue.programs.totalCount).toBe(0);
  const otherCity = await hub.query(QUEUE, {
    variables: { filter: { cityId: cityIdFromSlug('vienna') } },
    token: tokens.secretariat,
  });
  expect(otherCity.data!.moderationQueue.events.totalCount).toBe(0);
});

test.each([
  ['anonymous', undefined, 'UNAUTHENTICATED'],
  ['the contributing partner', 'partner', 'FORBIDDEN'],
  ['another partner', 'otherPartner', 'FORBIDDEN'],
  ['liaison staff', 'liaison', 'FORBIDDEN'],
] as const)('%s cannot read the queue or the audit trail', async (_label, caller, code) => {
  const token = caller ? tokens[caller] : undefined;
  const queue = await hub.query(QUEUE, { token });
  // Root fields are nullable (a subgraph can be down), so a refusal nulls the field, not the whole answer.
  expect(queue.data).toEqual({ moderationQueue: null });
  expect(queue.errors?.[0]?.extensions?.code).toBe(code);
  const trail = await hub.query(`{ auditTrail { cities(first: 5) { totalCount } } }`, { token });
  expect(trail.data).toEqual({ auditTrail: null });
  expect(trail.errors?.[0]?.extensions?.code).toBe(code);
});

test('approving through the gateway publishes the record and empties its place in the queue', async () => {
  const read = `query($id: ID!) { event(id: $id) { title } }`;
  expect((await hub.query(read, { variables: { id: ids.event } })).data!.event).toBeNull();
  const approved = await hub.query(
    `mutation($id: ID!) { moderateEvent(id: $id, expectedVersion: 1, input: { decision: APPROVE }) { status } }`,
    { variables: { id: ids.event }, token: tokens.secretariat },
  );
  expect(approved.data!.moderateEvent.status).toBe('PUBLISHED');
  expect((await hub.query(read, { variables: { id: ids.event } })).data!.event.title).toBe('Easy-read workshop');
  const queue = await hub.query(QUEUE, { token: tokens.secretariat });
  expect(queue.data!.moderationQueue.events.totalCount).toBe(0);
});

test('the audit trail of every subgraph, filtered by organisation and by record', async () => {
  const byOrganisation = await hub.query(
    `query($org: ID) { auditTrail(filter: { organizationId: $org }) {
      cities(first: 10) { edges { node { action entityType entityId actorRoles } } }
      events(first: 10) { edges { node { action entityType entityId } } }
      education(first: 10) { edges { node { action entityType entityId after } } }
    } }`,
    { variables: { org: partnerOrg }, token: tokens.secretariat },
  );
  expect(byOrganisation.errors).toBeUndefined();
  const trail = byOrganisation.data!.auditTrail;
  expect(trail.cities.edges.map((edge: any) => edge.node)).toEqual([
    { action: 'CREATE', entityType: 'Policy', entityId: ids.policy, actorRoles: ['partner'] },
  ]);
  expect(trail.events.edges.map((edge: any) => [edge.node.action, edge.node.entityId])).toEqual([
    ['CREATE', ids.event],
  ]);
  expect(trail.education.edges[0].node).toMatchObject({
    action: 'CREATE',
    entityType: 'Program',
    entityId: ids.program,
  });
  expect(trail.education.edges[0].node.after.title).toBe('Rights of migrant workers, for counsellors');

  const byRecord = await hub.query(
    `query($id: ID) { auditTrail(filter: { entityId: $id }) { events(first: 10) { edges { node { action actorSubject } } } } }`,
    { variables: { id: ids.event }, token: tokens.secretariat },
  );
  expect(byRecord.data!.auditTrail.events.edges.map((edge: any) => edge.node.action)).toEqual(['APPROVE', 'CREATE']);
});
