import { BadUserInputError } from '@hrc/service-kit';

import type { Indicator } from './indicator.entity';

/** How an indicator's unit bounds its values; read from the unit the marker system gives each indicator. */
export type ValueScale = 'percent' | 'yes-no' | 'count' | 'rate';

/** Units that count things: whole numbers. */
const COUNT_UNITS = /^(languages|count|number\b|people|persons|cases|days)/i;

export function scaleOf(unit: string): ValueScale {
  const normalized = unit.trim().toLowerCase();
  if (normalized === 'percent' || normalized === '%') return 'percent';
  if (/\byes\b/.test(normalized) && /\bno\b/.test(normalized)) return 'yes-no';
  if (COUNT_UNITS.test(normalized)) return 'count';
  return 'rate';
}

/**
 * Checks a value and year against the indicator they are for: percentages 0–100, yes/no 0 or 1, counts whole and
 * not negative, rates not negative, and no year after the current one (UTC). Throws BAD_USER_INPUT naming the field.
 */
export function assertValueFits(indicator: Indicator, value: number | undefined, year: number | undefined): void {
  if (year !== undefined && year > new Date().getUTCFullYear()) {
    throw new BadUserInputError('year', 'must not be in the future');
  }
  if (value === undefined) return;
  const unit = `${indicator.code} is measured in "${indicator.unit}"`;
  switch (scaleOf(indicator.unit)) {
    case 'percent':
      if (value < 0 || value > 100) throw new BadUserInputError('value', `must be between 0 and 100: ${unit}`);
      return;
    case 'yes-no':
      if (value !== 0 && value !== 1) throw new BadUserInputError('value', `must be 0 (no) or 1 (yes): ${unit}`);
      return;
    case 'count':
      if (!Number.isInteger(value) || value < 0) {
        throw new BadUserInputError('value', `must be a whole number, 0 or more: ${unit}`);
      }
      return;
    case 'rate':
      if (value < 0) throw new BadUserInputError('value', `must not be negative: ${unit}`);
  }
}
