import { cityIdFromSlug, organizationIdFromSlug } from '@hrc/domain-kit';

import { startHub, type RunningHub } from './support/hub';

/* POST /imports/indicator-values.csv through the real gateway: the same per-row report as recordIndicatorValues. */

const GWANGJU = cityIdFromSlug('gwangju');
let hub: RunningHub;
let importUrl: string;
let partner: string;

beforeAll(async () => {
  hub = await startHub({ only: ['cities', 'events'] });
  importUrl = new URL('/imports/indicator-values.csv', hub.url).toString();
  partner = await hub.token('partner', organizationIdFromSlug('gwangju-international-center'));
});
afterAll(() => hub.close());

const CSV = [
  'indicatorCode,cityId,year,value,source',
  `SPA-01,${GWANGJU},2001,40.5,SAMPLE DATA (csv test)`,
  `SPA-01,${GWANGJU},2002,1234,SAMPLE DATA (csv test)`,
  `POL-01,${GWANGJU},2003,1,"SAMPLE DATA (csv test, quoted)"`,
].join('\n');

function post(body: string, mode: string, token?: string) {
  return fetch(`${importUrl}?mode=${mode}`, {
    method: 'POST',
    headers: { 'content-type': 'text/csv', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body,
  });
}

test('ALL_OR_NOTHING reports the bad row by index, line and field, and writes nothing', async () => {
  const response = await post(CSV, 'ALL_OR_NOTHING', partner);
  expect(response.status).toBe(200);
  const report = (await response.json()) as any;
  expect(report).toMatchObject({ committed: false, created: 0, failed: 1 });
  expect(report.rows[1]).toMatchObject({ index: 1, line: 3, outcome: 'ERROR', error: { field: 'value' } });
  expect(report.rows[0]).toMatchObject({ outcome: 'NOT_WRITTEN', id: null });
});

test('ROW_BY_ROW writes the good rows and answers their ids', async () => {
  const report = (await (await post(CSV, 'ROW_BY_ROW', partner)).json()) as any;
  expect(report).toMatchObject({ committed: true, created: 2, failed: 1 });
  const ids = report.rows.flatMap((row: any) => (row.id ? [row.id] : []));
  expect(ids).toHaveLength(2);
  const { data } = await hub.query(`{ city(slug: "gwangju") { indicatorValues(year: 2001) { id status } } }`, {
    token: partner,
  });
  expect(data!.city.indicatorValues).toEqual([{ id: ids[0], status: 'SUBMITTED' }]);
});

test('without a token the import is refused; a file without the columns is a 400 naming the csv', async () => {
  expect((await post(CSV, 'ROW_BY_ROW')).status).toBe(401);
  const missing = await post('indicatorCode,year\nSPA-01,2001', 'ROW_BY_ROW', partner);
  expect(missing.status).toBe(400);
  expect(((await missing.json()) as any).errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'csv' });
});
