import { Args, Ctx, Directive, FieldResolver, Query, Resolver, Root } from 'type-graphql';

import { Rule } from '@hrc/domain-kit';
import { Allow } from '@hrc/graph-kit';

import type { EducationContext } from '../context';
import { EducationReach, toEducationReach } from '../reach/reach.type';
import { networkEducationReach, YearRangeArgs } from './report.service';
import { NetworkReportRow, NetworkReportTotals } from './report.type';

const REPORT_REACH =
  'Education reach within the report filter: programmes with a cohort starting in the years (of the theme), their ' +
  'cohorts, enrolments and completions, by audience';

@Resolver(() => NetworkReportRow)
export class NetworkReportRowEducationResolver {
  @FieldResolver(() => EducationReach, { description: REPORT_REACH })
  async education(@Root() row: NetworkReportRow, @Ctx() ctx: EducationContext): Promise<EducationReach> {
    return toEducationReach(await ctx.loaders.report.ofScope(row.scope).load(row.cityId));
  }
}

@Resolver(() => NetworkReportTotals)
export class NetworkReportTotalsEducationResolver {
  @Directive('@requires(fields: "cityIds")')
  @FieldResolver(() => EducationReach, { description: `${REPORT_REACH}; the sum of the rows covered` })
  async education(@Root() totals: NetworkReportTotals, @Ctx() ctx: EducationContext): Promise<EducationReach> {
    return toEducationReach(await ctx.loaders.report.totalsOfScope(totals.scope).load(totals.cityIds ?? []));
  }
}

@Resolver(() => EducationReach)
export class NetworkEducationReachResolver {
  @Allow(Rule.PUBLIC)
  @Query(() => EducationReach, {
    description:
      'Human rights education delivered across the whole network, by audience, for cohorts starting in the years ' +
      '(every year when none is given); per region, see networkReport(...).regions.education',
  })
  educationReach(@Ctx() ctx: EducationContext, @Args() range: YearRangeArgs): Promise<EducationReach> {
    return networkEducationReach(ctx, range);
  }
}

export const networkReportReferenceResolvers = {
  NetworkReportRow: {
    __resolveReference(reference: NetworkReportRow): NetworkReportRow {
      return reference;
    },
  },
  NetworkReportTotals: {
    __resolveReference(reference: NetworkReportTotals): NetworkReportTotals {
      return reference;
    },
  },
};
