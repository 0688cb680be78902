import { Max, Min } from 'class-validator';
import { ArgsType, Field, Float, Int, ObjectType } from 'type-graphql';

import { ProgramAudience } from '../program/program.enums';
import type { ReachFigures } from '../program/program.repository';

const PLACES_TAKEN = 'Enrollments holding a place: ENROLLED or COMPLETED';
const COMPLETION_RATE = 'completed / (enrolled + dropped), from 0 to 1; null when nobody enrolled';

@ObjectType({ description: 'Education reach within one audience' })
export class AudienceReach {
  @Field(() => ProgramAudience, { description: 'The audience' })
  audience!: ProgramAudience;

  @Field(() => Int, { description: PLACES_TAKEN })
  enrolled!: number;

  @Field(() => Int, { description: 'Enrollments that COMPLETED' })
  completed!: number;

  @Field(() => Int, { description: 'Enrollments that DROPPED' })
  dropped!: number;

  @Field(() => Float, { nullable: true, description: COMPLETION_RATE })
  completionRate!: number | null;
}

@ObjectType({
  description:
    'Human rights education delivered: programmes with a cohort starting in the year (any year when none is given), ' +
    'those cohorts and their enrollments. Counts only programmes the caller may read.',
})
export class EducationReach {
  @Field(() => Int, { nullable: true, description: 'The year asked for; null for all years' })
  year!: number | null;

  @Field(() => Int, { description: 'Programmes with at least one cohort starting in the year' })
  programs!: number;

  @Field(() => Int, { description: 'Cohorts starting in the year' })
  cohorts!: number;

  @Field(() => Int, { description: PLACES_TAKEN })
  enrolled!: number;

  @Field(() => Int, { description: 'Enrollments that COMPLETED' })
  completed!: number;

  @Field(() => Int, { description: 'Enrollments that DROPPED' })
  dropped!: number;

  @Field(() => Float, { nullable: true, description: COMPLETION_RATE })
  completionRate!: number | null;

  @Field({ description: 'True when any counted cohort is illustrative sample data rather than a real figure' })
  includesSampleData!: boolean;

  @Field(() => [AudienceReach], { description: "Enrollments by the participant's audience" })
  byAudience!: AudienceReach[];
}

function completionRate(figures: { enrolled: number; completed: number; dropped: number }): number | null {
  const total = figures.enrolled + figures.dropped;
  return total === 0 ? null : figures.completed / total;
}

export function toEducationReach(figures: ReachFigures): EducationReach {
  return {
    ...figures,
    completionRate: completionRate(figures),
    byAudience: figures.byAudience.map((audience) => ({ ...audience, completionRate: completionRate(audience) })),
  };
}

@ArgsType()
export class ReachArgs {
  @Field(() => Int, {
    nullable: true,
    description: 'Calendar year in which the cohorts start; every year when omitted',
  })
  @Min(1900)
  @Max(2100)
  year?: number | null;
}
