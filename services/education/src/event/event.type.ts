import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The events subgraph's `Event`, known here only by its key; a cohort may be delivered at one. */
@Directive('@key(fields: "id")')
@ObjectType()
export class Event {
  @Field(() => ID)
  id!: string;
}
