import { type Connection, PageArgs, toConnection } from '@hrc/graph-kit';
import { Arg, Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';

import type { EducationContext } from '../context';
import { Program } from '../program/program.entity';
import { ProgramFilter, ProgramOrder } from '../program/program.inputs';
import { ProgramConnection } from '../program/program.resolver';
import { EducationReach, ReachArgs, toEducationReach } from '../reach/reach.type';
import { Organization } from './organization.type';

/** `Organization.programs` and `Organization.educationReach`: the programmes the organisation provides. */
@Resolver(() => Organization)
export class OrganizationEducationResolver {
  @FieldResolver(() => ProgramConnection, { description: 'Human rights education programmes the organisation provides' })
  async programs(
    @Root() organization: Organization,
    @Ctx() ctx: EducationContext,
    @Args() { first, after }: PageArgs,
    @Arg('filter', () => ProgramFilter, { nullable: true }) filter?: ProgramFilter,
    @Arg('orderBy', () => ProgramOrder, { nullable: true }) orderBy?: ProgramOrder,
  ): Promise<Connection<Program>> {
    const query = { filter, order: orderBy?.field, first, after };
    const page = await ctx.loaders.programs.pageOf('organization', query).load(organization.id);
    return toConnection(page, () => ctx.loaders.programs.countOf('organization', filter).load(organization.id));
  }

  @FieldResolver(() => EducationReach, { description: 'Human rights education the organisation delivered' })
  async educationReach(
    @Root() organization: Organization,
    @Ctx() ctx: EducationContext,
    @Args() { year }: ReachArgs,
  ): Promise<EducationReach> {
    return toEducationReach(await ctx.loaders.programs.reachOf('organization', year ?? null).load(organization.id));
  }
}
