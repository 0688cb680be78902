import { ForeignKeyConstraintViolationException } from '@mikro-orm/postgresql';

import { countStatements, startTestSubgraph, type TestSubgraph } from '@hrc/dev-kit/testing';
import { AuditRecord, cityIdFromSlug, ModerationStatus, organizationIdFromSlug, snapshot } from '@hrc/domain-kit';
import { insertRows, type Identity } from '@hrc/service-kit';

import { citiesSubgraph } from '../src/app';
import { IndicatorValue } from '../src/indicator/indicator.entity';
import { gwangjuPartner, secretariat, wallenbergPartner } from './support';

let cities: TestSubgraph;
beforeAll(async () => {
  cities = await startTestSubgraph(citiesSubgraph, { SEED_ON_START: 'real' });
});
afterAll(() => cities.close());

const BULK = `mutation($input: RecordIndicatorValuesInput!) {
  recordIndicatorValues(input: $input) {
    committed created updated failed
    rows { index outcome record { id value status } error { code field message existingId } }
  }
}`;
const RECORD = `mutation($input: RecordIndicatorValueInput!) { recordIndicatorValue(input: $input) { id status } }`;
const MODERATE = `mutation($id: ID!, $v: Int!, $input: ModerationInput!) {
  moderateIndicatorValue(id: $id, expectedVersion: $v, input: $input) { id status version }
}`;

const GWANGJU = cityIdFromSlug('gwangju');
/** A third organisation, whose bulk import stays out of the other tests' way. */
const uclgPartner: Identity = {
  subject: 'uclg',
  organizationId: organizationIdFromSlug('uclg-cisdp'),
  roles: ['partner'],
};
const CODES = ['SPA-01', 'SPA-02', 'SOC-01', 'CUL-01', 'ECO-01', 'ECO-02', 'POL-02'];

function row(code: string, year: number, value = 50, cityId = GWANGJU) {
  return { indicatorCode: code, cityId, year, value, source: 'SAMPLE DATA (bulk test)' };
}

/** 19 rows, the 10th (index 9) a percentage of 1234, as in the report. */
function batchWithBadRow(firstYear: number) {
  const rows = Array.from({ length: 19 }, (_, index) => row(CODES[index % CODES.length]!, firstYear + index));
  rows[9] = row('SPA-01', firstYear + 9, 1234);
  return rows;
}

async function bulk(rows: unknown[], mode: string, caller: Identity = gwangjuPartner) {
  const result = await cities.query<any>(BULK, { input: { rows, mode } }, caller);
  expect(result.errors).toBeUndefined();
  return result.data.recordIndicatorValues;
}

async function countValues(where: Record<string, unknown> = {}) {
  return cities.app.orm.em.fork().count(IndicatorValue, where);
}

describe('a bulk import with a bad row in the middle', () => {
  test('ALL_OR_NOTHING writes nothing and says which row and field failed', async () => {
    const values = await countValues();
    const audit = await cities.app.orm.em.fork().count(AuditRecord);
    const result = await bulk(batchWithBadRow(1991), 'ALL_OR_NOTHING');
    expect(result).toMatchObject({ committed: false, created: 0, updated: 0, failed: 1 });
    expect(result.rows).toHaveLength(19);
    expect(result.rows[9]).toMatchObject({ index: 9, outcome: 'ERROR', record: null });
    expect(result.rows[9].error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'value' });
    for (const other of result.rows.filter((each: any) => each.index !== 9)) {
      expect(other).toMatchObject({ outcome: 'NOT_WRITTEN', record: null, error: null });
    }
    expect(await countValues()).toBe(values);
    expect(await cities.app.orm.em.fork().count(AuditRecord)).toBe(audit);
  });

  test('ROW_BY_ROW writes exactly the good rows, each with its id, and audits every one', async () => {
    const result = await bulk(batchWithBadRow(1991), 'ROW_BY_ROW');
    expect(result).toMatchObject({ committed: true, created: 18, updated: 0, failed: 1 });
    expect(result.rows[9].error).toMatchObject({ field: 'value' });
    const ids = result.rows.filter((each: any) => each.outcome === 'CREATED').map((each: any) => each.record.id);
    expect(ids).toHaveLength(18);
    const em = cities.app.orm.em.fork();
    const stored = await em.find(IndicatorValue, {
      year: { $gte: 1991, $lte: 2009 },
      contributedBy: gwangjuPartner.organizationId,
    });
    expect(stored.map((value) => value.id).sort()).toEqual([...ids].sort());
    expect(stored.every((value) => value.status === 'SUBMITTED')).toBe(true);
    expect(await em.count(AuditRecord, { entityId: { $in: ids }, action: 'CREATE' })).toBe(18);
  });

  test('sending the rows again updates the caller’s own open values', async () => {
    const rows = batchWithBadRow(1991).map((each, index) =>
      index === 9 ? row('SPA-01', 2000, 12) : { ...each, value: 7 },
    );
    const result = await bulk(rows, 'ROW_BY_ROW');
    expect(result).toMatchObject({ committed: true, created: 1, updated: 18, failed: 0 });
    expect(result.rows[0].record.value).toBe(7);
  });

  test('each row is checked against the input constraints, naming the field', async () => {
    const result = await bulk(
      [
        { ...row('SPA-01', 1990, 1), source: 'ab' },
        { ...row('SPA-01', 1990, 1), indicatorCode: '' },
        { ...row('SPA-01', 1980, 1) },
      ],
      'ROW_BY_ROW',
    );
    expect(result.rows.map((each: any) => each.error?.field)).toEqual(['source', 'indicatorCode', 'year']);
  });

  test('two rows for the same indicator, city and year: the second names the first', async () => {
    const result = await bulk([row('SPA-01', 1990, 1), row('SPA-01', 1990, 2)], 'ROW_BY_ROW');
    expect(result.rows[1].error).toMatchObject({ field: 'year', message: expect.stringContaining('row 0') });
  });
});

describe('the audit trail of a bulk import', () => {
  async function trail(id: string, action: string) {
    return cities.app.orm.em.fork().findOneOrFail(AuditRecord, { entityId: id, action }, { orderBy: { id: 'desc' } });
  }
  async function stored(id: string) {
    return snapshot(await cities.app.orm.em.fork().findOneOrFail(IndicatorValue, id));
  }

  test.each([
    ['a partner', wallenbergPartner, 'SUBMITTED'],
    ['the secretariat', secretariat, 'PUBLISHED'],
  ])("records each created and updated row as the stored value, for %s's rows", async (_name, caller, status) => {
    const year = caller === secretariat ? 1996 : 1997;
    const rows = [row('ECO-02', year, 11), row('SOC-01', year, 12)];
    const created = await bulk(rows, 'ALL_OR_NOTHING', caller);
    expect(created).toMatchObject({ committed: true, created: 2, updated: 0 });
    const ids: string[] = created.rows.map((each: any) => each.record.id);
    const afterCreate = [];
    for (const id of ids) {
      const record = await trail(id, 'CREATE');
      const now = await stored(id);
      expect(now).toMatchObject({ status, version: 1 });
      expect(record).toMatchObject({
        entityType: 'IndicatorValue',
        before: null,
        actorSubject: caller.subject,
        actorOrganizationId: caller.organizationId,
        actorRoles: caller.roles,
      });
      expect(record.after).toEqual(now);
      afterCreate.push(now);
    }
    const updated = await bulk(
      rows.map((each) => ({ ...each, value: 13 })),
      'ALL_OR_NOTHING',
      caller,
    );
    expect(updated).toMatchObject({ committed: true, created: 0, updated: 2 });
    expect(updated.rows.map((each: any) => each.record.id)).toEqual(ids);
    for (const [index, id] of ids.entries()) {
      const record = await trail(id, 'UPDATE');
      expect(record.before).toEqual(afterCreate[index]);
      expect(record.after).toEqual(await stored(id));
      expect(record.after).toMatchObject({ value: 13, version: 2 });
    }
  });
});

describe("the service kit's insertRows, which bulk imports and audit records go through", () => {
  test('keeps the rows in order, writes each column in its type, and leaves the others to their defaults', async () => {
    const em = cities.app.orm.em.fork();
    const entityIds = ['insert-rows-c', 'insert-rows-a', 'insert-rows-b'];
    const occurredAt = new Date('2026-01-02T03:04:05.678Z');
    await em.transactional((trx) =>
      insertRows(
        trx,
        AuditRecord,
        ['occurredAt', 'actorRoles', 'action', 'entityType', 'entityId', 'after', 'requestId'],
        entityIds.map((entityId, index) => ({
          occurredAt,
          actorRoles: ['partner', "it's"],
          action: 'CREATE',
          entityType: 'IndicatorValue',
          entityId,
          after: { index, nested: { text: 'a "quoted" \\ value' } },
          requestId: 'insert-rows-test',
        })),
      ),
    );
    const stored = await em.fork().find(AuditRecord, { requestId: 'insert-rows-test' }, { orderBy: { id: 'asc' } });
    expect(stored.map((record) => record.entityId)).toEqual(entityIds);
    expect(stored[1]).toMatchObject({
      occurredAt,
      actorSubject: null,
      actorRoles: ['partner', "it's"],
      before: null,
      after: { index: 1, nested: { text: 'a "quoted" \\ value' } },
    });
    expect(stored[0]!.transactionId).toBe(stored[2]!.transactionId);
  });

  test('a broken constraint is MikroORM’s typed exception, which the audited writer turns into a client error', async () => {
    const em = cities.app.orm.em.fork();
    const [{ id: indicatorId }] = await em.getConnection().execute(`select id from cities.indicator limit 1`);
    const write = em.transactional((trx) =>
      insertRows(
        trx,
        IndicatorValue,
        ['id', 'createdAt', 'updatedAt', 'indicatorId', 'cityId', 'year', 'value', 'source'],
        [
          {
            id: '00000000-0000-4000-8000-00000000a001',
            createdAt: new Date(),
            updatedAt: new Date(),
            indicatorId,
            cityId: '00000000-0000-4000-8000-000000000000',
            year: 2020,
            value: 1,
            source: 'no such city',
          },
        ],
      ),
    );
    await expect(write).rejects.toBeInstanceOf(ForeignKeyConstraintViolationException);
  });
});

test('1,000 values are one transaction of a few set-based statements, not 1,000 round trips', async () => {
  const cityIds = ['gwangju', 'vienna', 'graz', 'lund', 'york'].map(cityIdFromSlug);
  const rows = cityIds
    .flatMap((cityId) =>
      CODES.flatMap((code) => Array.from({ length: 36 }, (_, offset) => row(code, 1990 + offset, 10, cityId))),
    )
    .slice(0, 1000);
  expect(rows.length).toBe(1000);
  const { result, statements } = await countStatements(cities.app.orm, () =>
    cities.query<any>(BULK, { input: { rows, mode: 'ROW_BY_ROW' } }, uclgPartner),
  );
  expect(result.errors).toBeUndefined();
  expect(result.data.recordIndicatorValues).toMatchObject({ committed: true, created: 1000, failed: 0 });
  expect(statements.length).toBeLessThanOrEqual(20);
});

describe('values are checked against their indicator', () => {
  test.each([
    ['a percentage of 1234', row('SPA-01', 2020, 1234), 'value'],
    ['a negative percentage', row('SPA-01', 2020, -1), 'value'],
    ['a yes/no value of 7', row('POL-01', 2020, 7), 'value'],
    ['a count of 2.5 languages', row('CUL-02', 2020, 2.5), 'value'],
    ['the year 2099', row('SPA-01', 2099, 10), 'year'],
    ['a source of two characters', { ...row('SPA-01', 2020, 10), source: 'ab' }, 'source'],
    ['an empty indicator code', { ...row('SPA-01', 2020, 10), indicatorCode: '' }, 'indicatorCode'],
  ])('%s is BAD_USER_INPUT naming the field', async (_name, input, field) => {
    const result = await cities.query<any>(RECORD, { input }, gwangjuPartner);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });

  test('a yes/no value of 1 and a whole count pass', async () => {
    expect((await cities.query<any>(RECORD, { input: row('POL-01', 2021, 1) }, gwangjuPartner)).errors).toBeUndefined();
    expect((await cities.query<any>(RECORD, { input: row('CUL-02', 2021, 4) }, gwangjuPartner)).errors).toBeUndefined();
  });
});

describe('competing values', () => {
  async function record(input: Record<string, unknown>, caller: Identity) {
    const result = await cities.query<any>(RECORD, { input }, caller);
    expect(result.errors).toBeUndefined();
    return result.data.recordIndicatorValue.id as string;
  }

  test("one organisation's rejected value does not block another's", async () => {
    const barcelona = cityIdFromSlug('barcelona');
    const rejected = await record(row('ECO-01', 2019, 20, barcelona), gwangjuPartner);
    await cities.query(
      MODERATE,
      { id: rejected, v: 1, input: { decision: 'REJECT', reason: 'No source given.' } },
      secretariat,
    );
    await record(row('ECO-01', 2019, 21, barcelona), wallenbergPartner);
    // And the organisation itself may try again.
    await record(row('ECO-01', 2019, 22, barcelona), gwangjuPartner);
  });

  test("a partner's approved value replaces the sample value, and the trail shows the supersession", async () => {
    const em = cities.app.orm.em.fork();
    const indicatorCode = 'SPA-01';
    const [{ id: indicatorId }] = await em
      .getConnection()
      .execute(`select id from cities.indicator where code = ?`, [indicatorCode]);
    const sample = await em.findOneOrFail(IndicatorValue, {
      indicatorId,
      cityId: GWANGJU,
      year: 2023,
      status: ModerationStatus.PUBLISHED,
    });
    expect(sample.source).toMatch(/SAMPLE/);
    const mine = await record(
      { ...row(indicatorCode, 2023, 55.5), source: 'City statistics office, 2024 report' },
      gwangjuPartner,
    );
    const theirs = await record(
      { ...row(indicatorCode, 2023, 56.5), source: 'Institute survey 2023' },
      wallenbergPartner,
    );
    const approved = await cities.query<any>(MODERATE, { id: mine, v: 1, input: { decision: 'APPROVE' } }, secretariat);
    expect(approved.data.moderateIndicatorValue.status).toBe('PUBLISHED');
    const after = cities.app.orm.em.fork();
    expect((await after.findOneOrFail(IndicatorValue, sample.id)).status).toBe('WITHDRAWN');
    expect((await after.findOneOrFail(IndicatorValue, theirs)).status).toBe('SUBMITTED');
    const trail = await after.findOneOrFail(AuditRecord, { entityId: sample.id, action: 'SUPERSEDE' });
    expect(trail.after).toMatchObject({ status: 'WITHDRAWN', supersededBy: mine });
    // Approving the other submission supersedes the first in turn: one published value per key.
    await cities.query(MODERATE, { id: theirs, v: 1, input: { decision: 'APPROVE' } }, secretariat);
    const published = await after.fork().find(IndicatorValue, {
      indicatorId: sample.indicatorId,
      cityId: GWANGJU,
      year: 2023,
      status: ModerationStatus.PUBLISHED,
    });
    expect(published.map((value) => value.id)).toEqual([theirs]);
  });

  test('a conflict names the existing record and the field, never a constraint', async () => {
    const first = await record(row('SOC-01', 2018, 30), gwangjuPartner);
    const again = await cities.query<any>(RECORD, { input: row('SOC-01', 2018, 31) }, gwangjuPartner);
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'year', existingId: first });
    expect(again.errors?.[0]?.message).not.toMatch(/unique|constraint/);
  });

  test('a withdrawn value blocks nothing', async () => {
    const id = await record(row('SOC-01', 2017, 30), gwangjuPartner);
    await cities.query(MODERATE, { id, v: 1, input: { decision: 'WITHDRAW' } }, gwangjuPartner);
    await record(row('SOC-01', 2017, 32), gwangjuPartner);
  });
});

describe('createPolicies with a bad row in the middle', () => {
  const CREATE_POLICIES = `mutation($input: CreatePoliciesInput!) {
    createPolicies(input: $input) { committed created failed rows { index outcome record { id status } error { code field } } }
  }`;
  const policies = (tag: string) =>
    Array.from({ length: 5 }, (_, index) => ({
      cityId: index === 2 ? '00000000-0000-4000-8000-000000000000' : GWANGJU,
      title: `Bulk policy ${tag} ${index}`,
      summary: 'A policy sent in bulk by a test.',
    }));

  test.each(['ALL_OR_NOTHING', 'ROW_BY_ROW'])('%s', async (mode) => {
    const result = await cities.query<any>(CREATE_POLICIES, { input: { rows: policies(mode), mode } }, gwangjuPartner);
    expect(result.errors).toBeUndefined();
    const payload = result.data.createPolicies;
    expect(payload.rows[2]).toMatchObject({ outcome: 'ERROR', error: { code: 'BAD_USER_INPUT', field: 'cityId' } });
    const stored = await cities.app.orm.em
      .fork()
      .getConnection()
      .execute(`select id from cities.policy where title like ?`, [`Bulk policy ${mode}%`]);
    if (mode === 'ALL_OR_NOTHING') {
      expect(payload).toMatchObject({ committed: false, created: 0, failed: 1 });
      expect(stored).toHaveLength(0);
    } else {
      expect(payload).toMatchObject({ committed: true, created: 4, failed: 1 });
      const ids = payload.rows.flatMap((each: any) => (each.record ? [each.record.id] : []));
      expect(stored.map((each: any) => each.id).sort()).toEqual(ids.sort());
      expect(await cities.app.orm.em.fork().count(AuditRecord, { entityId: { $in: ids }, action: 'CREATE' })).toBe(4);
    }
  });
});
