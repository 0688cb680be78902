import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The cities subgraph's report row, known here by its key; education adds its reach for the same city and filter. */
@Directive('@key(fields: "cityId scope")')
@ObjectType()
export class NetworkReportRow {
  @Field(() => ID)
  cityId!: string;

  @Field()
  scope!: string;
}

/** The cities subgraph's report totals; education sums its reach over exactly the cities they cover. */
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
