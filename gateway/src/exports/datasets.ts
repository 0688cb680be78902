import type { Column } from './csv';
import type { Parameter } from './parameters';

/** A CSV download streamed from one GraphQL connection, page by page. */
export interface PagedDataset<T = any> {
  /** The file name under /reports, without `.csv`. */
  name: string;
  title: string;
  /** Takes $first, $after and $filter. */
  query: string;
  connectionOf(data: any): { edges: Array<{ node: T }>; pageInfo: { hasNextPage: boolean; endCursor?: string | null } };
  parameters: Parameter[];
  /** Parameters that are operation variables of their own rather than fields of $filter. */
  variables?: string[];
  columns: Column<T>[];
}

const PAGE_INFO = 'pageInfo { hasNextPage endCursor }';

const int = (name: string): Parameter => ({ name, kind: 'int' });
const text = (name: string): Parameter => ({ name, kind: 'text' });
const joined = (values: readonly unknown[] | undefined) => (values ?? []).join(';');

export const CITIES: PagedDataset = {
  name: 'cities',
  title: 'Human rights cities',
  query: `query ExportCities($first: Int!, $after: String, $filter: CityFilter) {
    cities(first: $first, after: $after, filter: $filter, orderBy: { field: NAME, direction: ASC }) {
      edges { node { id slug name country region m49CountryCode m49RegionCode population declaredIn declaredOn website
        coordinates { latitude longitude } mechanisms { kind adoptedIn } } }
      ${PAGE_INFO}
    }
  }`,
  connectionOf: (data) => data.cities,
  parameters: [text('region'), text('country'), text('mechanism'), text('network'), text('search')],
  columns: [
    { header: 'id', hxl: '#loc+id', value: (city) => city.id },
    { header: 'slug', hxl: '#loc+code', value: (city) => city.slug },
    { header: 'name', hxl: '#loc+name', value: (city) => city.name },
    { header: 'country', hxl: '#country+code+v_iso2', value: (city) => city.country },
    { header: 'm49_country', hxl: '#country+code+v_m49', value: (city) => city.m49CountryCode },
    { header: 'region', hxl: '#region+name', value: (city) => city.region },
    { header: 'm49_region', hxl: '#region+code+v_m49', value: (city) => city.m49RegionCode },
    { header: 'population', hxl: '#population', value: (city) => city.population },
    { header: 'declared_in', hxl: '#date+year+declared', value: (city) => city.declaredIn },
    { header: 'declared_on', hxl: '#date+declared', value: (city) => city.declaredOn },
    { header: 'latitude', hxl: '#geo+lat', value: (city) => city.coordinates?.latitude },
    { header: 'longitude', hxl: '#geo+lon', value: (city) => city.coordinates?.longitude },
    {
      header: 'mechanisms',
      hxl: '#indicator+mechanisms+list',
      value: (city) => joined(city.mechanisms?.map((mechanism: { kind: string }) => mechanism.kind)),
    },
    { header: 'website', hxl: '#meta+url', value: (city) => city.website },
  ],
};

export const POLICIES: PagedDataset = {
  name: 'policies',
  title: 'Human rights city policies',
  query: `query ExportPolicies($first: Int!, $after: String, $filter: PolicyFilter) {
    policies(first: $first, after: $after, filter: $filter) {
      edges { node { id title status stage themes sdgs sdgTargets adoptedIn adoptedOn sourceUrl isSampleData
        city { id name country region } contributor { id name } } }
      ${PAGE_INFO}
    }
  }`,
  connectionOf: (data) => data.policies,
  parameters: [
    text('cityId'),
    text('organizationId'),
    text('theme'),
    int('sdg'),
    text('sdgTarget'),
    text('stage'),
    text('status'),
    text('adoptedAfter'),
    text('adoptedBefore'),
    text('search'),
  ],
  columns: [
    { header: 'id', hxl: '#activity+id', value: (policy) => policy.id },
    { header: 'title', hxl: '#activity+name', value: (policy) => policy.title },
    { header: 'city_id', hxl: '#loc+id', value: (policy) => policy.city?.id },
    { header: 'city', hxl: '#loc+name', value: (policy) => policy.city?.name },
    { header: 'country', hxl: '#country+code', value: (policy) => policy.city?.country },
    { header: 'region', hxl: '#region+name', value: (policy) => policy.city?.region },
    { header: 'stage', hxl: '#status+stage', value: (policy) => policy.stage },
    { header: 'status', hxl: '#status+moderation', value: (policy) => policy.status },
    { header: 'themes', hxl: '#sector+list', value: (policy) => joined(policy.themes) },
    { header: 'sdgs', hxl: '#indicator+sdg+list', value: (policy) => joined(policy.sdgs) },
    { header: 'sdg_targets', hxl: '#indicator+sdg_target+list', value: (policy) => joined(policy.sdgTargets) },
    { header: 'adopted_in', hxl: '#date+year+adopted', value: (policy) => policy.adoptedIn },
    { header: 'adopted_on', hxl: '#date+adopted', value: (policy) => policy.adoptedOn },
    { header: 'source_url', hxl: '#meta+source+url', value: (policy) => policy.sourceUrl },
    { header: 'contributor', hxl: '#org+name', value: (policy) => policy.contributor?.name },
    { header: 'sample_data', hxl: '#meta+sample', value: (policy) => policy.isSampleData },
  ],
};

export const INDICATOR_VALUES: PagedDataset = {
  name: 'indicator-values',
  title: 'Indicator values',
  query: `query ExportIndicatorValues($first: Int!, $after: String, $filter: IndicatorValueFilter) {
    indicatorValues(first: $first, after: $after, filter: $filter) {
      edges { node { id year value source status isSampleData indicator { code name unit theme }
        city { id name country region } } }
      ${PAGE_INFO}
    }
  }`,
  connectionOf: (data) => data.indicatorValues,
  parameters: [text('indicatorId'), text('cityId'), text('region'), int('fromYear'), int('toYear')],
  columns: [
    { header: 'id', hxl: '#meta+id', value: (value) => value.id },
    { header: 'indicator', hxl: '#indicator+code', value: (value) => value.indicator?.code },
    { header: 'indicator_name', hxl: '#indicator+name', value: (value) => value.indicator?.name },
    { header: 'theme', hxl: '#sector', value: (value) => value.indicator?.theme },
    { header: 'city_id', hxl: '#loc+id', value: (value) => value.city?.id },
    { header: 'city', hxl: '#loc+name', value: (value) => value.city?.name },
    { header: 'country', hxl: '#country+code', value: (value) => value.city?.country },
    { header: 'region', hxl: '#region+name', value: (value) => value.region ?? value.city?.region },
    { header: 'year', hxl: '#date+year', value: (value) => value.year },
    { header: 'value', hxl: '#indicator+value+num', value: (value) => value.value },
    { header: 'unit', hxl: '#indicator+unit', value: (value) => value.indicator?.unit },
    { header: 'source', hxl: '#meta+source', value: (value) => value.source },
    { header: 'status', hxl: '#status+moderation', value: (value) => value.status },
    { header: 'sample_data', hxl: '#meta+sample', value: (value) => value.isSampleData },
  ],
};

export const EDUCATION_REACH: PagedDataset = {
  name: 'education-reach',
  title: 'Human rights education reach per city',
  query: `query ExportEducationReach($first: Int!, $after: String, $filter: CityFilter, $year: Int) {
    cities(first: $first, after: $after, filter: $filter, orderBy: { field: NAME, direction: ASC }) {
      edges { node { id name country region educationReach(year: $year) {
        year programs cohorts enrolled completed dropped completionRate includesSampleData } } }
      ${PAGE_INFO}
    }
  }`,
  connectionOf: (data) => data.cities,
  parameters: [text('region'), text('country'), int('year')],
  variables: ['year'],
  columns: [
    { header: 'city_id', hxl: '#loc+id', value: (city) => city.id },
    { header: 'city', hxl: '#loc+name', value: (city) => city.name },
    { header: 'country', hxl: '#country+code', value: (city) => city.country },
    { header: 'region', hxl: '#region+name', value: (city) => city.region },
    { header: 'year', hxl: '#date+year', value: (city) => city.educationReach.year },
    { header: 'programs', hxl: '#activity+programmes+num', value: (city) => city.educationReach.programs },
    { header: 'cohorts', hxl: '#activity+cohorts+num', value: (city) => city.educationReach.cohorts },
    { header: 'enrolled', hxl: '#reached+enrolled+num', value: (city) => city.educationReach.enrolled },
    { header: 'completed', hxl: '#reached+completed+num', value: (city) => city.educationReach.completed },
    { header: 'dropped', hxl: '#reached+dropped+num', value: (city) => city.educationReach.dropped },
    { header: 'completion_rate', hxl: '#reached+pct', value: (city) => city.educationReach.completionRate },
    { header: 'sample_data', hxl: '#meta+sample', value: (city) => city.educationReach.includesSampleData },
  ],
};

export const PAGED_DATASETS: PagedDataset[] = [CITIES, POLICIES, INDICATOR_VALUES, EDUCATION_REACH];
