import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';

import { dropDatabase } from '@hrc/dev-kit';
import { cityIdFromSlug } from '@hrc/domain-kit';
import { createSubgraphApp } from '@hrc/graph-kit';
import {
  DEVELOPMENT_SIGNING_SECRET,
  encodeIdentityHeader,
  parseSubgraphEnvironment,
  signGatewayCall,
  type Identity,
} from '@hrc/service-kit';

import { percentile } from './bench-support';
import { loadToolsConfig } from './config';
import { openDatabaseServer } from './database-server';
import { SUBGRAPHS } from './subgraphs';
import { ensureDatabase } from './synthetic-database';

const WEBHOOKS_DATABASE = 'hub_bench_webhooks';
const SECRETARIAT: Identity = { subject: 'bench', organizationId: null, roles: ['secretariat'] };

/**
 * `npm run bench -- --webhooks [--subscriptions 100] [--rounds 5]`: fan-out of one change to 100 webhook
 * subscriptions. The cities subgraph runs with its production webhook settings (0.5 s poll, pg-boss in its database),
 * except that loopback receivers are allowed; a local HTTP receiver answers 200. Each round publishes one policy and
 * waits until every subscription received it; the latency of a delivery is its receipt time minus the entry's
 * `occurredAt` (set in the writing transaction just before its commit). Prints p50/p95 (target: p50 under 2 s).
 */
export async function runWebhookBenchmark(argv: string[]): Promise<void> {
  const option = (name: string, fallback: number) => {
    const index = argv.indexOf(`--${name}`);
    return index >= 0 ? Number(argv[index + 1]) : fallback;
  };
  const subscriptions = option('subscriptions', 100);
  const rounds = option('rounds', 5);
  const tools = loadToolsConfig();
  const server = await openDatabaseServer(tools, () => undefined);
  await dropDatabase(server.url, WEBHOOKS_DATABASE);
  const url = await ensureDatabase(server.url, WEBHOOKS_DATABASE);
  const cities = SUBGRAPHS.find((subgraph) => subgraph.name === 'cities')!;
  const app = await createSubgraphApp(
    cities.definition,
    parseSubgraphEnvironment(0, {
      DATABASE_URL: url,
      LOG_LEVEL: 'warn',
      NODE_ENV: 'development',
      SEED_ON_START: 'real',
      WEBHOOK_ALLOW_LOOPBACK: 'true',
    }),
  );
  const address = await app.listen(0, '127.0.0.1');
  const receipts = new Map<string, number[]>();
  const occurred = new Map<string, number>();
  const receiver = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const receivedAt = Date.now();
      const { data } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
        data: { entityId: string; occurredAt: string };
      };
      const latencies = receipts.get(data.entityId) ?? [];
      latencies.push(receivedAt - new Date(data.occurredAt).getTime());
      occurred.set(data.entityId, new Date(data.occurredAt).getTime());
      receipts.set(data.entityId, latencies);
      response.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  const call = async (query: string, variables: object): Promise<any> => {
    const body = JSON.stringify({ query, variables });
    const identityHeader = encodeIdentityHeader(SECRETARIAT, randomUUID());
    const response = await fetch(address.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...signGatewayCall(DEVELOPMENT_SIGNING_SECRET, { method: 'POST', url: address.url, identityHeader, body }),
      },
      body,
    });
    const json = (await response.json()) as { data?: Record<string, unknown>; errors?: unknown };
    if (json.errors) throw new Error(JSON.stringify(json.errors));
    return Object.values(json.data!)[0];
  };
  try {
    for (let index = 0; index < subscriptions; index += 1) {
      await call(
        `mutation($i: CreateWebhookSubscriptionInput!) { createCitiesWebhookSubscription(input: $i) { subscription { id } } }`,
        { i: { list: 'cities', url: `${receiverUrl}/subscriber/${index}` } },
      );
    }
    const all: number[] = [];
    const visibility: number[] = [];
    for (let round = 0; round <= rounds; round += 1) {
      const head = (await call(`{ changes { cities(first: 0) { headCursor } } }`, {})).cities.headCursor as string;
      const policy = await call(`mutation($i: CreatePolicyInput!) { createPolicy(input: $i) { id } }`, {
        i: { cityId: cityIdFromSlug('gwangju'), title: `Webhook benchmark ${round}`, summary: 'Fan-out.' },
      });
      // When the change feed serves the entry (every transaction older than it finished): the floor of any delivery.
      let visibleAt: number | null = null;
      const deadline = Date.now() + 120_000;
      while ((receipts.get(policy.id)?.length ?? 0) < subscriptions) {
        if (Date.now() > deadline) {
          throw new Error(`round ${round}: only ${receipts.get(policy.id)?.length ?? 0} deliveries`);
        }
        if (visibleAt === null) {
          const page = await call(
            `query($after: String) { changes { cities(first: 5, after: $after) { edges { node { entityId } } } } }`,
            {
              after: head,
            },
          );
          if (page.cities.edges.some((edge: { node: { entityId: string } }) => edge.node.entityId === policy.id)) {
            visibleAt = Date.now();
          }
        }
        await sleep(10);
      }
      const latencies = [...receipts.get(policy.id)!].sort((a, b) => a - b);
      const occurredAt = occurred.get(policy.id)!;
      const visible = (visibleAt ?? Date.now()) - occurredAt;
      // Round 0 warms up the queue and the connections; a pause puts each change at a fresh point of the poll.
      if (round > 0) {
        all.push(...latencies);
        visibility.push(visible);
      }
      console.log(
        `change ${round}${round === 0 ? ' (warm-up)' : ''}: served by the feed after ${visible} ms; delivered first ${latencies[0]} ms, median ${percentile(latencies, 50)} ms, last ${latencies[latencies.length - 1]} ms`,
      );
      await sleep(300 + Math.floor(Math.random() * 700));
    }
    all.sort((a, b) => a - b);
    const p50 = percentile(all, 50);
    console.log(
      `Webhook fan-out: ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}; ` +
        `the cities subgraph with its production webhook settings, ${subscriptions} subscriptions, one local receiver`,
    );
    console.log('deliveries'.padEnd(12), 'p50 ms'.padStart(9), 'p95 ms'.padStart(9), 'max ms'.padStart(9));
    console.log(
      `${all.length} (${rounds} changes × ${subscriptions})`.padEnd(12),
      String(p50).padStart(9),
      String(percentile(all, 95)).padStart(9),
      String(all[all.length - 1]).padStart(9),
    );
    console.log(
      `p50 from the change's commit to receipt: ${p50} ms (target < 2000 ms: ${p50 < 2000 ? 'met' : 'NOT met'})`,
    );
  } finally {
    receiver.closeAllConnections();
    receiver.close();
    await app.close();
    await dropDatabase(server.url, WEBHOOKS_DATABASE);
    await server.stop();
  }
}
