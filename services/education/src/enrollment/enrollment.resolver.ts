import { LockMode } from '@mikro-orm/core';
import { BadUserInputError, ConflictError, findByIdOrFail, isUuid } from '@hrc/service-kit';
import { assertAllowed, assertVersion, Rule, snapshot } from '@hrc/domain-kit';
import { PrivateTo } from '@hrc/graph-kit';
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Resolver, Root } from 'type-graphql';

import { auditedWrite, type EducationWriteScope } from '../audit-catalogue';
import { Certificate } from '../certificate/certificate.entity';
import { newCertificateCode } from '../certificate/certificate.code';
import { Cohort } from '../cohort/cohort.entity';
import type { EducationContext } from '../context';
import { Program } from '../program/program.entity';
import { Enrollment } from './enrollment.entity';
import { EnrollmentStatus } from './enrollment.enums';
import { CompleteEnrollmentInput, EnrollInput } from './enrollment.inputs';

/** Loads an enrollment for a change by its provider's partners or the secretariat. */
async function enrollmentForChange(ctx: EducationContext, { em }: EducationWriteScope, id: string, expectedVersion: number) {
  const enrollment = await findByIdOrFail(em, Enrollment, id);
  const cohort = await em.findOneOrFail(Cohort, { id: enrollment.cohortId });
  const program = await em.findOneOrFail(Program, { id: cohort.programId });
  assertAllowed(Rule.OWNER, ctx.identity, [program.providerId]);
  assertVersion('Enrollment', enrollment, expectedVersion);
  if (enrollment.status !== EnrollmentStatus.ENROLLED) {
    throw new ConflictError(`The enrollment is already ${enrollment.status}`, { field: 'id' });
  }
  return { enrollment, cohort };
}

function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}

/** A participant's details belong to the provider of the cohort's programme. */
async function providerOf(enrollment: Enrollment, ctx: EducationContext): Promise<Array<string | null>> {
  return [await ctx.loaders.cohorts.providerOf.load(enrollment.cohortId)];
}

@Resolver(() => Enrollment)
export class EnrollmentResolver {
  @PrivateTo(Rule.OWNER, providerOf)
  @FieldResolver(() => String, { nullable: true, description: "Shown to the provider's partners and the secretariat; null for everyone else" })
  participantName(@Root() enrollment: Enrollment): string {
    return enrollment.participantName;
  }

  @PrivateTo(Rule.OWNER, providerOf)
  @FieldResolver(() => String, { nullable: true, description: "Shown to the provider's partners and the secretariat; null for everyone else" })
  participantEmail(@Root() enrollment: Enrollment): string {
    return enrollment.participantEmail;
  }

  @FieldResolver(() => Cohort, { nullable: true })
  cohort(@Root() enrollment: Enrollment, @Ctx() ctx: EducationContext): Promise<Cohort | null> {
    return ctx.loaders.cohorts.byId.load(enrollment.cohortId);
  }

  @PrivateTo(Rule.OWNER, providerOf)
  @FieldResolver(() => Certificate, {
    nullable: true,
    description: "The certificate issued on completion; shown to the provider's partners and the secretariat only",
  })
  certificate(@Root() enrollment: Enrollment, @Ctx() ctx: EducationContext): Promise<Certificate | null> {
    return ctx.loaders.enrollments.certificateOf.load(enrollment.id);
  }

  @Mutation(() => Enrollment, {
    description:
      'Enrolls a participant in a cohort of a programme your organisation provides. There is no waitlist: when every ' +
      'place is taken the enrollment is refused with CONFLICT (extensions.field "cohortId"). Concurrent enrollments ' +
      'are serialised on the cohort, so the capacity is never exceeded.',
  })
  async enroll(@Ctx() ctx: EducationContext, @Arg('input', () => EnrollInput) input: EnrollInput): Promise<Enrollment> {
    assertAllowed(Rule.CONTRIBUTOR, ctx.identity);
    if (!isUuid(input.cohortId)) throw new BadUserInputError('cohortId', 'no cohort has this id');
    const participantEmail = input.participantEmail.trim().toLowerCase();
    return auditedWrite(ctx, async ({ em, audit }) => {
      // The row lock makes the count below and the insert one step for every concurrent enrollment.
      const cohort = await em.findOne(Cohort, { id: input.cohortId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!cohort) throw new BadUserInputError('cohortId', 'no cohort has this id');
      const program = await em.findOneOrFail(Program, { id: cohort.programId });
      assertAllowed(Rule.OWNER, ctx.identity, [program.providerId]);
      if (!program.audiences.includes(input.audience)) {
        throw new BadUserInputError('audience', `must be one of the programme's audiences: ${program.audiences.join(', ')}`);
      }
      if ((await em.getRepository(Enrollment).placesTaken(cohort.id)) >= cohort.capacity) {
        throw new ConflictError(`The cohort is full: all ${cohort.capacity} places are taken`, { field: 'cohortId' });
      }
      if ((await em.count(Enrollment, { cohortId: cohort.id, participantEmail })) > 0) {
        throw new ConflictError('This participant is already enrolled in the cohort', { field: 'participantEmail' });
      }
      const enrollment = em.create(Enrollment, {
        cohortId: cohort.id,
        participantName: input.participantName.trim(),
        participantEmail,
        audience: input.audience,
      });
      await em.flush();
      audit({ action: 'CREATE', entityType: 'Enrollment', entityId: enrollment.id, after: snapshot(enrollment) });
      return enrollment;
    });
  }

  @Mutation(() => Enrollment, { description: 'Marks an enrollment COMPLETED and issues its certificate' })
  async completeEnrollment(
    @Ctx() ctx: EducationContext,
    @Arg('id', () => ID) id: string,
    @Arg('expectedVersion', () => Int) expectedVersion: number,
    @Arg('input', () => CompleteEnrollmentInput, { nullable: true }) input?: CompleteEnrollmentInput,
  ): Promise<Enrollment> {
    assertAllowed(Rule.CONTRIBUTOR, ctx.identity);
    return auditedWrite(ctx, async (scope) => {
      const { enrollment, cohort } = await enrollmentForChange(ctx, scope, id, expectedVersion);
      const completedOn = input?.completedOn ?? todayUtc();
      if (completedOn < cohort.startsOn) throw new BadUserInputError('completedOn', 'must not be before the cohort starts');
      if (completedOn > todayUtc()) throw new BadUserInputError('completedOn', 'must not be in the future');
      const before = snapshot(enrollment);
      enrollment.status = EnrollmentStatus.COMPLETED;
      enrollment.completedOn = completedOn;
      const certificate = scope.em.create(Certificate, {
        enrollmentId: enrollment.id,
        code: newCertificateCode(),
        issuedOn: completedOn,
      });
      await scope.em.flush();
      scope.audit({ action: 'COMPLETE', entityType: 'Enrollment', entityId: id, before, after: snapshot(enrollment) });
      // The code is a bearer secret: the audit trail records the issue, not the code.
      scope.audit({
        action: 'ISSUE',
        entityType: 'Certificate',
        entityId: certificate.id,
        after: { enrollmentId: enrollment.id, issuedOn: certificate.issuedOn },
      });
      return enrollment;
    });
  }

  @Mutation(() => Enrollment, { description: 'Marks an enrollment DROPPED, which frees its place' })
  async dropEnrollment(
    @Ctx() ctx: EducationContext,
    @Arg('id', () => ID) id: string,
    @Arg('expectedVersion', () => Int) expectedVersion: number,
  ): Promise<Enrollment> {
    assertAllowed(Rule.CONTRIBUTOR, ctx.identity);
    return auditedWrite(ctx, async (scope) => {
      const { enrollment } = await enrollmentForChange(ctx, scope, id, expectedVersion);
      const before = snapshot(enrollment);
      enrollment.status = EnrollmentStatus.DROPPED;
      await scope.em.flush();
      scope.audit({ action: 'DROP', entityType: 'Enrollment', entityId: id, before, after: snapshot(enrollment) });
      return enrollment;
    });
  }
}
