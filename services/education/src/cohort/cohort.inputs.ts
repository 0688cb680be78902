import { IsInt, IsOptional, IsUUID, Max, MaxLength, Min, MinLength } from 'class-validator';
import { GraphQLLocalDate } from 'graphql-scalars';
import { Field, ID, InputType, Int } from 'type-graphql';

@InputType({ description: 'Narrows a list of cohorts by start date; both bounds inclusive' })
export class CohortFilter {
  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Cohorts starting on or after this day' })
  startsOnOrAfter?: string;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Cohorts starting on or before this day' })
  startsOnOrBefore?: string;
}

@InputType({ description: "A cohort's details" })
export class CohortDetailsInput {
  @Field(() => GraphQLLocalDate, { nullable: true, description: 'First day' })
  startsOn?: string;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Last day, on or after the first' })
  endsOn?: string;

  @Field(() => Int, { nullable: true, description: 'Places available, 1 to 100000; never exceeded' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100_000)
  capacity?: number;

  @Field({ nullable: true, description: 'True when the cohort meets online' })
  online?: boolean;

  @Field(() => String, { nullable: true, description: 'Where it meets; null when online or not yet known' })
  @IsOptional()
  @MinLength(1)
  @MaxLength(300)
  location?: string | null;

  @Field(() => ID, { nullable: true, description: 'The Event (events subgraph) the cohort is delivered at' })
  @IsOptional()
  @IsUUID('all', { message: 'eventId must be an Event id' })
  eventId?: string | null;

  @Field(() => String, { nullable: true, description: 'Notes for participants; null when none' })
  @IsOptional()
  @MaxLength(2000)
  notes?: string | null;
}

@InputType({ description: 'A new cohort of a programme, by its provider or the secretariat' })
export class CreateCohortInput extends CohortDetailsInput {
  @Field(() => ID, { description: 'The programme (a Program id)' })
  programId!: string;

  @Field(() => GraphQLLocalDate, { description: 'First day' })
  override startsOn!: string;

  @Field(() => GraphQLLocalDate, { description: 'Last day, on or after the first' })
  override endsOn!: string;

  @Field(() => Int, { description: 'Places available, 1 to 100000; never exceeded' })
  @IsInt()
  @Min(1)
  @Max(100_000)
  override capacity!: number;

  @Field({ nullable: true, defaultValue: false, description: 'True when the cohort meets online' })
  override online?: boolean;
}

@InputType({
  description: 'The changes to a record: a field left out keeps its stored value, null clears an optional one',
})
export class UpdateCohortInput extends CohortDetailsInput {}
