import { insertAudited, revise } from '@hrc/domain-kit';
import { BadUserInputError, ConflictError, isUuid } from '@hrc/service-kit';

import { auditedWrite, type EducationWriteScope } from '../audit-catalogue';
import { newCertificateCode } from '../certificate/certificate.code';
import { Certificate } from '../certificate/certificate.entity';
import { Cohort } from '../cohort/cohort.entity';
import type { EducationContext } from '../context';
import { providedProgram } from '../program/program.service';
import { Enrollment } from './enrollment.entity';
import { EnrollmentStatus } from './enrollment.enums';
import type { CompleteEnrollmentInput, EnrollInput } from './enrollment.inputs';

function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}

/**
 * Enrolls a participant in a cohort of a programme the caller's organisation provides. There is no waitlist: a full
 * cohort refuses with CONFLICT. The cohort's row lock serialises concurrent enrollments, so the capacity is never
 * exceeded.
 */
export async function enroll(ctx: EducationContext, input: EnrollInput): Promise<Enrollment> {
  if (!isUuid(input.cohortId)) throw new BadUserInputError('cohortId', 'no cohort has this id');
  const participantEmail = input.participantEmail.trim().toLowerCase();
  return auditedWrite(ctx, async (scope) => {
    const enrollments = scope.em.getRepository(Enrollment);
    const cohort = await scope.em.getRepository(Cohort).findForSeating(input.cohortId);
    if (!cohort) throw new BadUserInputError('cohortId', 'no cohort has this id');
    const program = await providedProgram(ctx, scope.em, cohort.programId);
    if (!program.audiences.includes(input.audience)) {
      throw new BadUserInputError(
        'audience',
        `must be one of the programme's audiences: ${program.audiences.join(', ')}`,
      );
    }
    if ((await enrollments.placesTaken(cohort.id)) >= cohort.capacity) {
      throw new ConflictError(`The cohort is full: all ${cohort.capacity} places are taken`, { field: 'cohortId' });
    }
    if (await enrollments.hasEnrolled(cohort.id, participantEmail)) {
      throw new ConflictError('This participant is already enrolled in the cohort', { field: 'participantEmail' });
    }
    const enrollment = scope.em.create(Enrollment, {
      cohortId: cohort.id,
      participantName: input.participantName.trim(),
      participantEmail,
      audience: input.audience,
    });
    return insertAudited(scope, 'Enrollment', enrollment);
  });
}

/**
 * The revision of an ENROLLED enrollment by its programme's provider or the secretariat: `change` applies the new
 * status, given the cohort, and names the audit action.
 */
function reviseEnrollment(
  ctx: EducationContext,
  scope: EducationWriteScope,
  id: string,
  expectedVersion: number,
  change: (enrollment: Enrollment, cohort: Cohort) => 'COMPLETE' | 'DROP',
): Promise<Enrollment> {
  let cohort: Cohort;
  return revise(scope, {
    entity: Enrollment,
    entityType: 'Enrollment',
    id,
    expectedVersion,
    authorize: async (enrollment) => {
      cohort = await scope.em.findOneOrFail(Cohort, { id: enrollment.cohortId });
      await providedProgram(ctx, scope.em, cohort.programId);
    },
    apply: (enrollment) => {
      if (enrollment.status !== EnrollmentStatus.ENROLLED) {
        throw new ConflictError(`The enrollment is already ${enrollment.status}`, { field: 'id' });
      }
      return change(enrollment, cohort);
    },
  });
}

/** Marks an enrollment COMPLETED and issues its certificate, in one transaction. */
export function completeEnrollment(
  ctx: EducationContext,
  id: string,
  expectedVersion: number,
  input: CompleteEnrollmentInput | undefined,
): Promise<Enrollment> {
  return auditedWrite(ctx, async (scope) => {
    let certificate!: Certificate;
    const enrollment = await reviseEnrollment(ctx, scope, id, expectedVersion, (enrollment, cohort) => {
      const completedOn = input?.completedOn ?? todayUtc();
      if (completedOn < cohort.startsOn)
        throw new BadUserInputError('completedOn', 'must not be before the cohort starts');
      if (completedOn > todayUtc()) throw new BadUserInputError('completedOn', 'must not be in the future');
      enrollment.status = EnrollmentStatus.COMPLETED;
      enrollment.completedOn = completedOn;
      certificate = scope.em.create(Certificate, {
        enrollmentId: enrollment.id,
        code: newCertificateCode(),
        issuedOn: completedOn,
      });
      return 'COMPLETE';
    });
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

/** Marks an enrollment DROPPED, which frees its place. */
export function dropEnrollment(ctx: EducationContext, id: string, expectedVersion: number): Promise<Enrollment> {
  return auditedWrite(ctx, (scope) =>
    reviseEnrollment(ctx, scope, id, expectedVersion, (enrollment) => {
      enrollment.status = EnrollmentStatus.DROPPED;
      return 'DROP';
    }),
  );
}
