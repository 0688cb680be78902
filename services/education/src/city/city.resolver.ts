import { type Connection, PageArgs, toConnection } from '@hrc/graph-kit';
import { Arg, Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';

import type { EducationContext } from '../context';
import { Program } from '../program/program.entity';
import { ProgramFilter, ProgramOrder } from '../program/program.inputs';
import { ProgramConnection } from '../program/program.resolver';
import { EducationReach, ReachArgs, toEducationReach } from '../reach/reach.type';
import { City } from './city.type';

/** `City.programs` and `City.educationReach`: one batched statement for every city on the page. */
@Resolver(() => City)
export class CityEducationResolver {
  @FieldResolver(() => ProgramConnection, { description: 'Human rights education programmes in the city' })
  async programs(
    @Root() city: City,
    @Ctx() ctx: EducationContext,
    @Args() { first, after }: PageArgs,
    @Arg('filter', () => ProgramFilter, { nullable: true }) filter?: ProgramFilter,
    @Arg('orderBy', () => ProgramOrder, { nullable: true }) orderBy?: ProgramOrder,
  ): Promise<Connection<Program>> {
    const page = await ctx.loaders.programs.pageOf('city', { filter, order: orderBy?.field, first, after }).load(city.id);
    return toConnection(page, () => ctx.loaders.programs.countOf('city', filter).load(city.id));
  }

  @FieldResolver(() => EducationReach, { description: 'Human rights education delivered in the city' })
  async educationReach(@Root() city: City, @Ctx() ctx: EducationContext, @Args() { year }: ReachArgs): Promise<EducationReach> {
    return toEducationReach(await ctx.loaders.programs.reachOf('city', year ?? null).load(city.id));
  }
}
