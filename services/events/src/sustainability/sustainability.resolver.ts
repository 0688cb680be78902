import { Args, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';

import { Rule } from '@hrc/domain-kit';
import { Allow } from '@hrc/graph-kit';

import type { EventsContext } from '../context';
import { Event } from '../event/event.entity';
import { ForumEdition } from '../forum-edition/forum-edition.entity';
import { UpdateSustainabilityChecklistArgs } from './sustainability.inputs';
import * as sustainabilityService from './sustainability.service';
import { SustainabilityChecklist, toChecklist } from './sustainability.type';

@Resolver(() => ForumEdition)
export class ForumEditionSustainabilityResolver {
  @FieldResolver(() => SustainabilityChecklist, {
    description: "The edition's sustainability checklist; every item open (version 0) until its first update",
  })
  async sustainability(@Root() edition: ForumEdition, @Ctx() ctx: EventsContext): Promise<SustainabilityChecklist> {
    return toChecklist(await ctx.loaders.sustainability.byEdition.load(edition.id));
  }
}

@Resolver(() => Event)
export class EventSustainabilityResolver {
  @FieldResolver(() => SustainabilityChecklist, {
    description: "The event's sustainability checklist; every item open (version 0) until its first update",
  })
  async sustainability(@Root() event: Event, @Ctx() ctx: EventsContext): Promise<SustainabilityChecklist> {
    return toChecklist(await ctx.loaders.sustainability.byEvent.load(event.id));
  }
}

@Resolver(() => SustainabilityChecklist)
export class SustainabilityChecklistResolver {
  @Allow(Rule.OWNER)
  @Mutation(() => SustainabilityChecklist, {
    description:
      'Marks checklist items done or not, with evidence: the secretariat for editions, the organiser or the secretariat for events',
  })
  async updateSustainabilityChecklist(
    @Ctx() ctx: EventsContext,
    @Args() args: UpdateSustainabilityChecklistArgs,
  ): Promise<SustainabilityChecklist> {
    return toChecklist(await sustainabilityService.updateSustainabilityChecklist(ctx, args));
  }
}
