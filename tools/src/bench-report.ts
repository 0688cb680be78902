import type { SubgraphApp } from '@hrc/graph-kit';

/** The network report through the gateway: every row and total of the three subgraphs (anonymous visibility). */
export const NETWORK_REPORT_QUERY = `{ networkReport {
  rows { cityId region declarationYear mechanisms cities { policies } events { editionsHosted sessions registrations }
    education { programs enrolled completed } }
  regions { area cities { cities mechanisms policies } events { editionsHosted sessions registrations }
    education { programs enrolled completed } }
  network { cities { cities mechanisms policies } events { editionsHosted sessions registrations }
    education { programs enrolled completed } } } }`;

/**
 * The same aggregates written by hand as one SQL statement over the three schemas, run directly on the database: the
 * baseline the issue compares the gateway with (at most 3×). Published records only, as an anonymous caller sees.
 */
export const NETWORK_REPORT_SQL = `
with c as (
  select id, region, jsonb_array_length(mechanisms) as mechanisms from cities.city
), p as (
  select city_id, count(*) as policies from cities.policy where status = 'PUBLISHED' group by city_id
), fe as (
  select host_city_id as city_id, count(*) as editions from events.forum_edition group by host_city_id
), ev as (
  select e.host_city_id as city_id, count(distinct e.id) as sessions,
         count(r.id) filter (where r.status <> 'CANCELLED') as registrations
  from events.event e left join events.registration r on r.event_id = e.id
  where e.status = 'PUBLISHED' and e.host_city_id is not null group by e.host_city_id
), ed as (
  select pr.city_id, count(distinct pr.id) as programs,
         count(en.id) filter (where en.status <> 'DROPPED') as enrolled,
         count(en.id) filter (where en.status = 'COMPLETED') as completed
  from education.program pr join education.cohort co on co.program_id = pr.id
  left join education.enrollment en on en.cohort_id = co.id
  where pr.status = 'PUBLISHED' and pr.city_id is not null group by pr.city_id
)
select c.region, c.id, grouping(c.region) as is_network, grouping(c.id) as is_total, count(*)::int as cities,
       sum(c.mechanisms)::int as mechanisms, coalesce(sum(p.policies), 0)::int as policies,
       coalesce(sum(fe.editions), 0)::int as editions, coalesce(sum(ev.sessions), 0)::int as sessions,
       coalesce(sum(ev.registrations), 0)::int as registrations, coalesce(sum(ed.programs), 0)::int as programs,
       coalesce(sum(ed.enrolled), 0)::int as enrolled, coalesce(sum(ed.completed), 0)::int as completed
from c left join p on p.city_id = c.id left join fe on fe.city_id = c.id left join ev on ev.city_id = c.id
left join ed on ed.city_id = c.id
group by grouping sets ((c.region, c.id), (c.region), ())`;

export type NetworkTotals = Record<
  | 'cities'
  | 'mechanisms'
  | 'policies'
  | 'editions'
  | 'sessions'
  | 'registrations'
  | 'programs'
  | 'enrolled'
  | 'completed',
  number
>;

export async function rawReport(cities: SubgraphApp): Promise<{ rows: number; network: NetworkTotals }> {
  const rows = (await cities.orm.em.getConnection().execute(NETWORK_REPORT_SQL)) as Array<
    NetworkTotals & { is_network: number; is_total: number }
  >;
  const network = rows.find((row) => Number(row.is_network) === 1)!;
  const {
    is_network: _network,
    is_total: _total,
    region: _region,
    id: _id,
    ...totals
  } = network as NetworkTotals & Record<string, unknown>;
  return { rows: rows.filter((row) => Number(row.is_total) === 0).length, network: totals as unknown as NetworkTotals };
}

/** The gateway report's network totals, in the raw SQL's shape, to check both count the same. */
export function gatewayTotals(report: any): NetworkTotals {
  const { cities, events, education } = report.network;
  return {
    cities: cities.cities,
    mechanisms: cities.mechanisms,
    policies: cities.policies,
    editions: events.editionsHosted,
    sessions: events.sessions,
    registrations: events.registrations,
    programs: education.programs,
    enrolled: education.enrolled,
    completed: education.completed,
  };
}
