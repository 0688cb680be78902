import type { Column } from './csv';
import type { GatewayExecutor } from './graph';
import type { Parameter } from './parameters';

export const NETWORK_REPORT_PARAMETERS: Parameter[] = [
  { name: 'fromYear', kind: 'int' },
  { name: 'toYear', kind: 'int' },
  { name: 'region', kind: 'text' },
  { name: 'country', kind: 'text' },
  { name: 'theme', kind: 'text' },
  { name: 'sdg', kind: 'int' },
  { name: 'sdgTarget', kind: 'text' },
];

const FIGURES = `
  cities { cities declaredCities mechanisms policies includesSampleData }
  education { programs cohorts enrolled completed dropped completionRate includesSampleData }
  events { editionsHosted sessions registrations attended includesSampleData }`;

export const NETWORK_REPORT_QUERY = `query ExportNetworkReport($filter: NetworkReportFilter) {
  networkReport(filter: $filter) {
    scope
    rows { cityId city { name slug } region country declarationYear mechanisms ${FIGURES} }
    regions { area region ${FIGURES} }
    network { area ${FIGURES} }
  }
}`;

interface CityFigures {
  cities: number;
  declaredCities: number;
  mechanisms: number;
  policies: number;
  includesSampleData: boolean;
}
interface EducationFigures {
  programs: number;
  cohorts: number;
  enrolled: number;
  completed: number;
  dropped: number;
  completionRate: number | null;
  includesSampleData: boolean;
}
interface EventFigures {
  editionsHosted: number;
  sessions: number;
  registrations: number;
  attended: number;
  includesSampleData: boolean;
}
export interface ReportFigures {
  cities: CityFigures;
  education: EducationFigures;
  events: EventFigures;
}
export interface NetworkReportRow extends ReportFigures {
  cityId: string;
  city: { name: string; slug: string };
  region: string;
  country: string;
  declarationYear: number | null;
  mechanisms: string[];
}
export interface NetworkReportTotals extends ReportFigures {
  area: string;
  region?: string | null;
}
export interface NetworkReport {
  scope: string;
  rows: NetworkReportRow[];
  regions: NetworkReportTotals[];
  network: NetworkReportTotals;
}

export async function fetchNetworkReport(
  executor: GatewayExecutor,
  filter: Record<string, unknown>,
): Promise<NetworkReport> {
  const data = await executor.run<{ networkReport: NetworkReport }>(NETWORK_REPORT_QUERY, { filter });
  return data.networkReport;
}

/** One CSV line per city, then one per region and one for the network, told apart by `level`. */
export interface ReportLine extends ReportFigures {
  level: 'city' | 'region' | 'network';
  cityId?: string;
  city?: string;
  region?: string | null;
  country?: string;
  declarationYear?: number | null;
  mechanismKinds?: string[];
}

export function reportLines(report: NetworkReport): ReportLine[] {
  return [
    ...report.rows.map((row): ReportLine => ({
      level: 'city',
      cityId: row.cityId,
      city: row.city.name,
      region: row.region,
      country: row.country,
      declarationYear: row.declarationYear,
      mechanismKinds: row.mechanisms,
      cities: row.cities,
      education: row.education,
      events: row.events,
    })),
    ...report.regions.map((totals): ReportLine => ({ level: 'region', ...totals, region: totals.region })),
    { level: 'network', ...report.network, region: null },
  ];
}

export const NETWORK_REPORT_COLUMNS: Column<ReportLine>[] = [
  { header: 'level', hxl: '#meta+level', value: (line) => line.level },
  { header: 'city_id', hxl: '#loc+id', value: (line) => line.cityId },
  { header: 'city', hxl: '#loc+name', value: (line) => line.city },
  { header: 'country', hxl: '#country+code', value: (line) => line.country },
  { header: 'region', hxl: '#region+name', value: (line) => line.region },
  { header: 'declaration_year', hxl: '#date+year+declared', value: (line) => line.declarationYear },
  { header: 'mechanism_kinds', hxl: '#indicator+mechanisms+list', value: (line) => line.mechanismKinds?.join(';') },
  { header: 'cities', hxl: '#loc+cities+num', value: (line) => line.cities.cities },
  { header: 'declared_cities', hxl: '#loc+declared+num', value: (line) => line.cities.declaredCities },
  { header: 'mechanisms', hxl: '#indicator+mechanisms+num', value: (line) => line.cities.mechanisms },
  { header: 'policies', hxl: '#activity+policies+num', value: (line) => line.cities.policies },
  { header: 'programs', hxl: '#activity+programmes+num', value: (line) => line.education.programs },
  { header: 'cohorts', hxl: '#activity+cohorts+num', value: (line) => line.education.cohorts },
  { header: 'enrolled', hxl: '#reached+enrolled+num', value: (line) => line.education.enrolled },
  { header: 'completed', hxl: '#reached+completed+num', value: (line) => line.education.completed },
  { header: 'dropped', hxl: '#reached+dropped+num', value: (line) => line.education.dropped },
  { header: 'completion_rate', hxl: '#reached+pct', value: (line) => line.education.completionRate },
  { header: 'editions_hosted', hxl: '#event+editions+num', value: (line) => line.events.editionsHosted },
  { header: 'sessions', hxl: '#event+sessions+num', value: (line) => line.events.sessions },
  { header: 'registrations', hxl: '#reached+registered+num', value: (line) => line.events.registrations },
  { header: 'attended', hxl: '#reached+attended+num', value: (line) => line.events.attended },
  {
    header: 'sample_data',
    hxl: '#meta+sample',
    value: (line) =>
      line.cities.includesSampleData || line.education.includesSampleData || line.events.includesSampleData,
  },
];
