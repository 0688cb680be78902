import { Args, Ctx, FieldResolver, Resolver, Root, type ClassType } from 'type-graphql';

import type { EducationContext } from '../context';
import type { ReachParent } from '../program/program.repository';
import { EducationReach, ReachArgs, toEducationReach } from './reach.type';

/**
 * `<Parent>.educationReach(year)` on a type another subgraph owns (`City`, `Organization`): one aggregate statement
 * for every parent on the page. The parent's folder creates it, next to the type's stub.
 */
export function createEducationReachResolver(
  parentType: ClassType<{ id: string }>,
  parent: ReachParent,
  description: string,
): Function {
  @Resolver(() => parentType)
  class ParentEducationReachResolver {
    @FieldResolver(() => EducationReach, { description })
    async educationReach(
      @Root() record: { id: string },
      @Ctx() ctx: EducationContext,
      @Args() { year }: ReachArgs,
    ): Promise<EducationReach> {
      return toEducationReach(await ctx.loaders.programs.reachOf(parent, year ?? null).load(record.id));
    }
  }
  Object.defineProperty(ParentEducationReachResolver, 'name', { value: `${parentType.name}EducationReachResolver` });
  return ParentEducationReachResolver;
}
