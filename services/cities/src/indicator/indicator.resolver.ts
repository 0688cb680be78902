import { BadUserInputError, findByIdOrFail } from '@hrc/service-kit';
import { assertAllowed, assertVersion, isSecretariat, localize, reviseContribution, Rule, snapshot, statusForWriteBy } from '@hrc/domain-kit';
import { createModerationResolver, LocalizedText, toLocalizedTexts } from '@hrc/graph-kit';
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';

import { auditedWrite } from '../audit-catalogue';
import { City } from '../city/city.entity';
import type { CitiesContext } from '../context';
import { Organization } from '../organization/organization.entity';
import { IndicatorType, InclusionTheme } from './indicator.enums';
import { Indicator, IndicatorValue } from './indicator.entity';
import { RecordIndicatorValueInput, UpdateIndicatorValueInput } from './indicator.inputs';

export const IndicatorValueModerationResolver = createModerationResolver(IndicatorValue, 'IndicatorValue', auditedWrite);

@Resolver(() => Indicator)
export class IndicatorResolver {
  @Query(() => [Indicator], { description: 'The inclusive-city marker system, by theme and type' })
  indicators(
    @Ctx() ctx: CitiesContext,
    @Arg('theme', () => InclusionTheme, { nullable: true }) theme?: InclusionTheme,
    @Arg('type', () => IndicatorType, { nullable: true }) type?: IndicatorType,
  ): Promise<Indicator[]> {
    return ctx.em.find(
      Indicator,
      { ...(theme ? { theme } : {}), ...(type ? { type } : {}) },
      { orderBy: { code: 'asc' } },
    );
  }

  @Query(() => Indicator, { nullable: true })
  indicator(@Ctx() ctx: CitiesContext, @Arg('code') code: string): Promise<Indicator | null> {
    return ctx.em.findOne(Indicator, { code });
  }

  @FieldResolver(() => String)
  name(@Root() indicator: Indicator, @Arg('lang', () => String, { nullable: true }) lang?: string): string {
    return localize(indicator.name, indicator.nameTranslations, lang);
  }

  @FieldResolver(() => [LocalizedText])
  nameTranslations(@Root() indicator: Indicator): LocalizedText[] {
    return toLocalizedTexts(indicator.nameTranslations);
  }
}

@Resolver(() => IndicatorValue)
export class IndicatorValueResolver {
  @FieldResolver(() => Indicator)
  async indicator(@Root() value: IndicatorValue, @Ctx() ctx: CitiesContext): Promise<Indicator> {
    return (await ctx.loaders.indicators.byId.load(value.indicatorId))!;
  }

  @FieldResolver(() => City)
  async city(@Root() value: IndicatorValue, @Ctx() ctx: CitiesContext): Promise<City> {
    return (await ctx.loaders.cities.byId.load(value.cityId))!;
  }

  @FieldResolver(() => Organization, { nullable: true })
  contributor(@Root() value: IndicatorValue, @Ctx() ctx: CitiesContext): Promise<Organization | null> | null {
    return value.contributedBy ? ctx.loaders.organizations.byId.load(value.contributedBy) : null;
  }

  @Mutation(() => IndicatorValue, {
    description: "Records a city's value for an indicator and year. A partner's is SUBMITTED for review",
  })
  async recordIndicatorValue(
    @Ctx() ctx: CitiesContext,
    @Arg('input', () => RecordIndicatorValueInput) input: RecordIndicatorValueInput,
  ): Promise<IndicatorValue> {
    assertAllowed(Rule.CONTRIBUTOR, ctx.identity);
    const contributedBy = isSecretariat(ctx.identity) ? (input.organizationId ?? null) : ctx.identity.organizationId;
    if (!isSecretariat(ctx.identity)) assertAllowed(Rule.OWNER, ctx.identity, [input.organizationId ?? contributedBy]);
    const indicator = await ctx.em.findOne(Indicator, { code: input.indicatorCode });
    if (!indicator) throw new BadUserInputError('indicatorCode', 'no indicator has this code');
    if (!(await ctx.loaders.cities.byId.load(input.cityId))) throw new BadUserInputError('cityId', 'no city has this id');
    return auditedWrite(ctx, async ({ em, audit }) => {
      const value = em.create(IndicatorValue, {
        indicatorId: indicator.id,
        cityId: input.cityId,
        year: input.year,
        value: input.value,
        source: input.source,
        contributedBy,
        status: statusForWriteBy(ctx.identity),
      });
      await em.flush();
      audit({ action: 'CREATE', entityType: 'IndicatorValue', entityId: value.id, after: snapshot(value) });
      return value;
    });
  }

  @Mutation(() => IndicatorValue, { description: 'Corrects a value its organisation recorded' })
  async updateIndicatorValue(
    @Ctx() ctx: CitiesContext,
    @Arg('id', () => ID) id: string,
    @Arg('expectedVersion', () => Int) expectedVersion: number,
    @Arg('input', () => UpdateIndicatorValueInput) input: UpdateIndicatorValueInput,
  ): Promise<IndicatorValue> {
    assertAllowed(Rule.CONTRIBUTOR, ctx.identity);
    return auditedWrite(ctx, async ({ em, audit }) => {
      const value = await findByIdOrFail(em, IndicatorValue, id);
      assertAllowed(Rule.OWNER, ctx.identity, [value.contributedBy]);
      assertVersion('IndicatorValue', value, expectedVersion);
      const before = snapshot(value);
      const action = await reviseContribution(value, ctx.identity, () => {
        if (input.value !== undefined) value.value = input.value;
        if (input.source !== undefined) value.source = input.source;
      });
      await em.flush();
      audit({ action, entityType: 'IndicatorValue', entityId: id, before, after: snapshot(value) });
      return value;
    });
  }
}

/** `City.indicatorValues`: the values of every city on a page in one statement. */
@Resolver(() => City)
export class CityIndicatorsResolver {
  @FieldResolver(() => [IndicatorValue])
  indicatorValues(
    @Root() city: City,
    @Ctx() ctx: CitiesContext,
    @Arg('year', () => Int, { nullable: true }) year?: number,
    @Arg('theme', () => InclusionTheme, { nullable: true }) theme?: InclusionTheme,
  ): Promise<IndicatorValue[]> {
    return ctx.loaders.indicators.valuesOfCity({ year: year ?? null, theme: theme ?? null }).load(city.id);
  }
}
