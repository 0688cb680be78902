import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The cities subgraph's `City`, known here only by its key; the events subgraph adds its own fields to it. */
@Directive('@key(fields: "id")')
@ObjectType()
export class City {
  @Field(() => ID)
  id!: string;
}
