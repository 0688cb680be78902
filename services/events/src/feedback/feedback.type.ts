import { Field, Float, Int, ObjectType } from 'type-graphql';

import { ConnectionType } from '@hrc/graph-kit';

import { Feedback } from './feedback.entity';

export const FeedbackConnection = ConnectionType(Feedback);

@ObjectType({ description: 'How many evaluations gave one rating' })
export class RatingCount {
  @Field(() => Int, { description: 'The rating, 1 (poor) to 5 (excellent)' })
  rating!: number;

  @Field(() => Int, { description: 'How many evaluations gave it' })
  count!: number;
}

@ObjectType({ description: 'Aggregate evaluation of an event; public, since it names no one' })
export class FeedbackSummary {
  @Field(() => Int, { description: 'How many evaluations were submitted' })
  count!: number;

  @Field(() => Float, { nullable: true, description: 'Mean rating; null when nobody has rated the event' })
  average!: number | null;

  @Field(() => [RatingCount], { description: 'How many gave each rating, 1 to 5' })
  distribution!: RatingCount[];
}
