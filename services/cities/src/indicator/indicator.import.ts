import { parse } from 'csv-parse/sync';

import { assertAllowed, Rule } from '@hrc/domain-kit';
import { BulkMode, bulkPayload, type BulkPayload } from '@hrc/graph-kit';
import { BadUserInputError } from '@hrc/service-kit';

import type { CitiesContext } from '../context';
import { RecordIndicatorValueInput } from './indicator.inputs';
import { MAX_INDICATOR_VALUE_ROWS, recordIndicatorValues, type IndicatorValueRecord } from './indicator.service';

/** The path the gateway forwards, with the caller's token, to the cities subgraph. */
export const INDICATOR_VALUES_CSV_PATH = '/imports/indicator-values.csv';

/** The columns a CSV import must have; `organizationId` is optional (the secretariat's). */
export const CSV_COLUMNS = ['indicatorCode', 'cityId', 'year', 'value', 'source'] as const;

/** Empty cells stay undefined, and numbers that do not parse stay as text, so the row's check names the field. */
function numberOf(text: string | undefined): number | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : (text as unknown as number);
}

function inputOf(record: Record<string, string>): RecordIndicatorValueInput {
  return Object.assign(new RecordIndicatorValueInput(), {
    indicatorCode: record.indicatorCode ?? '',
    cityId: record.cityId ?? '',
    year: numberOf(record.year),
    value: numberOf(record.value),
    source: record.source ?? '',
    ...(record.organizationId ? { organizationId: record.organizationId } : {}),
  });
}

/**
 * `POST /imports/indicator-values.csv`: the same use case and per-row report as `recordIndicatorValues`, from a CSV
 * with a header row. Row indexes count data rows from 0, as in the mutation; `line` is the line in the file.
 */
export async function importIndicatorValuesCsv(
  ctx: CitiesContext,
  csv: string,
  mode: BulkMode = BulkMode.ALL_OR_NOTHING,
): Promise<BulkPayload<IndicatorValueRecord>> {
  assertAllowed(Rule.CONTRIBUTOR, ctx.identity);
  let records: Array<Record<string, string>>;
  try {
    records = parse(csv, { columns: true, skip_empty_lines: true, trim: true, bom: true });
  } catch (error) {
    throw new BadUserInputError('csv', `is not valid CSV: ${(error as Error).message}`);
  }
  if (records.length === 0) throw new BadUserInputError('csv', 'has no data rows under its header');
  const missing = CSV_COLUMNS.filter((column) => !(column in records[0]!));
  if (missing.length > 0) throw new BadUserInputError('csv', `lacks the columns ${missing.join(', ')}`);
  if (records.length > MAX_INDICATOR_VALUE_ROWS) {
    throw new BadUserInputError('csv', `has ${records.length} rows; at most ${MAX_INDICATOR_VALUE_ROWS} in one import`);
  }
  return bulkPayload(await recordIndicatorValues(ctx, records.map(inputOf), mode), null);
}
