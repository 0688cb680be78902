import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The cities subgraph's `City`, known here only by its key; education contributes programs and reach. */
@Directive('@key(fields: "id")')
@ObjectType()
export class City {
  @Field(() => ID)
  id!: string;
}
