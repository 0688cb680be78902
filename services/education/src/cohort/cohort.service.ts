import { Rule, assertAllowed, assignGiven, insertAudited, revise } from '@hrc/domain-kit';
import { BadUserInputError, isUuid } from '@hrc/service-kit';

import { auditedWrite } from '../audit-catalogue';
import type { EducationContext } from '../context';
import { Enrollment } from '../enrollment/enrollment.entity';
import { Program } from '../program/program.entity';
import { providedProgram } from '../program/program.service';
import { Cohort } from './cohort.entity';
import type { CohortDetailsInput, CreateCohortInput, UpdateCohortInput } from './cohort.inputs';

/** Checks and applies a cohort's details; throws BAD_USER_INPUT before anything is flushed. */
function applyDetails(cohort: Cohort, input: CohortDetailsInput): void {
  if (input.startsOn != null) cohort.startsOn = input.startsOn;
  if (input.endsOn != null) cohort.endsOn = input.endsOn;
  if (input.capacity != null) cohort.capacity = input.capacity;
  if (input.online != null) cohort.online = input.online;
  assignGiven(cohort, input, ['location', 'eventId', 'notes']);
  if (cohort.endsOn < cohort.startsOn) throw new BadUserInputError('endsOn', 'must not be before startsOn');
}

/** Schedules a cohort of a programme the caller's organisation provides (the secretariat: of any programme). */
export async function createCohort(ctx: EducationContext, input: CreateCohortInput): Promise<Cohort> {
  if (!isUuid(input.programId)) throw new BadUserInputError('programId', 'no programme has this id');
  return auditedWrite(ctx, async (scope) => {
    const program = await scope.em.findOne(Program, { id: input.programId });
    if (!program) throw new BadUserInputError('programId', 'no programme has this id');
    assertAllowed(Rule.OWNER, ctx.identity, [program.providerId]);
    const cohort = scope.em.create(Cohort, {
      programId: program.id,
      startsOn: input.startsOn,
      endsOn: input.endsOn,
      capacity: input.capacity,
    });
    applyDetails(cohort, input);
    return insertAudited(scope, 'Cohort', cohort);
  });
}

/** Changes a cohort; its capacity cannot drop below the places already taken. */
export function updateCohort(
  ctx: EducationContext,
  id: string,
  expectedVersion: number,
  input: UpdateCohortInput,
): Promise<Cohort> {
  return auditedWrite(ctx, (scope) =>
    revise(scope, {
      entity: Cohort,
      entityType: 'Cohort',
      id,
      expectedVersion,
      // Locked like an enrollment, so a capacity change and concurrent enrollments cannot interleave.
      lock: true,
      authorize: async (cohort) => {
        await providedProgram(ctx, scope.em, cohort.programId);
      },
      apply: async (cohort) => {
        applyDetails(cohort, input);
        if (input.capacity != null) {
          const taken = await scope.em.getRepository(Enrollment).placesTaken(cohort.id);
          if (input.capacity < taken) throw new BadUserInputError('capacity', `${taken} places are already taken`);
        }
      },
    }),
  );
}
