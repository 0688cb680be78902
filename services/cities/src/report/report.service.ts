import { encodeReportScope, isIsoCountry, isSdgTarget } from '@hrc/domain-kit';
import { assertYearRange, BadUserInputError, tableQuery } from '@hrc/service-kit';

import { City } from '../city/city.entity';
import type { MechanismKind, Region } from '../city/city.enums';
import type { CitiesContext } from '../context';
import { Policy } from '../policy/policy.entity';
import type { PolicyFilter } from '../policy/policy.inputs';
import type { NetworkReportFilter } from './report.inputs';
import type { NetworkReport, NetworkReportRow, NetworkReportTotals, ReportCityFigures } from './report.type';

const NETWORK_AREA = 'NETWORK';

/** Refuses what cannot select anything meaningful, naming the field; a filter that selects nothing is fine. */
function assertValidFilter(filter: NetworkReportFilter): void {
  assertYearRange(filter);
  if (filter.sdgTarget !== undefined && filter.sdgTarget !== null && !isSdgTarget(filter.sdgTarget)) {
    throw new BadUserInputError('sdgTarget', `"${filter.sdgTarget}" is not one of the 169 SDG targets`);
  }
  if (filter.country !== undefined && filter.country !== null && !isIsoCountry(filter.country)) {
    throw new BadUserInputError('country', 'must be an ISO 3166-1 alpha-2 country code such as "KR"');
  }
}

function policyFilterOf(filter: NetworkReportFilter): PolicyFilter {
  return {
    ...(filter.theme ? { theme: filter.theme } : {}),
    ...(filter.sdg ? { sdg: filter.sdg } : {}),
    ...(filter.sdgTarget ? { sdgTarget: filter.sdgTarget } : {}),
    ...(filter.fromYear ? { adoptedAfter: `${filter.fromYear}-01-01` } : {}),
    ...(filter.toYear ? { adoptedBefore: `${filter.toYear}-12-31` } : {}),
  };
}

function zeroFigures(): ReportCityFigures {
  return { cities: 0, declaredCities: 0, mechanisms: 0, policies: 0, includesSampleData: false };
}

function addFigures(total: ReportCityFigures, row: ReportCityFigures): void {
  total.cities += row.cities;
  total.declaredCities += row.declaredCities;
  total.mechanisms += row.mechanisms;
  total.policies += row.policies;
  total.includesSampleData ||= row.includesSampleData;
}

/**
 * The cities subgraph's part of the network report, in one statement: every city the filter selects with its
 * declaration, mechanisms and the count of its policies within the filter. Totals per region and for the network are
 * the sums of those rows; the events and education subgraphs add their figures to rows and totals by entity key.
 */
export async function networkReport(ctx: CitiesContext, filter: NetworkReportFilter = {}): Promise<NetworkReport> {
  assertValidFilter(filter);
  const scope = encodeReportScope({
    fromYear: filter.fromYear,
    toYear: filter.toYear,
    theme: filter.theme,
    sdg: filter.sdg,
    sdgTarget: filter.sdgTarget,
  });
  const knex = ctx.em.getKnex();
  const policies = ctx.em.getRepository(Policy).countedPerCity(ctx.identity, policyFilterOf(filter));
  // Only what the report counts: a row's full city is read when a client selects it (NetworkReportRow.city).
  const query = tableQuery(ctx.em, City, 'c')
    .select(
      knex.raw(
        `c.id, c.region, c.country, coalesce(c.declared_in, extract(year from c.declared_on)::int) as declaration_year,
         c.mechanisms, coalesce(pc.policies, 0)::int as policies, coalesce(pc.sample, false) as sample`,
      ),
    )
    .leftJoin(policies.as('pc'), 'pc.city_id', 'c.id')
    .orderBy([{ column: 'c.region' }, { column: 'c.name' }, { column: 'c.id' }]);
  if (filter.region) query.where('c.region', filter.region);
  if (filter.country) query.where('c.country', filter.country);
  const found = (await query) as Array<{
    id: string;
    region: Region;
    country: string;
    declaration_year: number | null;
    mechanisms: Array<{ kind: MechanismKind }>;
    policies: number;
    sample: boolean;
  }>;

  const rows: NetworkReportRow[] = found.map((city) => ({
    cityId: city.id,
    scope,
    region: city.region,
    country: city.country.trim(),
    declarationYear: city.declaration_year,
    mechanisms: city.mechanisms.map((mechanism) => mechanism.kind),
    cities: {
      cities: 1,
      declaredCities: city.declaration_year === null ? 0 : 1,
      mechanisms: city.mechanisms.length,
      policies: city.policies,
      includesSampleData: city.sample,
    },
  }));

  const totals = (area: string, region: Region | null, covered: NetworkReportRow[]): NetworkReportTotals => {
    const figures = zeroFigures();
    for (const row of covered) addFigures(figures, row.cities);
    return { scope, area, region, cityIds: covered.map((row) => row.cityId), cities: figures };
  };
  const byRegion = new Map<Region, NetworkReportRow[]>();
  for (const row of rows) {
    const covered = byRegion.get(row.region);
    if (covered) covered.push(row);
    else byRegion.set(row.region, [row]);
  }
  return {
    scope,
    rows,
    regions: [...byRegion.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([region, covered]) => totals(region, region, covered)),
    network: totals(NETWORK_AREA, null, rows),
  };
}
