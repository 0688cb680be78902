import { Field, Int, ObjectType } from 'type-graphql';

import { Theme } from '@hrc/domain-kit';

import { Region } from '../city/city.enums';
import { PolicyStage } from './policy.enums';
import type { PolicyStatisticsRow } from './policy.repository';

const COUNT = 'Policies counted; a policy with several themes or goals counts once under each';

@ObjectType({ description: 'Policies with one theme' })
export class PolicyThemeCount {
  @Field(() => Theme, { description: 'The theme' })
  theme!: Theme;

  @Field(() => Int, { description: COUNT })
  count!: number;
}

@ObjectType({ description: 'Policies serving one UN Sustainable Development Goal' })
export class PolicySdgCount {
  @Field(() => Int, { description: 'The goal, 1 to 17' })
  sdg!: number;

  @Field(() => Int, { description: COUNT })
  count!: number;
}

@ObjectType({ description: 'Policies at one stage' })
export class PolicyStageCount {
  @Field(() => PolicyStage, { description: 'The stage' })
  stage!: PolicyStage;

  @Field(() => Int, { description: 'Policies at this stage' })
  count!: number;
}

@ObjectType({ description: 'Policies of cities in one UN M49 region' })
export class PolicyRegionCount {
  @Field(() => Region, { description: 'The region' })
  region!: Region;

  @Field(() => Int, { description: 'Policies of cities in this region' })
  count!: number;
}

@ObjectType({ description: 'Policies of cities in one country' })
export class PolicyCountryCount {
  @Field({ description: 'ISO 3166-1 alpha-2 country code' })
  country!: string;

  @Field(() => Int, { description: 'Policies of cities in this country' })
  count!: number;
}

@ObjectType({ description: 'Policies adopted in one year' })
export class PolicyYearCount {
  @Field(() => Int, {
    nullable: true,
    description: 'The year of adoption; null counts policies whose adoption is unknown',
  })
  year!: number | null;

  @Field(() => Int, { description: 'Policies adopted in this year' })
  count!: number;
}

@ObjectType({
  description:
    'Policies counted in SQL where they are stored, by theme, SDG goal, stage, region, country and adoption year. ' +
    'Counts only policies the caller may read; every list is sorted by its key',
})
export class PolicyStatistics {
  @Field(() => Int, { description: 'Policies matching the filter' })
  policies!: number;

  @Field({ description: 'True when any counted policy is sample or synthetic data rather than a real policy' })
  includesSampleData!: boolean;

  @Field(() => [PolicyThemeCount], {
    description: 'Counts by theme, in theme order; themes with no policy are left out',
  })
  byTheme!: PolicyThemeCount[];

  @Field(() => [PolicySdgCount], { description: 'Counts by SDG goal, 1 to 17; goals with no policy are left out' })
  bySdg!: PolicySdgCount[];

  @Field(() => [PolicyStageCount], { description: 'Counts by stage; stages with no policy are left out' })
  byStage!: PolicyStageCount[];

  @Field(() => [PolicyRegionCount], { description: "Counts by the city's region; regions with no policy are left out" })
  byRegion!: PolicyRegionCount[];

  @Field(() => [PolicyCountryCount], { description: "Counts by the city's country, by country code" })
  byCountry!: PolicyCountryCount[];

  @Field(() => [PolicyYearCount], { description: 'By year of adoption, oldest first; unknown years last' })
  byAdoptionYear!: PolicyYearCount[];
}

export function emptyPolicyStatistics(): PolicyStatistics {
  return {
    policies: 0,
    includesSampleData: false,
    byTheme: [],
    bySdg: [],
    byStage: [],
    byRegion: [],
    byCountry: [],
    byAdoptionYear: [],
  };
}

const byKey =
  <T>(key: (item: T) => string | number | null) =>
  (a: T, b: T) => {
    const [x, y] = [key(a), key(b)];
    if (x === y) return 0;
    if (x === null) return 1;
    if (y === null) return -1;
    return x < y ? -1 : 1;
  };

/** The rows of `PolicyRepository.statisticsBy`, one statistics object per scope key (every key asked for has one). */
export function toPolicyStatistics(
  rows: PolicyStatisticsRow[],
  keys: readonly string[],
): Map<string, PolicyStatistics> {
  const statistics = new Map(keys.map((key) => [key, emptyPolicyStatistics()]));
  for (const row of rows) {
    const target = statistics.get(row.scope);
    if (!target) continue;
    switch (row.dimension) {
      case 'total':
        target.policies = row.count;
        target.includesSampleData = row.sample;
        break;
      case 'theme':
        target.byTheme.push({ theme: row.key as Theme, count: row.count });
        break;
      case 'sdg':
        target.bySdg.push({ sdg: Number(row.key), count: row.count });
        break;
      case 'stage':
        target.byStage.push({ stage: row.key as PolicyStage, count: row.count });
        break;
      case 'region':
        target.byRegion.push({ region: row.key as Region, count: row.count });
        break;
      case 'country':
        target.byCountry.push({ country: row.key!, count: row.count });
        break;
      case 'year':
        target.byAdoptionYear.push({ year: row.key === null ? null : Number(row.key), count: row.count });
        break;
    }
  }
  for (const target of statistics.values()) {
    target.byTheme.sort(byKey((item) => item.theme));
    target.bySdg.sort(byKey((item) => item.sdg));
    target.byStage.sort(byKey((item) => item.stage));
    target.byRegion.sort(byKey((item) => item.region));
    target.byCountry.sort(byKey((item) => item.country));
    target.byAdoptionYear.sort(byKey((item) => item.year));
  }
  return statistics;
}
