import { Field, Float, ObjectType } from 'type-graphql';

/** A city's position, served when both latitude and longitude are known. */
@ObjectType()
export class Coordinates {
  @Field(() => Float)
  latitude!: number;

  @Field(() => Float)
  longitude!: number;
}
