import type { GraphQLResolveInfo } from 'graphql';
import {
  Arg,
  Args,
  Ctx,
  FieldResolver,
  ID,
  Info,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
  UseMiddleware,
} from 'type-graphql';

import { Rule } from '@hrc/domain-kit';
import {
  Allow,
  type Connection,
  ConnectionType,
  PageArgs,
  RevisionArgs,
  Idempotent,
  selectsTotalCount,
} from '@hrc/graph-kit';

import type { EducationContext } from '../context';
import { Enrollment } from '../enrollment/enrollment.entity';
import { EnrollmentFilter } from '../enrollment/enrollment.inputs';
import { EnrollmentConnection } from '../enrollment/enrollment.type';
import { Event } from '../event/event.type';
import { Program } from '../program/program.entity';
import { Cohort } from './cohort.entity';
import { CreateCohortInput, UpdateCohortInput } from './cohort.inputs';
import * as cohortService from './cohort.service';

export const CohortConnection = ConnectionType(Cohort);

@Resolver(() => Cohort)
export class CohortResolver {
  @Allow(Rule.PUBLIC)
  @Query(() => Cohort, {
    nullable: true,
    description: 'One cohort; null when it does not exist or its programme is not visible to you',
  })
  cohort(
    @Ctx() ctx: EducationContext,
    @Arg('id', () => ID, { description: "The cohort's id" }) id: string,
  ): Promise<Cohort | null> {
    return ctx.loaders.cohorts.byId.load(id);
  }

  @FieldResolver(() => Program, { description: 'The programme the cohort belongs to' })
  async program(@Root() cohort: Cohort, @Ctx() ctx: EducationContext): Promise<Program> {
    // A cohort is only ever reached through a programme the caller may read.
    return (await ctx.loaders.programs.byId.load(cohort.programId))!;
  }

  @FieldResolver(() => Event, { nullable: true, description: 'The event the cohort is delivered at, if any' })
  event(@Root() cohort: Cohort): Event | null {
    return cohort.eventId ? { id: cohort.eventId } : null;
  }

  @FieldResolver(() => Int, { description: 'Places taken: ENROLLED or COMPLETED enrollments' })
  async enrolled(@Root() cohort: Cohort, @Ctx() ctx: EducationContext): Promise<number> {
    return (await ctx.loaders.cohorts.seats.load(cohort.id)).enrolled;
  }

  @FieldResolver(() => Int, { description: 'Enrollments that COMPLETED' })
  async completed(@Root() cohort: Cohort, @Ctx() ctx: EducationContext): Promise<number> {
    return (await ctx.loaders.cohorts.seats.load(cohort.id)).completed;
  }

  @FieldResolver(() => Int, { description: 'Enrollments that DROPPED; their places are free again' })
  async dropped(@Root() cohort: Cohort, @Ctx() ctx: EducationContext): Promise<number> {
    return (await ctx.loaders.cohorts.seats.load(cohort.id)).dropped;
  }

  @FieldResolver(() => Int, { description: 'Places still free: capacity minus places taken, never below 0' })
  async placesLeft(@Root() cohort: Cohort, @Ctx() ctx: EducationContext): Promise<number> {
    return Math.max(0, cohort.capacity - (await ctx.loaders.cohorts.seats.load(cohort.id)).enrolled);
  }

  // A private list: a list of participants is about people even without names, so the rows are filtered in SQL.
  @FieldResolver(() => EnrollmentConnection, {
    description:
      "Enrollments, earliest first, for the provider's partners and the secretariat; everyone else gets an empty list " +
      '(the public figures are enrolled, completed and dropped)',
  })
  enrollments(
    @Root() cohort: Cohort,
    @Ctx() ctx: EducationContext,
    @Info() info: GraphQLResolveInfo,
    @Args() { first, after }: PageArgs,
    @Arg('filter', () => EnrollmentFilter, { nullable: true, description: 'Only enrollments matching it' })
    filter?: EnrollmentFilter,
  ): Promise<Connection<Enrollment>> {
    return ctx.loaders.enrollments.connectionOf('cohort', cohort.id, {
      filter,
      first,
      after,
      withTotal: selectsTotalCount(info),
    });
  }

  @Allow(Rule.OWNER)
  @UseMiddleware(Idempotent(Cohort))
  @Mutation(() => Cohort, { description: 'Schedules a cohort of a programme your organisation provides' })
  createCohort(
    @Ctx() ctx: EducationContext,
    @Arg('input', () => CreateCohortInput, { description: 'The new cohort and its programme' })
    input: CreateCohortInput,
  ): Promise<Cohort> {
    return cohortService.createCohort(ctx, input);
  }

  @Allow(Rule.OWNER)
  @Mutation(() => Cohort, { description: 'Changes a cohort; the capacity cannot drop below the places already taken' })
  updateCohort(
    @Ctx() ctx: EducationContext,
    @Args() { id, expectedVersion }: RevisionArgs,
    @Arg('input', () => UpdateCohortInput, {
      description: 'The fields to change: a field left out keeps its value, null clears an optional one',
    })
    input: UpdateCohortInput,
  ): Promise<Cohort> {
    return cohortService.updateCohort(ctx, id, expectedVersion, input);
  }
}
