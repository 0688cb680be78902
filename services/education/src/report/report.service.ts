import type { EntityManager } from '@mikro-orm/postgresql';
import type DataLoader from 'dataloader';
import { ArgsType } from 'type-graphql';

import { decodeReportScope } from '@hrc/domain-kit';
import { LoaderRegistry, YearFilterField } from '@hrc/graph-kit';
import { assertYearRange, type Identity } from '@hrc/service-kit';

import type { EducationContext } from '../context';
import type { ReachFigures } from '../program/program.repository';
import { type EducationReach, toEducationReach } from '../reach/reach.type';
import { NETWORK_KEY, reachWithin, sumReach } from './report.repository';

@ArgsType()
export class YearRangeArgs {
  @YearFilterField({ description: 'Cohorts starting in this year or later' })
  fromYear?: number | null;

  @YearFilterField({ description: 'Cohorts starting in this year or earlier' })
  toYear?: number | null;
}

/** Report reach per city, one statement per report filter for every row and total of a request. */
export class ReportLoaders {
  private readonly registry = new LoaderRegistry();

  constructor(
    private readonly em: EntityManager,
    private readonly identity: Identity,
  ) {}

  ofScope(scope: string): DataLoader<string, ReachFigures> {
    return this.registry.get('report-education', scope, (cityIds) =>
      reachWithin(this.em, this.identity, decodeReportScope(scope), { by: 'city', cityIds }),
    );
  }

  /** The sum over a set of cities (a region's, the network's): one load per total, every total in one statement. */
  totalsOfScope(scope: string): DataLoader<readonly string[], ReachFigures> {
    return this.registry.totals(
      'report-education',
      scope,
      (cityIds) => reachWithin(this.em, this.identity, decodeReportScope(scope), { by: 'city', cityIds }),
      sumReach,
    );
  }
}

/** The network's education reach within the years. */
export async function networkEducationReach(ctx: EducationContext, range: YearRangeArgs): Promise<EducationReach> {
  assertYearRange(range);
  const scope = { fromYear: range.fromYear ?? null, toYear: range.toYear ?? null, theme: null };
  const reach = await reachWithin(ctx.em, ctx.identity, scope, { by: 'network' });
  return toEducationReach(reach.get(NETWORK_KEY)!);
}
