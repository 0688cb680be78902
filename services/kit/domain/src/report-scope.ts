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

export function encodeReportScope(scope: Partial<ReportScope>): string {
  const canonical: ReportScope = {
    fromYear: scope.fromYear ?? null,
    toYear: scope.toYear ?? null,
    theme: scope.theme ?? null,
    sdg: scope.sdg ?? null,
    sdgTarget: scope.sdgTarget ?? null,
  };
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
