import { GraphQLLocalDate } from 'graphql-scalars';
import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: "One local day of an edition's programme" })
export class TimetableDay {
  /** The edition the day belongs to; keys the day's session loader. */
  editionId!: string;

  @Field(() => GraphQLLocalDate, { description: "The day in the sessions' local time zone" })
  date!: string;

  @Field(() => Int, { description: 'How many published sessions the day has' })
  sessionCount!: number;
}
