import { spawn, type ChildProcess } from 'node:child_process';

import { createTestDatabase, postSigned, TEST_SIGNING_SECRET, type TestDatabase } from '@hrc/dev-kit/testing';
import { cityIdFromSlug } from '@hrc/domain-kit';
import type { Identity } from '@hrc/service-kit';
import { SUBGRAPHS } from '@hrc/tools';

import { startWebhookReceiver, type WebhookReceiver } from './support/webhook-receiver';

/*
 * The cities subgraph as its own process (its built main, as `npm start` and production run it), killed with SIGKILL
 * in the middle of 200 deliveries and started again on the same database: every entry arrives, in order of first
 * arrival, and every copy of an entry carries the same webhook-id. The killed process's lease on the subscription
 * lapses (attempts time out after 1 s here, so it lasts 3 s), then the restarted process takes it; pg-boss's job
 * expiry is left at its default (5 minutes) and plays no part.
 */

const SECRETARIAT: Identity = { subject: 'crash-test', organizationId: null, roles: ['secretariat'] };
const ENTRIES = 200;
/** Requests answered before the receiver holds its answers until the first process is killed. */
const ANSWERED_BEFORE_KILL = 40;

let database: TestDatabase;
let receiver: WebhookReceiver;
let requests = 0;
let killed = false;
let afterKill: (status: number) => void = () => {};
const held = new Promise<number>((resolve) => {
  afterKill = resolve;
});
const children: ChildProcess[] = [];

async function startCities(): Promise<{ child: ChildProcess; url: string }> {
  const main = SUBGRAPHS.find((subgraph) => subgraph.name === 'cities')!.main;
  const child = spawn(process.execPath, [main], {
    env: {
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      DATABASE_URL: database.url,
      HUB_SIGNING_SECRET: TEST_SIGNING_SECRET,
      PORT: '0',
      METRICS_PORT: '0',
      SEED_ON_START: 'real',
      LOAD_SHED_EVENT_LOOP_DELAY_MS: '0',
      SHUTDOWN_GRACE_MS: '1000',
      WEBHOOK_DELIVERY: 'true',
      WEBHOOK_ALLOW_LOOPBACK: 'true',
      WEBHOOK_POLL_INTERVAL_MS: '50',
      WEBHOOK_RETRY_BASE_MS: '20',
      WEBHOOK_TIMEOUT_MS: '1000',
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  children.push(child);
  const port = await new Promise<number>((resolve, reject) => {
    child.on('message', (message: { type?: string; port?: number }) => {
      if (message?.type === 'listening' && typeof message.port === 'number') resolve(message.port);
    });
    child.once('exit', (code) => reject(new Error(`cities exited with code ${code} while starting`)));
  });
  return { child, url: `http://127.0.0.1:${port}/graphql` };
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

async function call(url: string, query: string, variables: Record<string, unknown>): Promise<any> {
  const response = await postSigned(url, JSON.stringify({ query, variables }), SECRETARIAT);
  const body = (await response.json()) as { data?: Record<string, unknown>; errors?: unknown };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return Object.values(body.data!)[0];
}

beforeAll(async () => {
  database = await createTestDatabase('webhooks_crash');
  // The first 40 requests are answered; later ones are held (the hub sees no answer) until the first process is
  // killed, so exactly 40 entries are delivered before the kill, however fast the hub sends. Then every request is
  // answered at once.
  receiver = await startWebhookReceiver(() => {
    requests += 1;
    return killed || requests <= ANSWERED_BEFORE_KILL ? 200 : held;
  });
});
afterAll(async () => {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await exited(child);
    }
  }
  await receiver?.close();
  await database?.drop();
});

test('a subgraph killed with SIGKILL in the middle of 200 deliveries delivers every entry after restart, each under one webhook-id', async () => {
  const first = await startCities();
  await call(
    first.url,
    `mutation($i: CreateWebhookSubscriptionInput!) { createCitiesWebhookSubscription(input: $i) { subscription { id } } }`,
    { i: { list: 'cities', url: `${receiver.url}/crash` } },
  );
  const created = await call(
    first.url,
    `mutation($i: CreatePoliciesInput!) { createPolicies(input: $i) { committed rows { record { id status } } } }`,
    {
      i: {
        mode: 'ALL_OR_NOTHING',
        rows: Array.from({ length: ENTRIES }, (_, index) => ({
          cityId: cityIdFromSlug('gwangju'),
          title: `Crash test policy ${index}`,
          summary: 'Delivered at least once.',
        })),
      },
    },
  );
  const ids: string[] = created.rows.map((row: { record: { id: string; status: string } }) => row.record.id);
  expect(created.rows.every((row: { record: { status: string } }) => row.record.status === 'PUBLISHED')).toBe(true);

  await receiver.until(() => receiver.arrived.length > ANSWERED_BEFORE_KILL);
  first.child.kill('SIGKILL');
  await exited(first.child);
  killed = true;
  const beforeRestart = new Set(receiver.accepted().map((entry) => entry.data.entityId)).size;
  expect(beforeRestart).toBe(ANSWERED_BEFORE_KILL);
  // The held requests' sender is gone: what they are answered is never read, and counts as not delivered here.
  afterKill(503);

  const second = await startCities();
  await receiver.until(() => new Set(receiver.accepted().map((entry) => entry.data.entityId)).size >= ENTRIES, 120_000);

  const firstArrivals: string[] = [];
  const webhookIds = new Map<string, Set<string>>();
  for (const entry of receiver.accepted()) {
    if (!webhookIds.has(entry.data.entityId)) firstArrivals.push(entry.data.entityId);
    webhookIds.set(
      entry.data.entityId,
      (webhookIds.get(entry.data.entityId) ?? new Set()).add(String(entry.headers['webhook-id'])),
    );
  }
  expect(firstArrivals).toEqual(ids);
  expect([...webhookIds.values()].filter((set) => set.size !== 1)).toEqual([]);
  // Distinct entries get distinct ids.
  expect(new Set([...webhookIds.values()].map((set) => [...set][0])).size).toBe(ENTRIES);

  second.child.kill('SIGTERM');
  await exited(second.child);
});
