import { createHash } from 'node:crypto';

import {
  buildClientSchema,
  getIntrospectionQuery,
  getNamedType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLInputType,
  type GraphQLObjectType,
  type IntrospectionQuery,
} from 'graphql';

import { startHub, type RunningHub } from './support/hub';

let hub: RunningHub;
beforeAll(async () => {
  hub = await startHub();
});
afterAll(() => hub.close());

interface Answer {
  status: number;
  errors?: Array<{ message: string; path?: unknown[]; extensions?: Record<string, unknown> }>;
  data?: unknown;
}

async function post(body: unknown): Promise<Answer> {
  const response = await fetch(hub.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, ...((await response.json()) as object) };
}

function expectClientError(answer: Answer, code: string, field?: string) {
  expect(answer.errors?.[0]?.extensions).toMatchObject({ code, ...(field === undefined ? {} : { field }) });
  expect(JSON.stringify(answer)).not.toContain('INTERNAL_SERVER_ERROR');
}

/** One string input of one root field: where a NUL goes, and the field name the error must carry. */
interface StringInput {
  rootType: 'query' | 'mutation';
  field: string;
  argument: string;
  value: unknown;
  expectedField: string;
  label: string;
}

const NUMERIC_OR_BOOLEAN = new Set(['Int', 'Float', 'Boolean']);

/** Every position of an argument's type that takes a string, as a value holding a NUL there and its field path. */
function stringPositions(
  type: GraphQLInputType,
  path: Array<string | number>,
  seen: Set<string>,
): Array<{ value: unknown; path: Array<string | number> }> {
  if (isNonNullType(type)) return stringPositions(type.ofType, path, seen);
  if (isListType(type)) {
    return stringPositions(type.ofType, [...path, 0], seen).map((position) => ({
      ...position,
      value: [position.value],
    }));
  }
  if (isInputObjectType(type)) {
    if (seen.has(type.name)) return [];
    return Object.values(type.getFields()).flatMap((field) =>
      stringPositions(field.type, [...path, field.name], new Set([...seen, type.name])).map((position) => ({
        path: position.path,
        value: { [field.name]: position.value },
      })),
    );
  }
  const named = getNamedType(type);
  if (isScalarType(named) && !NUMERIC_OR_BOOLEAN.has(named.name)) {
    return [{ value: named.name === 'JSONObject' ? { note: 'a\u0000b' } : 'a\u0000b', path }];
  }
  return [];
}

function stringInputsOf(rootType: 'query' | 'mutation', type: GraphQLObjectType | null | undefined): StringInput[] {
  return Object.values(type?.getFields() ?? {}).flatMap((field) =>
    field.args.flatMap((argument: GraphQLArgument) =>
      stringPositions(argument.type, [], new Set()).map((position) => ({
        rootType,
        field: field.name,
        argument: argument.name,
        value: position.value,
        expectedField: position.path.length > 0 ? position.path.join('.') : argument.name,
        label: `${rootType} ${field.name}(${[argument.name, ...position.path].join('.')})`,
      })),
    ),
  );
}

describe('a NUL byte in any string input', () => {
  test('is BAD_USER_INPUT naming the field, for every string input of every root field in the schema', async () => {
    const introspection = await post({ query: getIntrospectionQuery() });
    const schema = buildClientSchema(introspection.data as IntrospectionQuery);
    const inputs = [
      ...stringInputsOf('query', schema.getQueryType()),
      ...stringInputsOf('mutation', schema.getMutationType()),
    ];
    // Derived from the schema, so a new input is covered; the count shows the walk found the inputs.
    expect(inputs.length).toBeGreaterThan(100);
    const wrong: string[] = [];
    for (const input of inputs) {
      const field = (input.rootType === 'query' ? schema.getQueryType() : schema.getMutationType())!.getFields()[
        input.field
      ]!;
      const declarations = field.args.map((argument) => `$${argument.name}: ${argument.type.toString()}`);
      const call = field.args.map((argument) => `${argument.name}: $${argument.name}`);
      const selection = isLeafType(getNamedType(field.type)) ? '' : ' { __typename }';
      const answer = await post({
        query: `${input.rootType}(${declarations.join(', ')}) { ${field.name}(${call.join(', ')})${selection} }`,
        variables: { [input.argument]: input.value },
      });
      const extensions = answer.errors?.[0]?.extensions;
      if (answer.status !== 400 || extensions?.code !== 'BAD_USER_INPUT' || extensions.field !== input.expectedField) {
        wrong.push(`${input.label}: ${answer.status} ${JSON.stringify(extensions?.code)} ${extensions?.field}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  test('in a literal too, and nothing reaches the database', async () => {
    const answer = await post({ query: '{ cities(filter: { search: "gwang\\u0000ju" }) { totalCount } }' });
    expect(answer.status).toBe(400);
    expectClientError(answer, 'BAD_USER_INPUT', 'search');
  });
});

describe('a forged cursor', () => {
  async function firstCursor(): Promise<{ k: string[]; m: string }> {
    const answer = await post({ query: '{ cities(first: 1) { pageInfo { endCursor } } }' });
    const cursor = (answer.data as { cities: { pageInfo: { endCursor: string } } }).cities.pageInfo.endCursor;
    return JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { k: string[]; m: string };
  }
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

  test('with edited keys is BAD_USER_INPUT naming "after", not an internal error', async () => {
    const genuine = await firstCursor();
    const forged = encode({ ...genuine, k: genuine.k.map(() => 'not-a-uuid') });
    expectClientError(
      await post({ query: `{ cities(after: "${forged}") { totalCount } }` }),
      'BAD_USER_INPUT',
      'after',
    );
  });

  test('made by hashing the query shape, as an unkeyed signature allowed, is refused', async () => {
    const signature = createHash('sha256').update('cities').update('{}').digest('base64url').slice(0, 16);
    const forged = encode({ s: signature, k: ['a', '00000000-0000-0000-0000-000000000000'] });
    expectClientError(
      await post({ query: `{ cities(after: "${forged}") { totalCount } }` }),
      'BAD_USER_INPUT',
      'after',
    );
  });

  test('a genuine cursor still continues its query', async () => {
    const genuine = await firstCursor();
    const answer = await post({ query: `{ cities(first: 1, after: "${encode(genuine)}") { edges { cursor } } }` });
    expect(answer.errors).toBeUndefined();
  });
});

describe('other bad requests are client errors', () => {
  test('an invalid LocalDate, as a literal or a variable, is BAD_USER_INPUT naming the field', async () => {
    expectClientError(
      await post({ query: '{ cities(filter: { declaredAfter: "2020-13-45" }) { totalCount } }' }),
      'BAD_USER_INPUT',
      'declaredAfter',
    );
    expectClientError(
      await post({
        query: 'query($d: LocalDate) { cities(filter: { declaredAfter: $d }) { totalCount } }',
        variables: { d: '2020-02-30' },
      }),
      'BAD_USER_INPUT',
      'declaredAfter',
    );
  });

  test('a subscription is GRAPHQL_VALIDATION_FAILED', async () => {
    const answer = await post({ query: 'subscription { cities { totalCount } }' });
    expect(answer.status).toBe(400);
    expectClientError(answer, 'GRAPHQL_VALIDATION_FAILED');
  });

  test('several operations without operationName, or a name that is not there, is a 400', async () => {
    const query = 'query A { cities { totalCount } } query B { organizations { totalCount } }';
    for (const body of [{ query }, { query, operationName: 'C' }]) {
      const answer = await post(body);
      expect(answer.status).toBe(400);
      expectClientError(answer, 'OPERATION_RESOLUTION_FAILURE');
    }
    expect((await post({ query, operationName: 'B' })).errors).toBeUndefined();
  });

  test('a persisted query whose hash does not match is BAD_REQUEST', async () => {
    const answer = await post({
      query: '{ cities { totalCount } }',
      extensions: { persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } },
    });
    expect(answer.status).toBe(400);
    expectClientError(answer, 'BAD_REQUEST');
  });
});

test('an explicit null filter means no filter, on every top-level list', async () => {
  const result = await hub.query(`{
    cities(first: 1, filter: null) { totalCount }
    policies(first: 1, filter: null) { totalCount }
    organizations(first: 1, filter: null) { totalCount }
    events(first: 1, filter: null) { totalCount }
    programs(first: 1, filter: null) { totalCount }
  }`);
  expect(result.errors).toBeUndefined();
  expect(result.data?.cities.totalCount).toBeGreaterThan(0);
  expect(result.data?.policies.totalCount).toBeGreaterThan(0);
});
