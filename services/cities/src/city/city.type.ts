import { Field, Float, ObjectType } from 'type-graphql';

/** A city's position, served when both latitude and longitude are known. */
@ObjectType({ description: 'A point in WGS 84 degrees; the seed holds approximate city centres' })
export class Coordinates {
  @Field(() => Float, { description: 'Degrees north, -90 to 90' })
  latitude!: number;

  @Field(() => Float, { description: 'Degrees east, -180 to 180' })
  longitude!: number;
}
