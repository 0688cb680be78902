import { Theme } from './taxonomy';

/**
 * What the network report counts, shared by every subgraph that adds figures to its rows and totals. The cities
 * subgraph writes it into the entity keys of the report (`scope`); the others read it back, so every part of a row is
 * counted under the same years and theme. Region and country only choose the cities, so they are not part of it.
 */
export interface ReportScope {
  fromYear: number | null;
  toYear: number | null;
  theme: Theme | null;
  sdg: number | null;
  sdgTarget: string | null;
}

/**
 * The scope as canonical JSON: its parts in a fixed order, and only those that are set ("{}" for the whole network).
 * Every row of a report carries it in its entity key, so the gateway sends it once per row to each subgraph: short
 * keeps a 5,000-row report's traffic small.
 */
export function encodeReportScope(scope: Partial<ReportScope>): string {
  const canonical: Partial<ReportScope> = {};
  for (const part of ['fromYear', 'toYear', 'theme', 'sdg', 'sdgTarget'] as const) {
    const value = scope[part];
    if (value !== undefined && value !== null) (canonical as Record<string, unknown>)[part] = value;
  }
  return JSON.stringify(canonical);
}

const yearOrNull = (value: unknown): number | null => (Number.isInteger(value) ? (value as number) : null);

/** Reads a scope from an entity key; anything that is not a valid part is left open (null). */
export function decodeReportScope(encoded: string): ReportScope {
  let parsed: Record<string, unknown> = {};
  try {
    const value: unknown = JSON.parse(encoded);
    if (value && typeof value === 'object') parsed = value as Record<string, unknown>;
  } catch {
    parsed = {};
  }
  const theme = Object.values(Theme).includes(parsed.theme as Theme) ? (parsed.theme as Theme) : null;
  return {
    fromYear: yearOrNull(parsed.fromYear),
    toYear: yearOrNull(parsed.toYear),
    theme,
    sdg: yearOrNull(parsed.sdg),
    sdgTarget: typeof parsed.sdgTarget === 'string' ? parsed.sdgTarget : null,
  };
}
