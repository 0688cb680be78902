import { Arg, Args, Ctx, FieldResolver, Mutation, Resolver, Root, UseMiddleware } from 'type-graphql';

import { Rule } from '@hrc/domain-kit';
import { Allow, PrivateTo, RevisionArgs, Idempotent } from '@hrc/graph-kit';

import { Certificate } from '../certificate/certificate.entity';
import { Cohort } from '../cohort/cohort.entity';
import type { EducationContext } from '../context';
import { Enrollment } from './enrollment.entity';
import { CompleteEnrollmentInput, EnrollInput } from './enrollment.inputs';
import * as enrollmentService from './enrollment.service';

/** A participant's details belong to the provider of the cohort's programme. */
async function providerOf(enrollment: Enrollment, ctx: EducationContext): Promise<Array<string | null>> {
  return [await ctx.loaders.cohorts.providerOf.load(enrollment.cohortId)];
}

@Resolver(() => Enrollment)
export class EnrollmentResolver {
  @PrivateTo(Rule.OWNER, providerOf)
  @FieldResolver(() => String, {
    nullable: true,
    description: "Shown to the provider's partners and the secretariat; null for everyone else",
  })
  participantName(@Root() enrollment: Enrollment): string {
    return enrollment.participantName;
  }

  @PrivateTo(Rule.OWNER, providerOf)
  @FieldResolver(() => String, {
    nullable: true,
    description: "Shown to the provider's partners and the secretariat; null for everyone else",
  })
  participantEmail(@Root() enrollment: Enrollment): string {
    return enrollment.participantEmail;
  }

  @FieldResolver(() => Cohort, {
    nullable: true,
    description: 'The cohort; null when the caller may not read its programme',
  })
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

  @Allow(Rule.OWNER)
  @UseMiddleware(Idempotent(Enrollment))
  @Mutation(() => Enrollment, {
    description:
      'Enrolls a participant in a cohort of a programme your organisation provides. There is no waitlist: when every ' +
      'place is taken the enrollment is refused with CONFLICT (extensions.field "cohortId"). Concurrent enrollments ' +
      'are serialised on the cohort, so the capacity is never exceeded.',
  })
  enroll(
    @Ctx() ctx: EducationContext,
    @Arg('input', () => EnrollInput, { description: 'The participant and the cohort' }) input: EnrollInput,
  ): Promise<Enrollment> {
    return enrollmentService.enroll(ctx, input);
  }

  @Allow(Rule.OWNER)
  @Mutation(() => Enrollment, { description: 'Marks an enrollment COMPLETED and issues its certificate' })
  completeEnrollment(
    @Ctx() ctx: EducationContext,
    @Args() { id, expectedVersion }: RevisionArgs,
    @Arg('input', () => CompleteEnrollmentInput, {
      nullable: true,
      description: 'When the participant completed; left out, today (UTC)',
    })
    input?: CompleteEnrollmentInput,
  ): Promise<Enrollment> {
    return enrollmentService.completeEnrollment(ctx, id, expectedVersion, input);
  }

  @Allow(Rule.OWNER)
  @Mutation(() => Enrollment, { description: 'Marks an enrollment DROPPED, which frees its place' })
  dropEnrollment(@Ctx() ctx: EducationContext, @Args() { id, expectedVersion }: RevisionArgs): Promise<Enrollment> {
    return enrollmentService.dropEnrollment(ctx, id, expectedVersion);
  }
}
