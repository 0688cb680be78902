import { randomUUID } from 'node:crypto';

import { createSubgraphApp, type SubgraphApp, type SubgraphDefinition } from '@hrc/graph-kit';
import {
  ANONYMOUS,
  encodeIdentityHeader,
  parseEnvironment,
  signGatewayCall,
  subgraphEnvironmentSchema,
  type Identity,
  type SubgraphConfig,
} from '@hrc/service-kit';

import { createTestDatabase, type TestDatabase } from './database';

export const TEST_SIGNING_SECRET = 'test-signing-secret-that-is-long-enough-000';

export interface GraphQLResult<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, unknown> }>;
}

export interface TestSubgraph {
  app: SubgraphApp;
  url: string;
  /** The internal metrics endpoint (never on the public port). */
  metricsUrl: string;
  database: TestDatabase;
  /** Calls the subgraph as the gateway would, signed for `identity`. */
  query<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    identity?: Identity,
  ): Promise<GraphQLResult<T>>;
  close(): Promise<void>;
}

export function testSubgraphConfig(databaseUrl: string, overrides: Record<string, string> = {}): SubgraphConfig {
  return parseEnvironment(subgraphEnvironmentSchema(0), {
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATABASE_URL: databaseUrl,
    HUB_SIGNING_SECRET: TEST_SIGNING_SECRET,
    DATABASE_POOL_MAX: '5',
    SHUTDOWN_GRACE_MS: '1000',
    // A shared test machine can take longer than production's 8 s over a burst such as 200 simultaneous
    // registrations on a pool of 5; tests of the deadline itself set their own.
    REQUEST_DEADLINE_MS: '60000',
    DATABASE_ACQUIRE_TIMEOUT_MS: '60000',
    // Tests share a few busy cores: event-loop lag there is the machine's, not the subgraph's overload.
    LOAD_SHED_EVENT_LOOP_DELAY_MS: '0',
    // Most tests do not push webhooks: no delivery worker (and no pg-boss polling) unless a test turns it on.
    WEBHOOK_DELIVERY: 'false',
    ...overrides,
  });
}

/** Sends a body to a subgraph with the gateway's signed identity headers. */
export async function postSigned(
  url: string,
  body: string,
  identity: Identity = ANONYMOUS,
  secret = TEST_SIGNING_SECRET,
): Promise<Response> {
  const identityHeader = encodeIdentityHeader(identity, randomUUID());
  return fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...signGatewayCall(secret, { method: 'POST', url, identityHeader, body }),
    },
    body,
  });
}

/** A GET or HEAD on a subgraph's extra routes, signed as the gateway signs them (over an empty body). */
export function getSigned(
  url: string | URL,
  method: 'GET' | 'HEAD' = 'GET',
  secret = TEST_SIGNING_SECRET,
): Promise<Response> {
  const identityHeader = encodeIdentityHeader(ANONYMOUS, randomUUID());
  return fetch(url, {
    method,
    headers: signGatewayCall(secret, { method, url: String(url), identityHeader, body: '' }),
  });
}

/** Starts a subgraph on a free port with its own fresh database. */
export async function startTestSubgraph<TLoaders>(
  definition: SubgraphDefinition<TLoaders>,
  overrides: Record<string, string> = {},
): Promise<TestSubgraph> {
  const database = await createTestDatabase(definition.name);
  let app: SubgraphApp;
  try {
    app = await createSubgraphApp(definition, testSubgraphConfig(database.url, overrides));
  } catch (error) {
    await database.drop();
    throw error;
  }
  const address = await app.listen(0, '127.0.0.1');
  return {
    app,
    url: address.url,
    metricsUrl: address.metricsUrl,
    database,
    async query<T>(query: string, variables?: Record<string, unknown>, identity: Identity = ANONYMOUS) {
      const response = await postSigned(address.url, JSON.stringify({ query, variables }), identity);
      const json = (await response.json()) as Omit<GraphQLResult<T>, 'status'>;
      return { status: response.status, ...json };
    },
    async close() {
      await app.close();
      await database.drop();
    },
  };
}
