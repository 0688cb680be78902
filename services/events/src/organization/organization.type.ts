import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The cities subgraph's `Organization`, known here only by its key. */
@Directive('@key(fields: "id")')
@ObjectType()
export class Organization {
  @Field(() => ID)
  id!: string;
}
