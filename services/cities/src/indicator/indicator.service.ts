import { randomUUID } from 'node:crypto';

import {
  assignGiven,
  ModerationStatus,
  organizationOfWrite,
  reviseOwnContribution,
  snapshot,
  statusForWriteBy,
} from '@hrc/domain-kit';
import { BulkMode, BulkRowOutcome, rowErrorOf, settleBulk, type BulkResult } from '@hrc/graph-kit';
import {
  BadUserInputError,
  columnOf,
  ConflictError,
  executeBound,
  insertRows,
  isUuid,
  tableQuery,
} from '@hrc/service-kit';

import { auditedWrite, type CitiesWriteScope } from '../audit-catalogue';
import type { CitiesContext } from '../context';
import { Indicator, IndicatorValue } from './indicator.entity';
import type { RecordIndicatorValueInput, UpdateIndicatorValueInput } from './indicator.inputs';
import { assertValueFits } from './indicator.rules';

/** The most rows one bulk call may carry: enough for a city's whole marker set over many years. */
export const MAX_INDICATOR_VALUE_ROWS = 1000;

/** What to do with a row whose caller already has an open value for the same indicator, city and year. */
type OnExisting = 'update' | 'conflict';

/**
 * An indicator value's columns: the entity, or the plain row a bulk insert wrote (no entity per row). GraphQL serves
 * both the same way as `IndicatorValue`.
 */
export type IndicatorValueRecord = Pick<
  IndicatorValue,
  | 'id'
  | 'version'
  | 'createdAt'
  | 'updatedAt'
  | 'status'
  | 'contributedBy'
  | 'pendingChanges'
  | 'rejectionReason'
  | 'indicatorId'
  | 'cityId'
  | 'year'
  | 'value'
  | 'source'
  | 'isSampleData'
>;

/** The properties a new value's row fills, every column of the table: its audit snapshot has them all. */
const VALUE_PROPERTIES = [
  'id',
  'version',
  'createdAt',
  'updatedAt',
  'status',
  'contributedBy',
  'pendingChanges',
  'rejectionReason',
  'indicatorId',
  'cityId',
  'year',
  'value',
  'source',
  'isSampleData',
] as const satisfies ReadonlyArray<keyof IndicatorValueRecord>;

interface Row {
  index: number;
  input: RecordIndicatorValueInput;
  contributedBy: string | null;
  indicator: Indicator | null;
  failure: unknown;
  outcome: BulkRowOutcome | null;
  record: IndicatorValueRecord | null;
}

const keyOf = (indicatorId: string, cityId: string, year: number) => `${indicatorId}:${cityId}:${year}`;

/**
 * Serializes writers of the same (indicator, city, year) for the rest of the transaction, in one statement and in
 * a fixed order (no deadlocks), so the check for an existing value and the write that follows cannot interleave with
 * another writer's.
 */
export async function lockValueKeys(scope: CitiesWriteScope, keys: string[]): Promise<void> {
  if (keys.length === 0) return;
  await executeBound(
    scope.em,
    scope.em.getKnex().raw(
      `select pg_advisory_xact_lock(hashtextextended('indicator_value:' || k, 0))
         from (select distinct unnest(string_to_array(?, ',')) as k order by 1) as s`,
      [[...keys].sort().join(',')],
    ),
  );
}

/**
 * The values already recorded for exactly these (indicator, city, year) keys and still open (SUBMITTED or
 * PUBLISHED), in one statement; the keys travel as one JSON parameter, so the statement reads only those keys' values
 * (not every value of every indicator, city and year named anywhere in the batch).
 */
async function openValuesOf(
  scope: CitiesWriteScope,
  keys: Array<{ indicatorId: string; cityId: string; year: number }>,
): Promise<IndicatorValue[]> {
  if (keys.length === 0) return [];
  const em = scope.em;
  const column = (property: string) => `v.${columnOf(em, IndicatorValue, property)}`;
  const rows = await executeBound(
    em,
    tableQuery(em, IndicatorValue, 'v')
      .select('v.*')
      .whereIn(column('status'), [ModerationStatus.SUBMITTED, ModerationStatus.PUBLISHED])
      .whereRaw(
        `(??, ??, ??) in (select k."indicatorId", k."cityId", k."year"
           from jsonb_to_recordset(?::jsonb) as k("indicatorId" uuid, "cityId" uuid, "year" integer))`,
        [column('indicatorId'), column('cityId'), column('year'), JSON.stringify(keys)],
      ),
  );
  return rows.map((row) => em.map(IndicatorValue, row));
}

/**
 * The input constraints of RecordIndicatorValueInput, checked by hand for bulk rows: class-validator's validateSync
 * costs most of a millisecond a row, the larger part of a 1,000-row import. Keep in step with the input's decorators
 * (the bulk tests send a row breaking each).
 */
function rowShapeFailure(input: RecordIndicatorValueInput): BadUserInputError | null {
  const code = input.indicatorCode;
  if (typeof code !== 'string' || code.length < 1 || code.length > 20) {
    return new BadUserInputError('indicatorCode', 'must be 1 to 20 characters');
  }
  if (typeof input.cityId !== 'string' || input.cityId.length === 0)
    return new BadUserInputError('cityId', 'is required');
  if (!Number.isInteger(input.year) || input.year < 1990 || input.year > 2100) {
    return new BadUserInputError('year', 'must be a whole year from 1990');
  }
  if (typeof input.value !== 'number' || !Number.isFinite(input.value)) {
    return new BadUserInputError('value', 'must be a finite number');
  }
  const source = input.source;
  if (typeof source !== 'string' || source.length < 3 || source.length > 1000) {
    return new BadUserInputError('source', 'must be 3 to 1000 characters');
  }
  return null;
}

/** The checks that need no transaction: the row's own constraints, the indicator, the city, the organisation. */
async function checkRows(ctx: CitiesContext, rows: Row[]): Promise<void> {
  for (const row of rows) {
    row.failure = rowShapeFailure(row.input);
    if (row.failure) continue;
    try {
      row.contributedBy = organizationOfWrite(ctx.identity, row.input.organizationId);
    } catch (error) {
      row.failure = error;
    }
  }
  const live = rows.filter((row) => !row.failure);
  const codes = [...new Set(live.map((row) => row.input.indicatorCode))];
  const indicators = new Map(
    (codes.length ? await ctx.em.find(Indicator, { code: { $in: codes } }) : []).map((each) => [each.code, each]),
  );
  const cityIds = [...new Set(live.map((row) => row.input.cityId).filter(isUuid))];
  const cities = new Set(
    (await ctx.loaders.cities.byId.loadMany(cityIds)).flatMap((city) =>
      city && !(city instanceof Error) ? [city.id] : [],
    ),
  );
  const organizationIds = [...new Set(live.flatMap((row) => (row.contributedBy ? [row.contributedBy] : [])))];
  const organizations = new Set(
    (await ctx.loaders.organizations.byId.loadMany(organizationIds)).flatMap((organization) =>
      organization && !(organization instanceof Error) ? [organization.id] : [],
    ),
  );
  const firstRowOfKey = new Map<string, number>();
  for (const row of live) {
    try {
      row.indicator = indicators.get(row.input.indicatorCode) ?? null;
      if (!row.indicator) throw new BadUserInputError('indicatorCode', 'no indicator has this code');
      if (!cities.has(row.input.cityId)) throw new BadUserInputError('cityId', 'no city has this id');
      if (row.contributedBy && !organizations.has(row.contributedBy)) {
        throw new BadUserInputError('organizationId', 'no organisation has this id');
      }
      assertValueFits(row.indicator, row.input.value, row.input.year);
      const key = keyOf(row.indicator.id, row.input.cityId, row.input.year);
      const first = firstRowOfKey.get(key);
      if (first !== undefined) {
        throw new BadUserInputError('year', `row ${first} already gives a value for this indicator, city and year`);
      }
      firstRowOfKey.set(key, row.index);
    } catch (error) {
      row.failure = error;
    }
  }
}

/**
 * Records many values in one transaction with set-based statements: one lookup per kind of reference, one lock
 * statement, one read of the values already there, one insert of the new values (plain rows, no entity per row),
 * batched updates, and one insert of the audit records (one per row). A row whose caller already has an open value for its key updates that value (`onExisting: 'update'`) or is a
 * CONFLICT naming it (`'conflict'`); a partner's row never touches another organisation's value, which waits beside it.
 */
async function recordRows(
  ctx: CitiesContext,
  inputs: RecordIndicatorValueInput[],
  mode: BulkMode,
  onExisting: OnExisting,
): Promise<Row[]> {
  const rows: Row[] = inputs.map((input, index) => ({
    index,
    input,
    contributedBy: null,
    indicator: null,
    failure: null,
    outcome: null,
    record: null,
  }));
  await checkRows(ctx, rows);
  const failedEarly = rows.some((row) => row.failure);
  if (failedEarly && mode === BulkMode.ALL_OR_NOTHING) return rows;
  const status = statusForWriteBy(ctx.identity);
  return auditedWrite(ctx, async (scope) => {
    const live = rows.filter((row) => !row.failure);
    const key = (row: Row) => keyOf(row.indicator!.id, row.input.cityId, row.input.year);
    await lockValueKeys(scope, live.map(key));
    const existing = await openValuesOf(
      scope,
      live.map((row) => ({ indicatorId: row.indicator!.id, cityId: row.input.cityId, year: row.input.year })),
    );
    // The secretariat's row meets the published value; a partner's, its own organisation's open submission.
    const open = new Map<string, IndicatorValue>();
    for (const value of existing) {
      const mine =
        status === ModerationStatus.PUBLISHED
          ? value.status === ModerationStatus.PUBLISHED
          : value.status === ModerationStatus.SUBMITTED && value.contributedBy === ctx.identity.organizationId;
      if (mine) open.set(keyOf(value.indicatorId, value.cityId, value.year), value);
    }
    for (const row of live) {
      const match = open.get(key(row));
      if (match && onExisting === 'conflict') {
        row.failure = new ConflictError(
          `IndicatorValue ${match.id} already records ${row.input.indicatorCode} for this city and year; ` +
            'change it with updateIndicatorValue',
          { field: 'year', existingId: match.id },
        );
      }
    }
    if (mode === BulkMode.ALL_OR_NOTHING && rows.some((row) => row.failure)) return rows;

    // Updates go through the unit of work (the version check and bump, updatedAt); new rows are inserted as plain
    // rows in one statement, and their audit snapshots are those rows: no entity or change set per row.
    const updates: Array<{ row: Row; before: Record<string, unknown> }> = [];
    const created: IndicatorValueRecord[] = [];
    const now = new Date();
    for (const row of rows.filter((each) => !each.failure)) {
      const match = open.get(key(row));
      if (match) {
        updates.push({ row, before: snapshot(match) });
        match.value = row.input.value;
        match.source = row.input.source;
        if (row.input.organizationId !== undefined) match.contributedBy = row.contributedBy;
        row.record = match;
        row.outcome = BulkRowOutcome.UPDATED;
      } else {
        row.record = {
          id: randomUUID(),
          version: 1,
          createdAt: now,
          updatedAt: now,
          status,
          contributedBy: row.contributedBy,
          pendingChanges: null,
          rejectionReason: null,
          indicatorId: row.indicator!.id,
          cityId: row.input.cityId,
          year: row.input.year,
          value: row.input.value,
          source: row.input.source,
          isSampleData: false,
        };
        created.push(row.record);
        row.outcome = BulkRowOutcome.CREATED;
      }
    }
    await insertRows(scope.em, IndicatorValue, VALUE_PROPERTIES, created);
    await scope.em.flush();
    const before = new Map(updates.map((update) => [update.row.index, update.before]));
    for (const row of rows) {
      if (!row.record) continue;
      const isNew = row.outcome === BulkRowOutcome.CREATED;
      scope.audit({
        action: isNew ? 'CREATE' : 'UPDATE',
        entityType: 'IndicatorValue',
        entityId: row.record.id,
        before: before.get(row.index) ?? null,
        // A new row's snapshot is the row itself, serialised with the audit record as snapshot() would.
        after: isNew ? (row.record as unknown as Record<string, unknown>) : snapshot(row.record),
      });
    }
    return rows;
  });
}

/** Up to 1,000 values in one call, each with its own result; `mode` says whether a failing row stops the rest. */
export async function recordIndicatorValues(
  ctx: CitiesContext,
  inputs: RecordIndicatorValueInput[],
  mode: BulkMode,
): Promise<BulkResult<IndicatorValueRecord>> {
  if (inputs.length > MAX_INDICATOR_VALUE_ROWS) {
    throw new BadUserInputError('rows', `at most ${MAX_INDICATOR_VALUE_ROWS} rows in one call`);
  }
  const rows = await recordRows(ctx, inputs, mode, 'update');
  return settleBulk(
    mode,
    rows.map((row) => ({
      index: row.index,
      outcome: row.failure ? BulkRowOutcome.ERROR : (row.outcome ?? BulkRowOutcome.NOT_WRITTEN),
      record: row.record,
      error: row.failure ? rowErrorOf(row.failure) : null,
    })),
  );
}

/**
 * Records a city's value for an indicator and year: a partner's is its own organisation's and waits for review
 * beside other organisations' submissions; the secretariat's is published. A caller whose own open value already
 * covers the key gets a CONFLICT naming it.
 */
export async function recordIndicatorValue(
  ctx: CitiesContext,
  input: RecordIndicatorValueInput,
): Promise<IndicatorValueRecord> {
  const [row] = await recordRows(ctx, [input], BulkMode.ALL_OR_NOTHING, 'conflict');
  if (row!.failure) throw row!.failure;
  return row!.record!;
}

/** Corrects a value its organisation recorded; a partner's correction to a published value waits for review. */
export function updateIndicatorValue(
  ctx: CitiesContext,
  id: string,
  expectedVersion: number,
  input: UpdateIndicatorValueInput,
): Promise<IndicatorValue> {
  return auditedWrite(ctx, (scope) =>
    reviseOwnContribution(scope, ctx.identity, {
      entity: IndicatorValue,
      entityType: 'IndicatorValue',
      id,
      expectedVersion,
      edit: async (value) => {
        const indicator = await ctx.loaders.indicators.byId.load(value.indicatorId);
        if (indicator) assertValueFits(indicator, input.value ?? undefined, undefined);
        assignGiven(value, input, ['value', 'source']);
      },
    }),
  );
}

/**
 * Before a value becomes PUBLISHED (approved or restored): the value published for the same indicator, city and
 * year, if any, is withdrawn in its favour, and the trail says so (SUPERSEDE), so one value per key stays public.
 */
export async function supersedePublished(scope: CitiesWriteScope, value: IndicatorValue): Promise<void> {
  await lockValueKeys(scope, [keyOf(value.indicatorId, value.cityId, value.year)]);
  const published = await scope.em.find(IndicatorValue, {
    indicatorId: value.indicatorId,
    cityId: value.cityId,
    year: value.year,
    status: ModerationStatus.PUBLISHED,
    id: { $ne: value.id },
  });
  if (published.length === 0) return;
  const befores = published.map(snapshot);
  for (const old of published) old.status = ModerationStatus.WITHDRAWN;
  await scope.em.flush();
  published.forEach((old, index) =>
    scope.audit({
      action: 'SUPERSEDE',
      entityType: 'IndicatorValue',
      entityId: old.id,
      before: befores[index],
      after: { ...snapshot(old), supersededBy: value.id },
    }),
  );
}
