import { randomBytes } from 'node:crypto';
import type http from 'node:http';

import { startGateway as startTestGateway, startHub, type RunningHub } from './support/hub';

/*
 * Issue 10 item 1, 6, 11a and 12: operation limits and the cost estimate refuse at the gateway, before any
 * subgraph call. The subgraphs' HTTP servers are watched: a refused operation must never reach them.
 */

let hub: RunningHub;
const forwarded: string[] = [];
/** While set, a request reaching a subgraph is cut off, so a missing refusal fails the test instead of the machine. */
let cutOffSubgraphs = false;

beforeAll(async () => {
  hub = await startHub({ only: ['cities', 'events'] });
  for (const [name, subgraph] of hub.subgraphs) {
    const server = subgraph.app.server as http.Server;
    server.prependListener('request', (request: http.IncomingMessage) => {
      forwarded.push(name);
      if (cutOffSubgraphs) request.socket.destroy();
    });
  }
});
afterAll(() => hub.close());
beforeEach(() => {
  forwarded.length = 0;
  cutOffSubgraphs = false;
});

interface Answer {
  status: number;
  headers: Headers;
  text: string;
  body: {
    data?: Record<string, any> | null;
    errors?: Array<{ message: string; extensions?: Record<string, any> }>;
    extensions?: Record<string, any>;
  };
}

async function post(url: string, query: string, options: { token?: string; variables?: object } = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
    },
    body: JSON.stringify({ query, variables: options.variables }),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, body: JSON.parse(text) } as Answer;
}

/** `root(first: 100) { edges { node { hop { root(first: 100) … } } } }`, `levels` deep: the crash query. */
function recursive(root: string, hop: string, levels: number, first = 100): string {
  let inner = 'id';
  for (let level = 0; level < levels; level += 1) {
    inner = `${root}(first: ${first}) { edges { node { ${hop} { ${inner} } } } }`;
  }
  return `{ ${inner} }`;
}

function refusal(answer: Answer) {
  expect(answer.body.errors).toHaveLength(1);
  return answer.body.errors![0]!;
}

describe('the 350-byte crash query (item 1)', () => {
  test.each([
    ['events → hostCity → events', recursive('events', 'hostCity', 5)],
    ['policies → city → policies', recursive('policies', 'city', 5)],
  ])('%s, 5 levels of first: 100, is refused without a subgraph call', async (_name, query) => {
    expect(query.length).toBeLessThan(400);
    cutOffSubgraphs = true;
    const answer = await post(hub.url, query);
    expect(forwarded).toEqual([]);
    expect(answer.status).toBe(400);
    expect(answer.body.data).toBeUndefined();
    expect(['OPERATION_LIMIT_EXCEEDED', 'OPERATION_TOO_COSTLY']).toContain(refusal(answer).extensions?.code);
  });

  test('with the depth limit raised, the cost estimate alone refuses it and states the cost', async () => {
    const gateway = await startGateway({ MAX_QUERY_DEPTH: '100' });
    try {
      cutOffSubgraphs = true;
      const answer = await post(gateway.url, recursive('events', 'hostCity', 5));
      expect(forwarded).toEqual([]);
      expect(answer.status).toBe(400);
      const error = refusal(answer);
      expect(error.extensions?.code).toBe('OPERATION_TOO_COSTLY');
      expect(error.extensions?.cost.maximum).toBe(5000);
      expect(error.extensions?.cost.requested).toBeGreaterThan(100 ** 5);
      expect(error.message).toContain('5000');
      expect(error.message).toContain(String(error.extensions?.cost.requested));
      expect(answer.body.extensions?.cost).toMatchObject({ maximum: 5000 });
    } finally {
      await gateway.close();
    }
  });
});

async function startGateway(environment: Record<string, string>): Promise<{ url: string; close(): Promise<void> }> {
  const { gateway, address } = await startTestGateway(hub.supergraphSdl, environment, { rateLimits: 'configured' });
  return { url: address.url, close: () => gateway.close() };
}

describe('the cost estimate', () => {
  // 1 + 100 × (event + hostCity + (1 + 100 × (event + hostCity))): 20,301, over the public's 5,000 and under the secretariat's 50,000.
  const twoLevels = recursive('events', 'hostCity', 2);

  test('every response reports its cost in extensions.cost', async () => {
    const answer = await post(hub.url, '{ cities(first: 2) { edges { node { name } } } }');
    expect(answer.status).toBe(200);
    expect(answer.body.data?.cities.edges).toHaveLength(2);
    expect(answer.body.extensions?.cost).toEqual({
      requested: 3,
      maximum: 5000,
      limit: expect.any(Number),
      remaining: expect.any(Number),
      resetSeconds: expect.any(Number),
    });
  });

  test('a connection without first counts its default (20); a nested list multiplies', async () => {
    const answer = await post(hub.url, '{ cities { edges { node { name policies(first: 3) { totalCount } } } } }');
    expect(answer.status).toBe(200);
    // 1 + 20 × (1 city + 1 policies connection with nothing per item)
    expect(answer.body.extensions?.cost.requested).toBe(41);
  });

  test('budgets are per role: the public is refused what the secretariat may run', async () => {
    const publicAnswer = await post(hub.url, twoLevels);
    expect(forwarded).toEqual([]);
    expect(publicAnswer.status).toBe(400);
    const error = refusal(publicAnswer);
    expect(error.extensions?.code).toBe('OPERATION_TOO_COSTLY');
    expect(error.extensions?.cost).toEqual({ requested: 20_301, maximum: 5000 });
    expect(error.message).toMatch(/estimated cost 20301 exceeds the limit of 5000 per operation for the public/);

    const secretariat = await post(hub.url, twoLevels, { token: await hub.token('secretariat') });
    expect(secretariat.status).toBe(200);
    expect(secretariat.body.errors).toBeUndefined();
    expect(secretariat.body.extensions?.cost).toMatchObject({ requested: 20_301, maximum: 50_000 });
  });

  test('a mutation costs more than a read, and its aliases are limited (item 6)', async () => {
    const token = await hub.token('partner', '00000000-0000-4000-8000-000000000001');
    const create = (alias: string) => `${alias}: createPolicy(input: $input) { id }`;
    const mutation = (aliases: string[]) => `mutation($input: CreatePolicyInput!) { ${aliases.map(create).join(' ')} }`;
    const six = mutation(['a', 'b', 'c', 'd', 'e', 'f']);
    const answer = await post(hub.url, six, { token });
    expect(forwarded).toEqual([]);
    expect(answer.status).toBe(400);
    expect(refusal(answer).extensions).toMatchObject({
      code: 'OPERATION_LIMIT_EXCEEDED',
      limit: { name: 'mutationRootFields', maximum: 5, found: 6 },
    });

    const fourHundred = mutation(Array.from({ length: 400 }, (_, index) => `p${index}`));
    const flood = await post(hub.url, fourHundred, { token });
    expect(forwarded).toEqual([]);
    expect(flood.status).toBe(400);
    expect(flood.body.errors!.map((error) => error.extensions?.code)).toEqual(
      expect.arrayContaining(['OPERATION_LIMIT_EXCEEDED']),
    );
    expect(flood.body.errors!.map((error) => error.extensions?.limit?.name)).toEqual(
      expect.arrayContaining(['aliases', 'mutationRootFields']),
    );
  });
});

describe('document limits', () => {
  test('depth', async () => {
    // Four hops of first: 1: cheap, but 17 fields deep.
    const answer = await post(hub.url, recursive('policies', 'city', 4, 1));
    expect(forwarded).toEqual([]);
    expect(answer.status).toBe(400);
    expect(refusal(answer)).toMatchObject({
      message: 'The operation exceeds the depth limit of 15: it has 17',
      extensions: { code: 'OPERATION_LIMIT_EXCEEDED', limit: { name: 'depth', maximum: 15, found: 17 } },
    });
  });

  test('aliases', async () => {
    const aliased = `{ ${Array.from({ length: 16 }, (_, index) => `c${index}: city(slug: "gwangju") { name }`).join(' ')} }`;
    const answer = await post(hub.url, aliased);
    expect(forwarded).toEqual([]);
    expect(answer.body.errors!.map((error) => error.extensions)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          code: 'OPERATION_LIMIT_EXCEEDED',
          limit: { name: 'aliases', maximum: 15, found: 16 },
        }),
      ]),
    );
  });

  test('root fields', async () => {
    const wide = `{ ${Array.from({ length: 11 }, (_, index) => `c${index}: city(slug: "gwangju") { name }`).join(' ')} }`;
    const answer = await post(hub.url, wide);
    expect(forwarded).toEqual([]);
    expect(answer.status).toBe(400);
    expect(refusal(answer).extensions).toMatchObject({
      code: 'OPERATION_LIMIT_EXCEEDED',
      limit: { name: 'rootFields', maximum: 10, found: 11 },
    });
  });

  test('directives', async () => {
    const directed = `{ cities(first: 1) { ${'totalCount @include(if: true) '.repeat(21)} } }`;
    const answer = await post(hub.url, directed);
    expect(forwarded).toEqual([]);
    expect(answer.status).toBe(400);
    expect(refusal(answer).extensions).toMatchObject({
      code: 'OPERATION_LIMIT_EXCEEDED',
      limit: { name: 'directives', maximum: 20, found: 21 },
    });
  });

  test('a 900 KB list literal stops the parser at its token limit, and the error does not echo it (item 12)', async () => {
    const literal = `[${'1,'.repeat(450_000)}1]`;
    const query = `{ cities(first: 1, filter: { sdg: ${literal} }) { totalCount } }`;
    expect(query.length).toBeGreaterThan(900_000);
    const answer = await post(hub.url, query);
    expect(forwarded).toEqual([]);
    expect(answer.status).toBe(400);
    expect(answer.text.length).toBeLessThan(1000);
    expect(refusal(answer)).toMatchObject({
      message: 'The operation exceeds the tokens limit of 5000',
      extensions: { code: 'OPERATION_LIMIT_EXCEEDED', limit: { name: 'tokens', maximum: 5000 } },
    });
  });

  test('an allowed operation still works: the README example', async () => {
    const answer = await post(
      hub.url,
      `{ cities(first: 10, filter: { region: EUROPE }) {
          totalCount pageInfo { hasNextPage endCursor }
          edges { node { slug name country declaredOn mechanisms { kind adoptedIn }
            policies(first: 3) { edges { node { title themes sdgs stage } } } } } } }`,
    );
    expect(answer.status).toBe(200);
    expect(answer.body.errors).toBeUndefined();
  });
});

describe('field suggestions (item 11a)', () => {
  test('are hidden when introspection is off (production), shown in development', async () => {
    const development = await post(hub.url, '{ citie(first: 1) { totalCount } }');
    expect(development.body.errors![0]!.message).toContain('Did you mean "cities"');

    // Production refuses the published test secrets; this gateway answers without calling a subgraph anyway.
    const production = await startGateway({
      NODE_ENV: 'production',
      HUB_SIGNING_SECRET: randomBytes(32).toString('hex'),
      JWT_SECRET: randomBytes(32).toString('hex'),
    });
    try {
      const answer = await post(production.url, '{ citie(first: 1) { totalCount } }');
      expect(answer.status).toBe(400);
      expect(answer.text).not.toMatch(/Did you mean/);
      expect(answer.text).not.toContain('"cities"');
      expect(answer.body.errors![0]!.message).toContain('Cannot query field "citie" on type "Query".');
      // An enum value in a variable is checked later, during execution: its suggestion is hidden too.
      for (const [query, variables] of [
        ['{ cities(first: 1, filter: { region: EUROP }) { totalCount } }', undefined],
        ['query($r: Region) { cities(first: 1, filter: { region: $r }) { totalCount } }', { r: 'EUROP' }],
      ] as const) {
        const enumAnswer = await post(production.url, query, { variables });
        expect(enumAnswer.body.errors?.length).toBeGreaterThan(0);
        expect(enumAnswer.text).not.toMatch(/Did you mean|"EUROPE"/);
      }
    } finally {
      await production.close();
    }
  });
});
