import { IsInt, IsOptional, Max, MaxLength, Min, MinLength } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';

@InputType({ description: "An evaluation of an event by a participant's organisation: one per registration" })
export class SubmitFeedbackInput {
  @Field(() => ID, { description: 'The registration the evaluation is for; one evaluation per registration' })
  registrationId!: string;

  @Field(() => Int, { description: '1 (poor) to 5 (excellent)' })
  @IsInt()
  @Min(1)
  @Max(5)
  rating!: number;

  @Field(() => String, { nullable: true, description: 'Visible to the organiser and the secretariat only' })
  @IsOptional()
  @MinLength(1)
  @MaxLength(4000)
  comment?: string | null;
}
