import { Client } from 'pg';
import { Webhook } from 'standardwebhooks';

import { startTestSubgraph } from '@hrc/dev-kit/testing';
import { cityIdFromSlug, organizationIdFromSlug } from '@hrc/domain-kit';
import { sendSigned } from '@hrc/graph-kit';
import type { Identity } from '@hrc/service-kit';
import { SUBGRAPHS } from '@hrc/tools';

import { startHub, type RunningHub } from './support/hub';
import { startWebhookReceiver, type WebhookReceiver } from './support/webhook-receiver';

/*
 * Push delivery through the real gateway, three real subgraphs with their pg-boss queues in PostgreSQL, and a real
 * HTTP receiver on loopback (allowed by WEBHOOK_ALLOW_LOOPBACK, as in development). Retries are milliseconds apart
 * here; production waits 10 s, doubling, for 3 days.
 */

const OWNER = organizationIdFromSlug('gwangju-international-center');
const OTHER = organizationIdFromSlug('etc-graz');
const GWANGJU = cityIdFromSlug('gwangju');

const WEBHOOKS_ENVIRONMENT = {
  WEBHOOK_DELIVERY: 'true',
  WEBHOOK_ALLOW_LOOPBACK: 'true',
  WEBHOOK_POLL_INTERVAL_MS: '50',
  WEBHOOK_RETRY_BASE_MS: '20',
  WEBHOOK_RETRY_MAX_DELAY_MS: '200',
  // Long enough for the flaky receiver's 3 failures, short enough to see an entry dead-lettered.
  WEBHOOK_RETRY_WINDOW_MS: '8000',
  // Longer than the held receiver's test takes, so an attempt held open is never abandoned by the sender on its own.
  WEBHOOK_TIMEOUT_MS: '60000',
};

/** Paths whose receiver holds each answer open until the promise resolves. */
const held = new Map<string, Promise<number>>();

/** Paths whose receiver is down (answers 500) until removed from here. */
const down = new Set<string>();

let hub: RunningHub;
let receiver: WebhookReceiver;
let tokens: { secretariat: string; owner: string; other: string; liaison: string };
let unique = 0;

beforeAll(async () => {
  // Each path fails its first 3 attempts of every entry when it starts with /flaky, and always when /down.
  receiver = await startWebhookReceiver(({ path, previousAttempts }) => {
    if (held.has(path)) return held.get(path)!;
    if (path.startsWith('/flaky')) return previousAttempts < 3 ? 503 : 204;
    if (down.has(path)) return 500;
    return 200;
  });
  hub = await startHub({ subgraphEnvironment: WEBHOOKS_ENVIRONMENT });
  tokens = {
    secretariat: await hub.token('secretariat'),
    owner: await hub.token('partner', OWNER),
    other: await hub.token('partner', OTHER),
    liaison: await hub.token('liaison'),
  };
});
afterAll(async () => {
  await hub?.close();
  await receiver?.close();
});

async function mutate(query: string, variables: Record<string, unknown>, token: string): Promise<any> {
  const result = await hub.query(query, { variables, token });
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return Object.values(result.data!)[0];
}

const SUBSCRIBE = (subgraph: string) =>
  `mutation($i: CreateWebhookSubscriptionInput!) { create${subgraph}WebhookSubscription(input: $i) { secret subscription { id list url organizationId } } }`;

const publishPolicy = (title: string) =>
  mutate(
    `mutation($i: CreatePolicyInput!) { createPolicy(input: $i) { id } }`,
    { i: { cityId: GWANGJU, title, summary: 'Webhook test.' } },
    tokens.secretariat,
  );

test('a receiver failing the first 3 attempts of each entry gets each entry delivered once, in order, signed', async () => {
  const path = `/flaky/${(unique += 1)}`;
  const created = await mutate(
    SUBSCRIBE('Cities'),
    { i: { list: 'cities', url: `${receiver.url}${path}` } },
    tokens.secretariat,
  );
  expect(created.secret).toMatch(/^whsec_/);
  const policies = [];
  for (const title of ['Webhook one', 'Webhook two', 'Webhook three']) policies.push(await publishPolicy(title));
  await receiver.until(() => receiver.accepted(path).length >= 3);

  const attempts = receiver.received.filter((entry) => entry.path === path);
  expect(receiver.accepted(path).map((entry) => entry.data.entityId)).toEqual(policies.map((policy) => policy.id));
  // In order: every attempt of an entry comes before any attempt of the next; 3 failures then 1 success each.
  expect(attempts.map((entry) => [entry.data.entityId, entry.status])).toEqual(
    policies.flatMap((policy) => [
      [policy.id, 503],
      [policy.id, 503],
      [policy.id, 503],
      [policy.id, 204],
    ]),
  );
  const verifier = new Webhook(created.secret);
  for (const entry of attempts) {
    const headers = {
      'webhook-id': String(entry.headers['webhook-id']),
      'webhook-timestamp': String(entry.headers['webhook-timestamp']),
      'webhook-signature': String(entry.headers['webhook-signature']),
    };
    expect(verifier.verify(entry.body, headers)).toMatchObject({
      type: 'cities.published',
      data: { list: 'cities', entityType: 'Policy', action: 'CREATE', cityId: GWANGJU },
    });
    // Every attempt of one entry carries the same webhook-id.
    const sameEntry = attempts.filter((other) => other.data.entityId === entry.data.entityId);
    expect(new Set(sameEntry.map((other) => other.headers['webhook-id'])).size).toBe(1);
  }
  expect(() =>
    new Webhook(`whsec_${Buffer.alloc(32).toString('base64')}`).verify(attempts[0]!.body, {
      'webhook-id': String(attempts[0]!.headers['webhook-id']),
      'webhook-timestamp': String(attempts[0]!.headers['webhook-timestamp']),
      'webhook-signature': String(attempts[0]!.headers['webhook-signature']),
    }),
  ).toThrow();

  const listed = await hub.query(
    `{ webhooks { cities(first: 100) { edges { node { id deliveries(first: 10) { totalCount edges { node { entityId status attempts lastResponseCode lastError deliveredAt webhookId } } } } } } } }`,
    { token: tokens.secretariat },
  );
  expect(listed.errors).toBeUndefined();
  const mine = listed.data!.webhooks.cities.edges.find((edge: any) => edge.node.id === created.subscription.id).node;
  expect(mine.deliveries.totalCount).toBe(3);
  expect(mine.deliveries.edges.map((edge: any) => edge.node)).toEqual(
    [...policies]
      .reverse()
      .map((policy) =>
        expect.objectContaining({ entityId: policy.id, status: 'DELIVERED', attempts: 4, lastResponseCode: 204 }),
      ),
  );
});

test('a receiver holding its answer open does not hold up another subscription of the same subgraph', async () => {
  const slow = `/held/${(unique += 1)}`;
  const fast = `/beside-held/${unique}`;
  let release!: (status: number) => void;
  held.set(
    slow,
    new Promise<number>((resolve) => {
      release = resolve;
    }),
  );
  try {
    await mutate(SUBSCRIBE('Cities'), { i: { list: 'cities', url: `${receiver.url}${slow}` } }, tokens.secretariat);
    await mutate(SUBSCRIBE('Cities'), { i: { list: 'cities', url: `${receiver.url}${fast}` } }, tokens.secretariat);
    const first = await publishPolicy('Held by a slow receiver');
    await receiver.until(() => receiver.arrived.some((entry) => entry.path === slow));
    // The slow subscription's job is now active; the feed moves again, which wakes every subscription.
    const second = await publishPolicy('Published while the slow receiver holds its answer');
    await receiver.until(() => receiver.accepted(fast).some((entry) => entry.data.entityId === second.id));
    const slowAttempts = receiver.arrived.filter((entry) => entry.path === slow);
    // The slow receiver still holds its first attempt, which the hub has not given up on: nothing waited for it.
    expect(slowAttempts.map((entry) => [entry.data.entityId, entry.answered, entry.abandoned])).toEqual([
      [first.id, false, false],
    ]);
    expect(receiver.accepted(fast).map((entry) => entry.data.entityId)).toEqual([first.id, second.id]);
    release(200);
    await receiver.until(() => receiver.accepted(slow).some((entry) => entry.data.entityId === second.id));
    expect(receiver.accepted(slow).map((entry) => entry.data.entityId)).toEqual([first.id, second.id]);
  } finally {
    release(200);
    held.delete(slow);
  }
});

test('stopping a subgraph ends an attempt in flight at once instead of waiting out its timeout', async () => {
  const path = `/held-at-stop/${(unique += 1)}`;
  held.set(path, new Promise<number>(() => {}));
  const secretariat: Identity = { subject: 'stop-test', organizationId: null, roles: ['secretariat'] };
  const cities = await startTestSubgraph(SUBGRAPHS.find((subgraph) => subgraph.name === 'cities')!.definition, {
    ...WEBHOOKS_ENVIRONMENT,
    SEED_ON_START: 'real',
  });
  let closed = false;
  try {
    const subscribed = await cities.query(
      SUBSCRIBE('Cities'),
      { i: { list: 'cities', url: `${receiver.url}${path}` } },
      secretariat,
    );
    expect(subscribed.errors).toBeUndefined();
    const published = await cities.query(
      `mutation($i: CreatePolicyInput!) { createPolicy(input: $i) { id } }`,
      { i: { cityId: GWANGJU, title: 'In flight at stop', summary: 'Webhook test.' } },
      secretariat,
    );
    expect(published.errors).toBeUndefined();
    await receiver.until(() => receiver.arrived.some((entry) => entry.path === path));
    await cities.close();
    closed = true;
    // The attempt (60 s timeout here) was given up when the worker stopped, not left running after it.
    expect(receiver.arrived.filter((entry) => entry.path === path).map((entry) => entry.abandoned)).toEqual([true]);
  } finally {
    if (!closed) await cities.close();
    held.delete(path);
  }
});

test("a partner's subscription receives what `changes` shows its organisation, never another's private entries", async () => {
  const path = `/partner/${(unique += 1)}`;
  const cities = await mutate(
    SUBSCRIBE('Cities'),
    { i: { list: 'cities', url: `${receiver.url}${path}/cities` } },
    tokens.owner,
  );
  expect(cities.subscription.organizationId).toBe(OWNER);
  await mutate(
    SUBSCRIBE('Events'),
    { i: { list: 'eventRegistrations', url: `${receiver.url}${path}/registrations` } },
    tokens.owner,
  );

  // Another organisation's draft (private to it), then a published record as a sentinel: delivery is in order.
  const draft = await mutate(
    `mutation($i: CreatePolicyInput!) { createPolicy(input: $i) { id status } }`,
    { i: { cityId: GWANGJU, title: 'Another organisation draft', summary: 'Private.' } },
    tokens.other,
  );
  expect(draft.status).toBe('SUBMITTED');
  const sentinel = await publishPolicy('Published after the draft');

  const event = (organizationId: string) =>
    mutate(
      `mutation($i: CreateEventInput!) { createEvent(input: $i) { id } }`,
      {
        i: {
          kind: 'WORKSHOP',
          title: `Webhook event ${(unique += 1)}`,
          startsAt: '2031-04-01T01:00:00Z',
          endsAt: '2031-04-01T02:00:00Z',
          timeZone: 'Asia/Seoul',
          format: 'ONLINE',
          capacity: 10,
          organizationId,
        },
      },
      tokens.secretariat,
    );
  const register = (eventId: string) =>
    mutate(
      `mutation($i: RegisterForEventInput!) { registerForEvent(input: $i) { id } }`,
      { i: { eventId, participantName: 'Delegate', email: `d${(unique += 1)}@example.org` } },
      tokens.secretariat,
    );
  const othersEvent = await event(OTHER);
  const ownEvent = await event(OWNER);
  const othersRegistration = await register(othersEvent.id);
  const ownRegistration = await register(ownEvent.id);

  await receiver.until(
    () =>
      receiver.accepted(`${path}/cities`).some((entry) => entry.data.entityId === sentinel.id) &&
      receiver.accepted(`${path}/registrations`).some((entry) => entry.data.entityId === ownRegistration.id),
  );
  const everything = receiver.received
    .filter((entry) => entry.path.startsWith(path))
    .map((entry) => entry.data.entityId);
  expect(everything).not.toContain(draft.id);
  expect(everything).not.toContain(othersRegistration.id);
  expect(receiver.accepted(`${path}/registrations`).map((entry) => entry.data.organizationId)).toEqual([OWNER]);

  // The other partner sees none of these subscriptions; the owner sees its own.
  const seen = async (token: string) =>
    (
      await hub.query(
        `{ webhooks { cities(first: 100) { edges { node { id } } } events(first: 100) { totalCount } } }`,
        { token },
      )
    ).data!.webhooks;
  expect((await seen(tokens.other)).cities.edges.map((edge: any) => edge.node.id)).not.toContain(
    cities.subscription.id,
  );
  expect((await seen(tokens.owner)).cities.edges.map((edge: any) => edge.node.id)).toContain(cities.subscription.id);
  expect((await seen(tokens.owner)).events.totalCount).toBe(1);
});

test('only partners and the secretariat subscribe; bad input names its field and writes nothing', async () => {
  const input = { list: 'cities', url: `${receiver.url}/never` };
  const codeOf = async (variables: Record<string, unknown>, token?: string) =>
    (await hub.query(SUBSCRIBE('Cities'), { variables, token })).errors?.[0]?.extensions;
  expect((await codeOf({ i: input }))?.code).toBe('UNAUTHENTICATED');
  expect((await codeOf({ i: input }, tokens.liaison))?.code).toBe('FORBIDDEN');
  expect((await codeOf({ i: { ...input, organizationId: OTHER } }, tokens.owner))?.code).toBe('FORBIDDEN');
  expect(await codeOf({ i: { ...input, list: 'events' } }, tokens.owner)).toMatchObject({
    code: 'BAD_USER_INPUT',
    field: 'list',
  });
  expect(await codeOf({ i: { ...input, url: 'not a url' } }, tokens.owner)).toMatchObject({
    code: 'BAD_USER_INPUT',
    field: 'url',
  });
  expect(await codeOf({ i: { ...input, url: 'ftp://example.org/hook' } }, tokens.owner)).toMatchObject({
    code: 'BAD_USER_INPUT',
    field: 'url',
  });
  expect((await hub.query(`{ webhooks { cities { totalCount } } }`)).errors?.[0]?.extensions?.code).toBe(
    'UNAUTHENTICATED',
  );
  const all = await hub.query(`{ webhooks { cities(first: 100) { edges { node { url } } } } }`, {
    token: tokens.secretariat,
  });
  expect(all.data!.webhooks.cities.edges.map((edge: any) => edge.node.url)).not.toContain(`${receiver.url}/never`);

  // Another organisation cannot delete or redeliver the owner's subscription.
  const owned = await mutate(
    SUBSCRIBE('Cities'),
    { i: { list: 'cities', url: `${receiver.url}/owned` } },
    tokens.owner,
  );
  const deleted = await hub.query(`mutation($id: ID!) { deleteCitiesWebhookSubscription(id: $id) }`, {
    variables: { id: owned.subscription.id },
    token: tokens.other,
  });
  expect(deleted.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  expect(
    await mutate(
      `mutation($id: ID!) { deleteCitiesWebhookSubscription(id: $id) }`,
      { id: owned.subscription.id },
      tokens.owner,
    ),
  ).toBe(owned.subscription.id);
});

test('an organisation holds at most 10 subscriptions to one list; the 11th is refused naming list, nothing written', async () => {
  const path = `/cap/${(unique += 1)}`;
  const subscribe = (index: number) =>
    hub.query(SUBSCRIBE('Cities'), {
      variables: { i: { list: 'cities', url: `${receiver.url}${path}/${index}` } },
      token: tokens.other,
    });
  const countOf = async () =>
    (
      await hub.query(`{ webhooks { cities(first: 100) { edges { node { id url } } } } }`, { token: tokens.other })
    ).data!.webhooks.cities.edges.filter((edge: any) => edge.node.url.includes(path));
  const ids: string[] = [];
  for (let index = 0; index < 10; index += 1) {
    const created = await subscribe(index);
    expect(created.errors).toBeUndefined();
    ids.push(created.data!.createCitiesWebhookSubscription.subscription.id);
  }
  const refused = await subscribe(10);
  expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'list' });
  expect((await countOf()).length).toBe(10);
  // Another organisation's (and the secretariat's own) count separately.
  const owners = await hub.query(SUBSCRIBE('Cities'), {
    variables: { i: { list: 'cities', url: `${receiver.url}${path}/owner` } },
    token: tokens.owner,
  });
  expect(owners.errors).toBeUndefined();
  const deleteSubscription = (id: string, token: string) =>
    mutate(`mutation($id: ID!) { deleteCitiesWebhookSubscription(id: $id) }`, { id }, token);
  // A place freed is a place taken again.
  await deleteSubscription(ids.pop()!, tokens.other);
  const again = await subscribe(11);
  expect(again.errors).toBeUndefined();
  ids.push(again.data!.createCitiesWebhookSubscription.subscription.id);
  for (const id of ids) await deleteSubscription(id, tokens.other);
  await deleteSubscription(owners.data!.createCitiesWebhookSubscription.subscription.id, tokens.owner);
  expect(await countOf()).toEqual([]);
});

test('an entry that fails for the whole retry window is dead-lettered, later entries go on, and redeliver sends it again', async () => {
  const path = `/down/${(unique += 1)}`;
  down.add(path);
  const created = await mutate(
    SUBSCRIBE('Cities'),
    { i: { list: 'cities', url: `${receiver.url}${path}` } },
    tokens.secretariat,
  );
  const deliveries = async () =>
    (
      await hub.query(
        `query { webhooks { cities(first: 100) { edges { node { id deliveries(first: 10) { edges { node { id entityId status attempts lastResponseCode lastError nextAttemptAt webhookId } } } } } } } }`,
        { token: tokens.secretariat },
      )
    )
      .data!.webhooks.cities.edges.find((edge: any) => edge.node.id === created.subscription.id)
      .node.deliveries.edges.map((edge: any) => edge.node);
  const until = async (condition: (rows: any[]) => boolean) => {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const rows = await deliveries();
      if (condition(rows)) return rows;
      if (Date.now() > deadline) throw new Error(`deliveries never matched: ${JSON.stringify(rows)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  const lost = await publishPolicy('Dead-lettered entry');
  const [dead] = await until((rows) => rows[0]?.status === 'DEAD');
  expect(dead).toMatchObject({ entityId: lost.id, lastResponseCode: 500, nextAttemptAt: null });
  expect(dead.attempts).toBeGreaterThan(1);
  expect(dead.lastError).toContain('HTTP 500');

  down.delete(path);
  const next = await publishPolicy('Delivered after the dead one');
  await receiver.until(() => receiver.accepted(path).some((entry) => entry.data.entityId === next.id));

  const redelivered = await mutate(
    `mutation($id: ID!) { redeliverCitiesWebhook(deliveryId: $id) { id status } }`,
    { id: dead.id },
    tokens.secretariat,
  );
  expect(redelivered).toEqual({ id: dead.id, status: 'PENDING' });
  await receiver.until(() => receiver.accepted(path).some((entry) => entry.data.entityId === lost.id));
  const attemptsOfLost = receiver.received.filter((entry) => entry.path === path && entry.data.entityId === lost.id);
  expect(new Set(attemptsOfLost.map((entry) => entry.headers['webhook-id']))).toEqual(new Set([dead.webhookId]));
  const rows = await until((all) => all.every((row) => row.status === 'DELIVERED'));
  expect(rows.map((row: any) => row.entityId)).toEqual([next.id, lost.id]);

  // Only a dead or delivered entry can be sent again; another organisation may not.
  const again = await hub.query(`mutation($id: ID!) { redeliverCitiesWebhook(deliveryId: $id) { id } }`, {
    variables: { id: dead.id },
    token: tokens.owner,
  });
  expect(again.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

  // Deleting the subscription deletes its delivery history with it (a foreign key, on delete cascade), and no
  // delivery row can name a subscription that does not exist.
  const database = new Client({ connectionString: hub.subgraphs.get('cities')!.database.url });
  await database.connect();
  try {
    const count = async () =>
      Number(
        (
          await database.query(`select count(*) as n from cities.webhook_delivery where subscription_id = $1`, [
            created.subscription.id,
          ])
        ).rows[0].n,
      );
    expect(await count()).toBe(2);
    expect(
      await mutate(
        `mutation($id: ID!) { deleteCitiesWebhookSubscription(id: $id) }`,
        { id: created.subscription.id },
        tokens.secretariat,
      ),
    ).toBe(created.subscription.id);
    expect(await count()).toBe(0);
    await expect(
      database.query(
        `insert into cities.webhook_delivery (subscription_id, audit_record_id, message_id, payload, created_at)
         values ($1, 1, 'msg_orphan', '{}', now())`,
        [created.subscription.id],
      ),
    ).rejects.toMatchObject({ code: '23503' });
  } finally {
    await database.end();
  }
});

test('the production endpoint policy refuses non-public receivers at registration and again at delivery', async () => {
  // WEBHOOK_ALLOW_LOOPBACK left at its default, false, as production requires.
  const cities = await startTestSubgraph(SUBGRAPHS.find((subgraph) => subgraph.name === 'cities')!.definition);
  const secretariat: Identity = { subject: 'ssrf-test', organizationId: null, roles: ['secretariat'] };
  try {
    const register = (url: string) => cities.query(SUBSCRIBE('Cities'), { i: { list: 'cities', url } }, secretariat);
    const port = new URL(receiver.url).port;
    for (const url of [
      `https://127.0.0.1:${port}/hook`,
      `https://localhost:${port}/hook`,
      `https://[::1]:${port}/hook`,
      `https://[::ffff:127.0.0.1]:${port}/hook`,
      'https://10.0.0.1/hook',
      'https://169.254.169.254/latest/meta-data',
      'https://[fe80::1]/hook',
      'https://[fd00::1]/hook',
      'https://0.0.0.0/hook',
      'https://224.0.0.1/hook',
    ]) {
      const result = await register(url);
      expect({ url, error: result.errors?.[0]?.extensions }).toEqual({
        url,
        error: expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'url' }),
      });
    }
    // Plain http is refused in production, even to a public host.
    expect((await register('http://example.org/hook')).errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'url',
      reason: 'must be an https URL',
    });
    const written = await cities.query<{ webhooks: { cities: { totalCount: number } } }>(
      `{ webhooks { cities { totalCount } } }`,
      {},
      secretariat,
    );
    expect(written.data!.webhooks.cities.totalCount).toBe(0);

    // At delivery the address is checked where the socket connects: a name that resolves to loopback now (DNS
    // rebinding after registration) is refused, and the receiver gets nothing.
    for (const url of [`http://localhost:${port}/rebound`, `http://127.0.0.1:${port}/rebound`]) {
      const attempt = await sendSigned({
        url,
        secret: `whsec_${Buffer.alloc(32, 1).toString('base64')}`,
        messageId: 'msg_rebinding',
        payload: '{}',
        timeoutMs: 2000,
        policy: { allowLoopback: false },
      });
      expect(attempt).toMatchObject({
        delivered: false,
        responseCode: null,
        error: expect.stringContaining('not a public address'),
      });
    }
    expect(receiver.received.filter((entry) => entry.path === '/rebound')).toEqual([]);
  } finally {
    await cities.close();
  }
});
