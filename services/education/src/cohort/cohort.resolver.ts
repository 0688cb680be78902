import { LockMode } from '@mikro-orm/core';
import { BadUserInputError, isUuid, NotFoundError } from '@hrc/service-kit';
import { assertAllowed, assertVersion, Rule, snapshot } from '@hrc/domain-kit';
import { type Connection, ConnectionType, PageArgs } from '@hrc/graph-kit';
import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';

import { auditedWrite } from '../audit-catalogue';
import type { EducationContext } from '../context';
import { Enrollment } from '../enrollment/enrollment.entity';
import { EnrollmentFilter } from '../enrollment/enrollment.inputs';
import { Event } from '../event/event.type';
import { Program } from '../program/program.entity';
import { Cohort } from './cohort.entity';
import { CreateCohortInput, UpdateCohortInput, type CohortDetailsInput } from './cohort.inputs';

export const CohortConnection = ConnectionType(Cohort);
export const EnrollmentConnection = ConnectionType(Enrollment);

function applyDetails(cohort: Cohort, input: CohortDetailsInput): void {
  if (input.startsOn != null) cohort.startsOn = input.startsOn;
  if (input.endsOn != null) cohort.endsOn = input.endsOn;
  if (input.capacity != null) cohort.capacity = input.capacity;
  if (input.online != null) cohort.online = input.online;
  if (input.location !== undefined) cohort.location = input.location;
  if (input.eventId !== undefined) cohort.eventId = input.eventId;
  if (input.notes !== undefined) cohort.notes = input.notes;
  if (cohort.endsOn < cohort.startsOn) throw new BadUserInputError('endsOn', 'must not be before startsOn');
}

@Resolver(() => Cohort)
export class CohortResolver {
  @Query(() => Cohort, { nullable: true, description: "One cohort; null when it does not exist or its programme is not visible to you" })
  cohort(@Ctx() ctx: EducationContext, @Arg('id', () => ID) id: string): Promise<Cohort | null> {
    return ctx.loaders.cohorts.byId.load(id);
  }

  @FieldResolver(() => Program)
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

  @FieldResolver(() => Int)
  async completed(@Root() cohort: Cohort, @Ctx() ctx: EducationContext): Promise<number> {
    return (await ctx.loaders.cohorts.seats.load(cohort.id)).completed;
  }

  @FieldResolver(() => Int)
  async dropped(@Root() cohort: Cohort, @Ctx() ctx: EducationContext): Promise<number> {
    return (await ctx.loaders.cohorts.seats.load(cohort.id)).dropped;
  }

  @FieldResolver(() => Int)
  async placesLeft(@Root() cohort: Cohort, @Ctx() ctx: EducationContext): Promise<number> {
    return Math.max(0, cohort.capacity - (await ctx.loaders.cohorts.seats.load(cohort.id)).enrolled);
  }

  @FieldResolver(() => EnrollmentConnection, {
    description:
      "Enrollments, earliest first, for the provider's partners and the secretariat; everyone else gets an empty list " +
      '(the public figures are enrolled, completed and dropped)',
  })
  enrollments(
    @Root() cohort: Cohort,
    @Ctx() ctx: EducationContext,
    @Args() { first, after }: PageArgs,
    @Arg('filter', () => EnrollmentFilter, { nullable: true }) filter?: EnrollmentFilter,
  ): Promise<Connection<Enrollment>> {
    // A private list: a list of participants is about people even without names, so the rows are filtered in SQL.
    return ctx.loaders.enrollments.connectionOf('cohort', cohort.id, { filter, first, after });
  }

  @Mutation(() => Cohort, { description: 'Schedules a cohort of a programme your organisation provides' })
  async createCohort(@Ctx() ctx: EducationContext, @Arg('input', () => CreateCohortInput) input: CreateCohortInput): Promise<Cohort> {
    assertAllowed(Rule.CONTRIBUTOR, ctx.identity);
    if (!isUuid(input.programId)) throw new BadUserInputError('programId', 'no programme has this id');
    return auditedWrite(ctx, async ({ em, audit }) => {
      const program = await em.findOne(Program, { id: input.programId });
      if (!program) throw new BadUserInputError('programId', 'no programme has this id');
      assertAllowed(Rule.OWNER, ctx.identity, [program.providerId]);
      const cohort = em.create(Cohort, {
        programId: program.id,
        startsOn: input.startsOn,
        endsOn: input.endsOn,
        capacity: input.capacity,
      });
      applyDetails(cohort, input);
      await em.flush();
      audit({ action: 'CREATE', entityType: 'Cohort', entityId: cohort.id, after: snapshot(cohort) });
      return cohort;
    });
  }

  @Mutation(() => Cohort, { description: 'Changes a cohort; the capacity cannot drop below the places already taken' })
  async updateCohort(
    @Ctx() ctx: EducationContext,
    @Arg('id', () => ID) id: string,
    @Arg('expectedVersion', () => Int) expectedVersion: number,
    @Arg('input', () => UpdateCohortInput) input: UpdateCohortInput,
  ): Promise<Cohort> {
    assertAllowed(Rule.CONTRIBUTOR, ctx.identity);
    return auditedWrite(ctx, async ({ em, audit }) => {
      // Locked like an enrollment, so a capacity change and concurrent enrollments cannot interleave.
      const cohort = isUuid(id) ? await em.findOne(Cohort, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE }) : null;
      if (!cohort) throw new NotFoundError('Cohort', id);
      const program = await em.findOneOrFail(Program, { id: cohort.programId });
      assertAllowed(Rule.OWNER, ctx.identity, [program.providerId]);
      assertVersion('Cohort', cohort, expectedVersion);
      const before = snapshot(cohort);
      applyDetails(cohort, input);
      if (input.capacity != null) {
        const taken = await em.getRepository(Enrollment).placesTaken(cohort.id);
        if (input.capacity < taken) throw new BadUserInputError('capacity', `${taken} places are already taken`);
      }
      await em.flush();
      audit({ action: 'UPDATE', entityType: 'Cohort', entityId: id, before, after: snapshot(cohort) });
      return cohort;
    });
  }
}
