import { mintToken } from '@hrc/dev-kit';
import { type GraphQLResult, startTestSubgraph, TEST_SIGNING_SECRET, type TestSubgraph } from '@hrc/dev-kit/testing';
import { createGatewayApp, loadGatewayConfig, type GatewayApp } from '@hrc/gateway';
import { type Logger, type Role } from '@hrc/service-kit';
import { composeSupergraph, printSubgraphs, SUBGRAPHS } from '@hrc/tools';

export const TEST_JWT_SECRET = 'test-jwt-secret-that-is-long-enough-0000000';

export interface RunningHub {
  url: string;
  /** The supergraph the gateway runs, for tests that start another gateway in front of the same subgraphs. */
  supergraphSdl: string;
  gateway: GatewayApp;
  subgraphs: Map<string, TestSubgraph>;
  /** Posts a GraphQL operation to the gateway, with a bearer token when given. */
  query<T = Record<string, any>>(
    query: string,
    options?: { variables?: Record<string, unknown>; token?: string; headers?: Record<string, string> },
  ): Promise<GraphQLResult<T>>;
  token(role: Role, organizationId?: string | null): Promise<string>;
  close(): Promise<void>;
}

/** The gateway's environment in every test: silent, the test secrets, and no load shedding. */
const TEST_GATEWAY_ENVIRONMENT: Record<string, string> = {
  NODE_ENV: 'test',
  LOG_LEVEL: 'silent',
  HUB_SIGNING_SECRET: TEST_SIGNING_SECRET,
  JWT_SECRET: TEST_JWT_SECRET,
  SUBGRAPH_TIMEOUT_MS: '5000',
  SHUTDOWN_GRACE_MS: '1000',
  // Tests share a few busy cores: event-loop lag there is the machine's, not the gateway's overload.
  LOAD_SHED_EVENT_LOOP_DELAY_MS: '0',
};

/** Every test file calls from 127.0.0.1 as the public; the rate limit has its own tests with small budgets. */
const UNLIMITED_RATES: Record<string, string> = {
  RATE_LIMIT_PUBLIC: '1000000000',
  RATE_LIMIT_PARTNER: '1000000000',
  RATE_LIMIT_LIAISON: '1000000000',
  RATE_LIMIT_SECRETARIAT: '1000000000',
};

/**
 * A gateway as the tests run it, on a free port, in front of the given supergraph; `environment` overrides. Rate
 * limits are lifted unless `rateLimits: 'configured'`, which keeps the production defaults under `environment`.
 */
export async function startGateway(
  supergraphSdl: string,
  environment: Record<string, string> = {},
  options: { rateLimits?: 'unlimited' | 'configured'; logger?: Logger } = {},
) {
  const config = loadGatewayConfig({
    ...TEST_GATEWAY_ENVIRONMENT,
    ...(options.rateLimits === 'configured' ? {} : UNLIMITED_RATES),
    ...environment,
  });
  const gateway = await createGatewayApp(config, { supergraphSdl, logger: options.logger });
  const address = await gateway.listen(0, '127.0.0.1');
  return { gateway, address };
}

/**
 * Starts every registered subgraph (each on a free port with its own database and the real seed), composes the
 * supergraph in-process (a composition error fails the test) and starts the real gateway in front of them.
 */
/** Port 1 (tcpmux) is reserved and refuses connections on loopback. */
const UNREACHABLE_SUBGRAPH_URL = 'http://127.0.0.1:1/graphql';

export async function startHub(
  options: {
    /** The subgraphs to start; the supergraph still holds every one, the others as down. */
    only?: string[];
    /** Added to the gateway's environment, for example tighter limits. */
    gatewayEnvironment?: Record<string, string>;
    /** Environment every subgraph gets on top of the test defaults. */
    subgraphEnvironment?: Record<string, string>;
  } = {},
): Promise<RunningHub> {
  const subgraphs = new Map<string, TestSubgraph>();
  const selected = SUBGRAPHS.filter((registered) => !options.only || options.only.includes(registered.name));
  try {
    for (const registered of selected) {
      subgraphs.set(
        registered.name,
        await startTestSubgraph(registered.definition, {
          SEED_ON_START: 'real',
          ...options.subgraphEnvironment,
        }),
      );
    }
    // Subgraphs depend on each other's entities, so the supergraph always holds all of them; one left out of `only`
    // is composed as a subgraph that is down (its port refuses connections), as in production.
    const supergraphSdl = composeSupergraph(
      await printSubgraphs((registered) => subgraphs.get(registered.name)?.url ?? UNREACHABLE_SUBGRAPH_URL),
    );
    const { gateway, address } = await startGateway(supergraphSdl, options.gatewayEnvironment);
    return {
      url: address.url,
      supergraphSdl,
      gateway,
      subgraphs,
      async query(query, options = {}) {
        const response = await fetch(address.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
            ...options.headers,
          },
          body: JSON.stringify({ query, variables: options.variables }),
        });
        return { status: response.status, ...((await response.json()) as object) };
      },
      token: (role, organizationId = null) => mintToken(TEST_JWT_SECRET, { roles: [role], organizationId }),
      async close() {
        await gateway.close();
        await Promise.all([...subgraphs.values()].map((subgraph) => subgraph.close()));
      },
    };
  } catch (error) {
    await Promise.all([...subgraphs.values()].map((subgraph) => subgraph.close()));
    throw error;
  }
}
