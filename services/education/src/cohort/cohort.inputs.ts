import { IsInt, IsOptional, IsUUID, Max, MaxLength, Min, MinLength } from 'class-validator';
import { GraphQLLocalDate } from 'graphql-scalars';
import { Field, ID, InputType, Int } from 'type-graphql';

@InputType()
export class CohortFilter {
  @Field(() => GraphQLLocalDate, { nullable: true })
  startsOnOrAfter?: string;

  @Field(() => GraphQLLocalDate, { nullable: true })
  startsOnOrBefore?: string;
}

@InputType()
export class CohortDetailsInput {
  @Field(() => GraphQLLocalDate, { nullable: true })
  startsOn?: string;

  @Field(() => GraphQLLocalDate, { nullable: true })
  endsOn?: string;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100_000)
  capacity?: number;

  @Field({ nullable: true })
  online?: boolean;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MinLength(1)
  @MaxLength(300)
  location?: string | null;

  @Field(() => ID, { nullable: true, description: 'The Event (events subgraph) the cohort is delivered at' })
  @IsOptional()
  @IsUUID('all', { message: 'eventId must be an Event id' })
  eventId?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(2000)
  notes?: string | null;
}

@InputType()
export class CreateCohortInput extends CohortDetailsInput {
  @Field(() => ID)
  programId!: string;

  @Field(() => GraphQLLocalDate)
  override startsOn!: string;

  @Field(() => GraphQLLocalDate)
  override endsOn!: string;

  @Field(() => Int)
  @IsInt()
  @Min(1)
  @Max(100_000)
  override capacity!: number;

  @Field({ nullable: true, defaultValue: false, description: 'True when the cohort meets online' })
  override online?: boolean;
}

@InputType()
export class UpdateCohortInput extends CohortDetailsInput {}
