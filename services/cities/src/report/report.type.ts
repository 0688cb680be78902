import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';

import { MechanismKind, Region } from '../city/city.enums';

@ObjectType({ description: 'What the cities subgraph counts for a row or a total of the network report' })
export class ReportCityFigures {
  @Field(() => Int, { description: 'Cities counted' })
  cities!: number;

  @Field(() => Int, { description: 'Of those, cities with a known declaration year' })
  declaredCities!: number;

  @Field(() => Int, { description: 'Local human rights mechanisms of those cities' })
  mechanisms!: number;

  @Field(() => Int, { description: 'Policies the caller may read, within the report filter' })
  policies!: number;

  @Field({ description: 'True when any counted policy is sample or synthetic data' })
  includesSampleData!: boolean;
}

/**
 * One city's row of the network report. An entity keyed by the city and the report's scope, so that the events and
 * education subgraphs add their own figures for the same city under the same filter.
 */
@Directive('@key(fields: "cityId scope")')
@ObjectType({ description: 'One city of the network report' })
export class NetworkReportRow {
  @Field(() => ID, { description: 'The city this row counts (a City id); part of the key' })
  cityId!: string;

  @Field({
    description:
      'The report filter this row was counted under, as an opaque key (part of the entity key): compare it, never parse it',
  })
  scope!: string;

  @Field(() => Region, { description: "The city's UN M49 region" })
  region!: Region;

  @Field({ description: 'ISO 3166-1 alpha-2 country code' })
  country!: string;

  @Field(() => Int, { nullable: true, description: 'Year the city declared itself a human rights city, when known' })
  declarationYear!: number | null;

  @Field(() => [MechanismKind], { description: "The city's local human rights mechanisms" })
  mechanisms!: MechanismKind[];

  @Field(() => ReportCityFigures, { description: 'The city, its mechanisms and its policies, as counts' })
  cities!: ReportCityFigures;
}

/**
 * Totals of the network report, for one region (`area` is the region) or the whole network (`area` is NETWORK):
 * always the sum of the rows they cover. Keyed like the rows, with the ids of the cities covered, so that the other
 * subgraphs sum exactly those cities.
 */
@Directive('@key(fields: "scope area")')
@ObjectType({ description: 'Totals of the network report for a region or the whole network: the sum of its rows' })
export class NetworkReportTotals {
  @Field({ description: 'The report filter, as an opaque key (part of the entity key): compare it, never parse it' })
  scope!: string;

  @Field({ description: 'The region these totals cover, or NETWORK for the whole report' })
  area!: string;

  @Field(() => Region, { nullable: true, description: 'The region; null for the network totals' })
  region!: Region | null;

  @Field(() => [ID], { description: 'The cities whose rows these totals add up' })
  cityIds!: string[];

  @Field(() => ReportCityFigures, { description: "The cities subgraph's figures, summed over the rows" })
  cities!: ReportCityFigures;
}

@ObjectType({
  description:
    'The network report: one row per city (declaration, mechanisms, policies; forum editions, sessions and ' +
    'registrations; education programmes, enrolments and completions), with totals per region and for the network',
})
export class NetworkReport {
  @Field({ description: 'The filter the report was counted under, as an opaque key: compare it, never parse it' })
  scope!: string;

  @Field(() => [NetworkReportRow], { description: 'One row per city, by region, then name' })
  rows!: NetworkReportRow[];

  @Field(() => [NetworkReportTotals], { description: 'Totals per region that has cities in the report, by region' })
  regions!: NetworkReportTotals[];

  @Field(() => NetworkReportTotals, { description: 'Totals of the whole report; zero when no city matches' })
  network!: NetworkReportTotals;
}
