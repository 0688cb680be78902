import {
  assignGiven,
  insertAudited,
  organizationOfWrite,
  reviseOwnContribution,
  statusForWriteBy,
} from '@hrc/domain-kit';
import { BadUserInputError } from '@hrc/service-kit';

import { auditedWrite } from '../audit-catalogue';
import type { CitiesContext } from '../context';
import { Indicator, IndicatorValue } from './indicator.entity';
import type { RecordIndicatorValueInput, UpdateIndicatorValueInput } from './indicator.inputs';

/**
 * Records a city's value for an indicator and year: a partner's is its own organisation's and waits for review; the
 * secretariat's is published and may name the contributing organisation. One value per indicator, city and year.
 */
export async function recordIndicatorValue(
  ctx: CitiesContext,
  input: RecordIndicatorValueInput,
): Promise<IndicatorValue> {
  const contributedBy = organizationOfWrite(ctx.identity, input.organizationId);
  const indicator = await ctx.em.getRepository(Indicator).findByCode(input.indicatorCode);
  if (!indicator) throw new BadUserInputError('indicatorCode', 'no indicator has this code');
  if (!(await ctx.loaders.cities.byId.load(input.cityId))) throw new BadUserInputError('cityId', 'no city has this id');
  return auditedWrite(ctx, (scope) =>
    insertAudited(
      scope,
      'IndicatorValue',
      scope.em.create(IndicatorValue, {
        indicatorId: indicator.id,
        cityId: input.cityId,
        year: input.year,
        value: input.value,
        source: input.source,
        contributedBy,
        status: statusForWriteBy(ctx.identity),
      }),
    ),
  );
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
      edit: (value) => assignGiven(value, input, ['value', 'source']),
    }),
  );
}
