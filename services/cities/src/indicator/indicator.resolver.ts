import { Arg, Args, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root, UseMiddleware } from 'type-graphql';

import { Rule } from '@hrc/domain-kit';
import {
  Allow,
  BulkPayloadType,
  bulkPayload,
  type BulkPayload,
  ConnectionType,
  createModerationResolver,
  createTranslatedFieldsResolver,
  RevisionArgs,
  Idempotent,
} from '@hrc/graph-kit';

import { auditedWrite } from '../audit-catalogue';
import { City } from '../city/city.entity';
import type { CitiesContext } from '../context';
import { Organization } from '../organization/organization.entity';
import { Indicator, IndicatorValue } from './indicator.entity';
import { IndicatorType, InclusionTheme } from './indicator.enums';
import { RecordIndicatorValueInput, RecordIndicatorValuesInput, UpdateIndicatorValueInput } from './indicator.inputs';
import * as indicatorService from './indicator.service';

export const IndicatorValueConnection = ConnectionType(IndicatorValue);
export const IndicatorValueBulk = BulkPayloadType(IndicatorValue, 'IndicatorValue', 'RecordIndicatorValuesPayload');
export const IndicatorValueModerationResolver = createModerationResolver(
  IndicatorValue,
  'IndicatorValue',
  auditedWrite,
  { beforePublish: indicatorService.supersedePublished },
);
export const IndicatorTranslatedFieldsResolver = createTranslatedFieldsResolver(Indicator, [{ field: 'name' }]);

@Resolver(() => Indicator)
export class IndicatorResolver {
  @Allow(Rule.PUBLIC)
  @Query(() => [Indicator], { nullable: true, description: 'The inclusive-city marker system, by theme and type' })
  indicators(
    @Ctx() ctx: CitiesContext,
    @Arg('theme', () => InclusionTheme, { nullable: true, description: 'Only indicators of this theme' })
    theme?: InclusionTheme,
    @Arg('type', () => IndicatorType, { nullable: true, description: 'Only indicators of this type' })
    type?: IndicatorType,
  ): Promise<Indicator[]> {
    return ctx.em.getRepository(Indicator).listByCode({ theme, type });
  }

  @Allow(Rule.PUBLIC)
  @Query(() => Indicator, { nullable: true, description: 'One indicator, by its code; null when there is none' })
  indicator(
    @Ctx() ctx: CitiesContext,
    @Arg('code', { description: 'The indicator code, for example "SPA-01"' }) code: string,
  ): Promise<Indicator | null> {
    return ctx.em.getRepository(Indicator).findByCode(code);
  }
}

@Resolver(() => IndicatorValue)
export class IndicatorValueResolver {
  @FieldResolver(() => Indicator, { description: 'The indicator the value is for' })
  async indicator(@Root() value: IndicatorValue, @Ctx() ctx: CitiesContext): Promise<Indicator> {
    return (await ctx.loaders.indicators.byId.load(value.indicatorId))!;
  }

  @FieldResolver(() => City, { description: 'The city the value is for' })
  async city(@Root() value: IndicatorValue, @Ctx() ctx: CitiesContext): Promise<City> {
    return (await ctx.loaders.cities.byId.load(value.cityId))!;
  }

  @FieldResolver(() => Organization, {
    nullable: true,
    description:
      'The organisation that recorded the value; null for values the secretariat recorded or the seed loaded',
  })
  contributor(@Root() value: IndicatorValue, @Ctx() ctx: CitiesContext): Promise<Organization | null> | null {
    return value.contributedBy ? ctx.loaders.organizations.byId.load(value.contributedBy) : null;
  }

  @Allow(Rule.CONTRIBUTOR)
  @UseMiddleware(Idempotent(IndicatorValue))
  @Mutation(() => IndicatorValue, {
    description: "Records a city's value for an indicator and year. A partner's is SUBMITTED for review",
  })
  recordIndicatorValue(
    @Ctx() ctx: CitiesContext,
    @Arg('input', () => RecordIndicatorValueInput, {
      description: 'The value, with its indicator, city, year and source',
    })
    input: RecordIndicatorValueInput,
  ): Promise<indicatorService.IndicatorValueRecord> {
    return indicatorService.recordIndicatorValue(ctx, input);
  }

  @Allow(Rule.CONTRIBUTOR)
  @UseMiddleware(Idempotent(IndicatorValue))
  @Mutation(() => IndicatorValueBulk.Payload, {
    description:
      'Records up to 1,000 values in one call, with a result per row: CREATED, UPDATED (your own open value for the ' +
      'same indicator, city and year), or an ERROR naming the field. ALL_OR_NOTHING writes every row or none; ' +
      'ROW_BY_ROW writes the rows that pass',
  })
  async recordIndicatorValues(
    @Ctx() ctx: CitiesContext,
    @Arg('input', () => RecordIndicatorValuesInput, {
      description: 'The rows, how a failing row is handled, and an idempotency key',
    })
    input: RecordIndicatorValuesInput,
  ): Promise<BulkPayload<indicatorService.IndicatorValueRecord>> {
    return bulkPayload(
      await indicatorService.recordIndicatorValues(ctx, input.rows, input.mode),
      input.clientMutationId,
    );
  }

  @Allow(Rule.OWNER)
  @Mutation(() => IndicatorValue, {
    description:
      "Corrects a value its organisation recorded. A partner's correction to a PUBLISHED value waits in pendingChanges " +
      'while the reviewed value stays public',
  })
  updateIndicatorValue(
    @Ctx() ctx: CitiesContext,
    @Args() { id, expectedVersion }: RevisionArgs,
    @Arg('input', () => UpdateIndicatorValueInput, { description: 'The correction: a field left out keeps its value' })
    input: UpdateIndicatorValueInput,
  ): Promise<IndicatorValue> {
    return indicatorService.updateIndicatorValue(ctx, id, expectedVersion, input);
  }
}

/** `City.indicatorValues`: the values of every city on a page in one statement. */
@Resolver(() => City)
export class CityIndicatorsResolver {
  @FieldResolver(() => [IndicatorValue], {
    description: "The city's indicator values the caller may read, by indicator code and year",
  })
  indicatorValues(
    @Root() city: City,
    @Ctx() ctx: CitiesContext,
    @Arg('year', () => Int, { nullable: true, description: 'Only values of this year; every year when absent' })
    year?: number,
    @Arg('theme', () => InclusionTheme, { nullable: true, description: 'Only values of indicators of this theme' })
    theme?: InclusionTheme,
  ): Promise<IndicatorValue[]> {
    return ctx.loaders.indicators.valuesOfCity({ year: year ?? null, theme: theme ?? null }).load(city.id);
  }
}
