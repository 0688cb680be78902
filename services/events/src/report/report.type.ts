import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';

import type { CityEventFigures } from './report.repository';

@ObjectType({ description: 'What the events subgraph counts for a row or a total of the network report' })
export class ReportEventFigures implements CityEventFigures {
  @Field(() => Int, { description: 'Forum editions hosted in the years' })
  editionsHosted!: number;

  @Field(() => Int, { description: 'Sessions and events hosted that the caller may read, starting in the years' })
  sessions!: number;

  @Field(() => Int, { description: 'Registrations for those sessions that were not cancelled' })
  registrations!: number;

  @Field(() => Int, { description: 'Of those, registrations marked as attended' })
  attended!: number;

  @Field({ description: 'True when any counted session is illustrative sample or synthetic data' })
  includesSampleData!: boolean;
}

/** The cities subgraph's report row, known here by its key; events adds its figures for the same city and filter. */
@Directive('@key(fields: "cityId scope")')
@ObjectType()
export class NetworkReportRow {
  @Field(() => ID)
  cityId!: string;

  @Field()
  scope!: string;
}

/** The cities subgraph's report totals; events sums its figures over exactly the cities they cover. */
@Directive('@key(fields: "scope area")')
@ObjectType()
export class NetworkReportTotals {
  @Field()
  scope!: string;

  @Field()
  area!: string;

  @Directive('@external')
  @Field(() => [ID])
  cityIds!: string[];
}
