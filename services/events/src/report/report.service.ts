import type { EntityManager } from '@mikro-orm/postgresql';
import type DataLoader from 'dataloader';

import { decodeReportScope } from '@hrc/domain-kit';
import { LoaderRegistry } from '@hrc/graph-kit';
import type { Identity } from '@hrc/service-kit';

import { type CityEventFigures, eventFiguresOfCities, zeroEventFigures } from './report.repository';

/** Report figures per city, one statement per report filter for every row and total of a request. */
export class ReportLoaders {
  private readonly registry = new LoaderRegistry();

  constructor(
    private readonly em: EntityManager,
    private readonly identity: Identity,
  ) {}

  ofScope(scope: string): DataLoader<string, CityEventFigures> {
    return this.registry.get('report-events', scope, (cityIds) =>
      eventFiguresOfCities(this.em, this.identity, decodeReportScope(scope), cityIds),
    );
  }

  /** The sum over a set of cities (a region's, the network's): one load per total, every total in one statement. */
  totalsOfScope(scope: string): DataLoader<readonly string[], CityEventFigures> {
    return this.registry.totals(
      'report-events',
      scope,
      (cityIds) => eventFiguresOfCities(this.em, this.identity, decodeReportScope(scope), cityIds),
      sumEventFigures,
    );
  }
}

/** Totals are sums of the rows' own figures, so they always equal the sum of the rows. */
export function sumEventFigures(rows: Array<CityEventFigures | Error>): CityEventFigures {
  const total = zeroEventFigures();
  for (const row of rows) {
    if (row instanceof Error) throw row;
    total.editionsHosted += row.editionsHosted;
    total.sessions += row.sessions;
    total.registrations += row.registrations;
    total.attended += row.attended;
    total.includesSampleData ||= row.includesSampleData;
  }
  return total;
}
