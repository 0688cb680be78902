import { Ctx, Directive, FieldResolver, Resolver, Root } from 'type-graphql';

import type { EventsContext } from '../context';
import { NetworkReportRow, NetworkReportTotals, ReportEventFigures } from './report.type';

@Resolver(() => NetworkReportRow)
export class NetworkReportRowEventsResolver {
  @FieldResolver(() => ReportEventFigures, { description: 'Forum editions, sessions and registrations of the city' })
  events(@Root() row: NetworkReportRow, @Ctx() ctx: EventsContext): Promise<ReportEventFigures> {
    return ctx.loaders.report.ofScope(row.scope).load(row.cityId);
  }
}

@Resolver(() => NetworkReportTotals)
export class NetworkReportTotalsEventsResolver {
  @Directive('@requires(fields: "cityIds")')
  @FieldResolver(() => ReportEventFigures, { description: 'The sum of the events figures of the rows covered' })
  events(@Root() totals: NetworkReportTotals, @Ctx() ctx: EventsContext): Promise<ReportEventFigures> {
    return ctx.loaders.report.totalsOfScope(totals.scope).load(totals.cityIds ?? []);
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
