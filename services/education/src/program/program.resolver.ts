import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root, UseMiddleware } from 'type-graphql';

import { Rule } from '@hrc/domain-kit';
import {
  Allow,
  type Connection,
  ConnectionType,
  createModerationResolver,
  createTranslatedFieldsResolver,
  listConnection,
  nestedListResolverFactory,
  PageArgs,
  RevisionArgs,
  Idempotent,
  selectsTotalCount,
} from '@hrc/graph-kit';

import { auditedWrite } from '../audit-catalogue';
import { City } from '../city/city.type';
import { Cohort } from '../cohort/cohort.entity';
import { CohortFilter } from '../cohort/cohort.inputs';
import { CohortConnection } from '../cohort/cohort.resolver';
import type { EducationContext } from '../context';
import { Organization } from '../organization/organization.type';
import { Program } from './program.entity';
import { CreateProgramInput, ProgramFilter, ProgramOrder, UpdateProgramInput } from './program.inputs';
import * as programService from './program.service';

export const ProgramConnection = ConnectionType(Program);
export const ProgramModerationResolver = createModerationResolver(Program, 'Program', auditedWrite);
export const ProgramTranslatedFieldsResolver = createTranslatedFieldsResolver(Program, [
  { field: 'title' },
  { field: 'description' },
]);

@Resolver(() => Program)
export class ProgramResolver {
  @Allow(Rule.PUBLIC)
  @Query(() => Program, {
    nullable: true,
    description: 'One programme; null when it does not exist or is not visible to you',
  })
  program(
    @Ctx() ctx: EducationContext,
    @Arg('id', () => ID, { description: "The programme's id" }) id: string,
  ): Promise<Program | null> {
    return ctx.loaders.programs.byId.load(id);
  }

  @Allow(Rule.PUBLIC)
  @Query(() => ProgramConnection, {
    nullable: true,
    description: 'Human rights education programmes across the network',
  })
  programs(
    @Ctx() ctx: EducationContext,
    @Info() info: GraphQLResolveInfo,
    @Args() { first, after }: PageArgs,
    @Arg('filter', () => ProgramFilter, {
      nullable: true,
      description: 'Only programmes matching every condition given',
    })
    filter?: ProgramFilter,
    @Arg('orderBy', () => ProgramOrder, { nullable: true, description: 'The order; alphabetical by title when absent' })
    orderBy?: ProgramOrder,
  ): Promise<Connection<Program>> {
    return listConnection(ctx.em.getRepository(Program), ctx.identity, {
      filter,
      order: orderBy?.field,
      first,
      after,
      withTotal: selectsTotalCount(info),
    });
  }

  @FieldResolver(() => Organization, { description: 'The organisation that provides the programme' })
  provider(@Root() program: Program): Organization {
    return { id: program.providerId };
  }

  @FieldResolver(() => City, { description: 'The city the programme serves' })
  city(@Root() program: Program): City {
    return { id: program.cityId };
  }

  @FieldResolver(() => CohortConnection, { description: 'Dated runs of the programme, earliest first' })
  cohorts(
    @Root() program: Program,
    @Ctx() ctx: EducationContext,
    @Info() info: GraphQLResolveInfo,
    @Args() { first, after }: PageArgs,
    @Arg('filter', () => CohortFilter, { nullable: true, description: 'Only cohorts starting within these dates' })
    filter?: CohortFilter,
  ): Promise<Connection<Cohort>> {
    return ctx.loaders.cohorts.connectionOf('program', program.id, {
      filter,
      first,
      after,
      withTotal: selectsTotalCount(info),
    });
  }

  @Allow(Rule.CONTRIBUTOR)
  @UseMiddleware(Idempotent(Program))
  @Mutation(() => Program, {
    description:
      "Creates a programme. A partner's is SUBMITTED for review and provided by its own organisation; the secretariat's is PUBLISHED",
  })
  createProgram(
    @Ctx() ctx: EducationContext,
    @Arg('input', () => CreateProgramInput, { description: 'The new programme' }) input: CreateProgramInput,
  ): Promise<Program> {
    return programService.createProgram(ctx, input);
  }

  @Allow(Rule.OWNER)
  @Mutation(() => Program, {
    description:
      "Changes a programme its organisation provides. A partner's change to a PUBLISHED programme does not apply yet: it waits in " +
      'pendingChanges while the reviewed version stays public, until the secretariat approves (applies) or rejects (drops) it. ' +
      "A partner's change to a programme that is not published (SUBMITTED, REJECTED or WITHDRAWN) applies and returns it to review " +
      "as SUBMITTED. The secretariat's change applies at once and publishes it",
  })
  updateProgram(
    @Ctx() ctx: EducationContext,
    @Args() { id, expectedVersion }: RevisionArgs,
    @Arg('input', () => UpdateProgramInput, {
      description: 'The fields to change: a field left out keeps its value, null clears an optional one',
    })
    input: UpdateProgramInput,
  ): Promise<Program> {
    return programService.updateProgram(ctx, id, expectedVersion, input);
  }
}

/**
 * `<Parent>.programs` on a type another subgraph owns (`City`, `Organization`, `Event`): the programmes grouped by
 * `parent`, one statement for every parent on the page. The parent's folder creates it, next to the type's stub.
 */
export const createParentProgramsResolver = nestedListResolverFactory({
  field: 'programs',
  connection: ProgramConnection,
  filter: ProgramFilter,
  orderBy: ProgramOrder,
  loaders: (ctx: EducationContext) => ctx.loaders.programs,
});
