import { type Connection, PageArgs, toConnection } from '@hrc/graph-kit';
import { Arg, Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';

import type { EducationContext } from '../context';
import { Program } from '../program/program.entity';
import { ProgramFilter, ProgramOrder } from '../program/program.inputs';
import { ProgramConnection } from '../program/program.resolver';
import { Event } from './event.type';

/** `Event.programs`: programmes with a cohort delivered at the event. */
@Resolver(() => Event)
export class EventEducationResolver {
  @FieldResolver(() => ProgramConnection, { description: 'Human rights education programmes delivered at the event' })
  async programs(
    @Root() event: Event,
    @Ctx() ctx: EducationContext,
    @Args() { first, after }: PageArgs,
    @Arg('filter', () => ProgramFilter, { nullable: true }) filter?: ProgramFilter,
    @Arg('orderBy', () => ProgramOrder, { nullable: true }) orderBy?: ProgramOrder,
  ): Promise<Connection<Program>> {
    const page = await ctx.loaders.programs.pageOf('event', { filter, order: orderBy?.field, first, after }).load(event.id);
    return toConnection(page, () => ctx.loaders.programs.countOf('event', filter).load(event.id));
  }
}
