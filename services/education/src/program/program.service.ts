import type { EntityManager } from '@mikro-orm/postgresql';

import {
  assertAllowed,
  assignGiven,
  insertAudited,
  organizationOfWrite,
  reviseOwnContribution,
  Rule,
  statusForWriteBy,
} from '@hrc/domain-kit';
import { assignGivenTranslations } from '@hrc/graph-kit';
import { BadUserInputError, assertNoNulls } from '@hrc/service-kit';

import { auditedWrite } from '../audit-catalogue';
import type { EducationContext } from '../context';
import { Program } from './program.entity';
import type { CreateProgramInput, ProgramContentInput, UpdateProgramInput } from './program.inputs';

/** Applies a programme's content; an explicit null for a required field is BAD_USER_INPUT. */
function applyContent(program: Program, input: ProgramContentInput): void {
  assertNoNulls(input, [
    'title',
    'titleTranslations',
    'description',
    'descriptionTranslations',
    'audiences',
    'themes',
    'languages',
    'format',
    'learningOutcomes',
  ]);
  assignGiven(program, input, [
    'title',
    'description',
    'audiences',
    'themes',
    'languages',
    'format',
    'durationHours',
    'learningOutcomes',
  ]);
  assignGivenTranslations(program, input, ['titleTranslations', 'descriptionTranslations']);
}

/**
 * Inside a write: the programme behind a cohort, enrollment or certificate, once the caller is checked as a partner
 * of its provider or the secretariat (the OWNER rule), whatever the programme's review status.
 */
export async function providedProgram(ctx: EducationContext, em: EntityManager, programId: string): Promise<Program> {
  const program = await em.findOneOrFail(Program, { id: programId });
  assertAllowed(Rule.OWNER, ctx.identity, [program.providerId]);
  return program;
}

/**
 * Creates a programme. A partner's is provided by its own organisation and waits for review; the secretariat's is
 * published and must name its provider. The provider is also the contributor, so the kit's visibility rules apply.
 */
export async function createProgram(ctx: EducationContext, input: CreateProgramInput): Promise<Program> {
  const providerId = organizationOfWrite(ctx.identity, input.providerId);
  if (!providerId) throw new BadUserInputError('providerId', 'name the provider organisation');
  return auditedWrite(ctx, (scope) => {
    const program = scope.em.create(Program, {
      providerId,
      contributedBy: providerId,
      cityId: input.cityId,
      title: input.title,
      description: input.description,
      status: statusForWriteBy(ctx.identity),
    });
    applyContent(program, input);
    return insertAudited(scope, 'Program', program);
  });
}

/** Changes a programme its organisation provides; a partner's edit to a published one waits for review. */
export function updateProgram(
  ctx: EducationContext,
  id: string,
  expectedVersion: number,
  input: UpdateProgramInput,
): Promise<Program> {
  // The provider is the contributor, so the OWNER rule over `contributedBy` admits the provider's partners.
  return auditedWrite(ctx, (scope) =>
    reviseOwnContribution(scope, ctx.identity, {
      entity: Program,
      entityType: 'Program',
      id,
      expectedVersion,
      edit: (program) => applyContent(program, input),
    }),
  );
}
