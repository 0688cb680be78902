import { IsEmail, MaxLength, MinLength } from 'class-validator';
import { GraphQLLocalDate } from 'graphql-scalars';
import { Field, ID, InputType } from 'type-graphql';

import { ProgramAudience } from '../program/program.enums';
import { EnrollmentStatus } from './enrollment.enums';

@InputType({ description: 'Narrows a list of enrollments' })
export class EnrollmentFilter {
  @Field(() => EnrollmentStatus, { nullable: true, description: 'Only enrollments with this status' })
  status?: EnrollmentStatus;
}

@InputType({ description: "A participant's enrollment in a cohort, by the programme's provider or the secretariat" })
export class EnrollInput {
  @Field(() => ID, { description: 'The cohort (a Cohort id)' })
  cohortId!: string;

  @Field({ description: 'Visible to the provider organisation and the secretariat only' })
  @MinLength(1)
  @MaxLength(200)
  participantName!: string;

  @Field({ description: 'Visible to the provider organisation and the secretariat only' })
  @IsEmail({}, { message: 'participantEmail must be an email address' })
  @MaxLength(320)
  participantEmail!: string;

  @Field(() => ProgramAudience, { description: "The participant's group; must be one of the programme's audiences" })
  audience!: ProgramAudience;
}

@InputType({ description: 'How an enrollment was completed' })
export class CompleteEnrollmentInput {
  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Defaults to today (UTC)' })
  completedOn?: string;
}
