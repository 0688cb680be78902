import { assertNoNulls, BadUserInputError, findByIdOrFail } from '@hrc/service-kit';
import { assertAllowed, assertVersion, isSecretariat, localize, reviseContribution, Rule, snapshot, statusForWriteBy } from '@hrc/domain-kit';
import { type Connection, ConnectionType, createModerationResolver, fromLocalizedTexts, LocalizedText, PageArgs, toLocalizedTexts } from '@hrc/graph-kit';
import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';

import { auditedWrite } from '../audit-catalogue';
import { City } from '../city/city.type';
import { Cohort } from '../cohort/cohort.entity';
import { CohortFilter } from '../cohort/cohort.inputs';
import { CohortConnection } from '../cohort/cohort.resolver';
import type { EducationContext } from '../context';
import { Organization } from '../organization/organization.type';
import { listConnection } from '../shared/graph';
import { Program } from './program.entity';
import { CreateProgramInput, ProgramFilter, ProgramOrder, UpdateProgramInput, type ProgramContentInput } from './program.inputs';

export const ProgramConnection = ConnectionType(Program);
export const ProgramModerationResolver = createModerationResolver(Program, 'Program', auditedWrite);

/** Null leaves a required field as it is, like an omitted one. */
function applyContent(program: Program, input: ProgramContentInput): void {
  assertNoNulls(input, [
    'title', 'titleTranslations', 'description', 'descriptionTranslations', 'audiences', 'themes', 'languages', 'format',
    'learningOutcomes',
  ]);
  if (input.title != null) program.title = input.title;
  if (input.titleTranslations != null) program.titleTranslations = fromLocalizedTexts(input.titleTranslations);
  if (input.description != null) program.description = input.description;
  if (input.descriptionTranslations != null) {
    program.descriptionTranslations = fromLocalizedTexts(input.descriptionTranslations);
  }
  if (input.audiences != null) program.audiences = input.audiences;
  if (input.themes != null) program.themes = input.themes;
  if (input.languages != null) program.languages = input.languages;
  if (input.format != null) program.format = input.format;
  if (input.durationHours !== undefined) program.durationHours = input.durationHours;
  if (input.learningOutcomes != null) program.learningOutcomes = input.learningOutcomes;
}

@Resolver(() => Program)
export class ProgramResolver {
  @Query(() => Program, { nullable: true, description: 'One programme; null when it does not exist or is not visible to you' })
  program(@Ctx() ctx: EducationContext, @Arg('id', () => ID) id: string): Promise<Program | null> {
    return ctx.loaders.programs.byId.load(id);
  }

  @Query(() => ProgramConnection, { description: 'Human rights education programmes across the network' })
  programs(
    @Ctx() ctx: EducationContext,
    @Args() { first, after }: PageArgs,
    @Arg('filter', () => ProgramFilter, { nullable: true }) filter?: ProgramFilter,
    @Arg('orderBy', () => ProgramOrder, { nullable: true }) orderBy?: ProgramOrder,
  ): Promise<Connection<Program>> {
    return listConnection(ctx.em.getRepository(Program), ctx.identity, { filter, order: orderBy?.field, first, after });
  }

  @FieldResolver(() => String)
  title(@Root() program: Program, @Arg('lang', () => String, { nullable: true }) lang?: string): string {
    return localize(program.title, program.titleTranslations, lang);
  }

  @FieldResolver(() => [LocalizedText])
  titleTranslations(@Root() program: Program): LocalizedText[] {
    return toLocalizedTexts(program.titleTranslations);
  }

  @FieldResolver(() => String)
  description(@Root() program: Program, @Arg('lang', () => String, { nullable: true }) lang?: string): string {
    return localize(program.description, program.descriptionTranslations, lang);
  }

  @FieldResolver(() => [LocalizedText])
  descriptionTranslations(@Root() program: Program): LocalizedText[] {
    return toLocalizedTexts(program.descriptionTranslations);
  }

  @FieldResolver(() => Organization, { description: 'The organisation that provides the programme' })
  provider(@Root() program: Program): Organization {
    return { id: program.providerId };
  }

  @FieldResolver(() => City)
  city(@Root() program: Program): City {
    return { id: program.cityId };
  }

  @FieldResolver(() => CohortConnection, { description: 'Dated runs of the programme, earliest first' })
  cohorts(
    @Root() program: Program,
    @Ctx() ctx: EducationContext,
    @Args() { first, after }: PageArgs,
    @Arg('filter', () => CohortFilter, { nullable: true }) filter?: CohortFilter,
  ): Promise<Connection<Cohort>> {
    return ctx.loaders.cohorts.connectionOf('program', program.id, { filter, first, after });
  }

  @Mutation(() => Program, {
    description: "Creates a programme. A partner's is SUBMITTED for review and provided by its own organisation; the secretariat's is PUBLISHED",
  })
  async createProgram(@Ctx() ctx: EducationContext, @Arg('input', () => CreateProgramInput) input: CreateProgramInput): Promise<Program> {
    assertAllowed(Rule.CONTRIBUTOR, ctx.identity);
    const providerId = isSecretariat(ctx.identity) ? input.providerId : (input.providerId ?? ctx.identity.organizationId);
    if (!providerId) throw new BadUserInputError('providerId', 'name the provider organisation');
    assertAllowed(Rule.OWNER, ctx.identity, [providerId]);
    return auditedWrite(ctx, async ({ em, audit }) => {
      const program = em.create(Program, {
        providerId,
        contributedBy: providerId,
        cityId: input.cityId,
        title: input.title,
        description: input.description,
        status: statusForWriteBy(ctx.identity),
      });
      applyContent(program, input);
      await em.flush();
      audit({ action: 'CREATE', entityType: 'Program', entityId: program.id, after: snapshot(program) });
      return program;
    });
  }

  @Mutation(() => Program, {
    description: "Changes a programme its organisation provides. A partner's change goes back to review (SUBMITTED)",
  })
  async updateProgram(
    @Ctx() ctx: EducationContext,
    @Arg('id', () => ID) id: string,
    @Arg('expectedVersion', () => Int) expectedVersion: number,
    @Arg('input', () => UpdateProgramInput) input: UpdateProgramInput,
  ): Promise<Program> {
    assertAllowed(Rule.CONTRIBUTOR, ctx.identity);
    return auditedWrite(ctx, async ({ em, audit }) => {
      const program = await findByIdOrFail(em, Program, id);
      assertAllowed(Rule.OWNER, ctx.identity, [program.providerId]);
      assertVersion('Program', program, expectedVersion);
      const before = snapshot(program);
      const action = await reviseContribution(program, ctx.identity, () => applyContent(program, input));
      await em.flush();
      audit({ action, entityType: 'Program', entityId: id, before, after: snapshot(program) });
      return program;
    });
  }
}
