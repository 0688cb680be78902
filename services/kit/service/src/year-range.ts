import { BadUserInputError } from './errors';

/** An inclusive range of calendar years; either end may be open. */
export interface YearRange {
  fromYear?: number | null;
  toYear?: number | null;
}

/**
 * Refuses a range that ends before it starts, naming `toYear`. A range wider than the data is fine: it only selects
 * what exists.
 */
export function assertYearRange(range: YearRange | undefined | null): void {
  const from = range?.fromYear ?? null;
  const to = range?.toYear ?? null;
  if (from !== null && to !== null && to < from) throw new BadUserInputError('toYear', 'must not be before fromYear');
}

/** `expression` (a SQL year) within the range, as a condition with bindings; `true` for an open range. */
export function yearRangeSql(
  expression: string,
  range: YearRange | undefined | null,
): { sql: string; bindings: number[] } {
  const conditions: string[] = [];
  const bindings: number[] = [];
  if (range?.fromYear !== undefined && range.fromYear !== null) {
    conditions.push(`${expression} >= ?`);
    bindings.push(range.fromYear);
  }
  if (range?.toYear !== undefined && range.toYear !== null) {
    conditions.push(`${expression} <= ?`);
    bindings.push(range.toYear);
  }
  return { sql: conditions.length === 0 ? 'true' : conditions.join(' and '), bindings };
}
