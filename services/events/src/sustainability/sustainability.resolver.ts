import { BadUserInputError, findByIdOrFail, ForbiddenError, NotFoundError } from '@hrc/service-kit';
import { assertAllowed, assertVersion, isSecretariat, Rule, snapshot } from '@hrc/domain-kit';
import { ArrayMaxSize, ValidateNested } from 'class-validator';
import { Args, ArgsType, Ctx, Field, FieldResolver, ID, Int, Mutation, Resolver, Root } from 'type-graphql';

import { auditedWrite } from '../audit-catalogue';
import type { EventsContext } from '../context';
import { Event } from '../event/event.entity';
import { ForumEdition } from '../forum-edition/forum-edition.entity';
import { CHECKLIST_CODES } from './checklist-items';
import { SustainabilityChecklistRecord } from './sustainability.entity';
import { ChecklistItemInput } from './sustainability.inputs';
import { SustainabilityChecklist, toChecklist } from './sustainability.type';

@ArgsType()
class UpdateSustainabilityChecklistArgs {
  @Field(() => Int, { nullable: true, description: "The edition's year; give this or eventId" })
  editionYear?: number;

  @Field(() => ID, { nullable: true, description: 'The event; give this or editionYear' })
  eventId?: string;

  @Field(() => Int, { description: 'The checklist version you read (0 before its first update)' })
  expectedVersion!: number;

  @Field(() => [ChecklistItemInput], { description: 'Items to change; items not listed keep their state' })
  @ArrayMaxSize(16)
  @ValidateNested({ each: true })
  items!: ChecklistItemInput[];
}

@Resolver(() => ForumEdition)
export class ForumEditionSustainabilityResolver {
  @FieldResolver(() => SustainabilityChecklist)
  async sustainability(@Root() edition: ForumEdition, @Ctx() ctx: EventsContext): Promise<SustainabilityChecklist> {
    return toChecklist(await ctx.loaders.sustainability.byEdition.load(edition.id));
  }
}

@Resolver(() => Event)
export class EventSustainabilityResolver {
  @FieldResolver(() => SustainabilityChecklist)
  async sustainability(@Root() event: Event, @Ctx() ctx: EventsContext): Promise<SustainabilityChecklist> {
    return toChecklist(await ctx.loaders.sustainability.byEvent.load(event.id));
  }
}

@Resolver(() => SustainabilityChecklist)
export class SustainabilityChecklistResolver {
  @Mutation(() => SustainabilityChecklist, {
    description: "Marks checklist items done or not, with evidence: the secretariat for editions, the organiser or the secretariat for events",
  })
  async updateSustainabilityChecklist(
    @Ctx() ctx: EventsContext,
    @Args() { editionYear, eventId, expectedVersion, items }: UpdateSustainabilityChecklistArgs,
  ): Promise<SustainabilityChecklist> {
    assertAllowed(Rule.CONTRIBUTOR, ctx.identity);
    if ((editionYear == null) === (eventId == null)) throw new BadUserInputError('editionYear', 'give exactly one of editionYear or eventId');
    for (const [index, item] of items.entries()) {
      if (!CHECKLIST_CODES.has(item.code)) throw new BadUserInputError(`items.${index}.code`, 'is not an item of the checklist');
    }
    return auditedWrite(ctx, async ({ em, audit }) => {
      let owner: { editionId: string } | { eventId: string };
      if (editionYear != null) {
        if (!isSecretariat(ctx.identity)) throw new ForbiddenError("Only the secretariat updates an edition's checklist");
        const edition = await em.findOne(ForumEdition, { year: editionYear });
        if (!edition) throw new NotFoundError('ForumEdition', String(editionYear));
        owner = { editionId: edition.id };
      } else {
        const event = await findByIdOrFail(em, Event, eventId!);
        if (!isSecretariat(ctx.identity) && event.contributedBy !== ctx.identity.organizationId) {
          throw new ForbiddenError("Only the event's organiser or the secretariat updates its checklist");
        }
        owner = { eventId: event.id };
      }
      let record = await em.findOne(SustainabilityChecklistRecord, owner);
      if (record) assertVersion('SustainabilityChecklist', record, expectedVersion);
      else if (expectedVersion !== 0) assertVersion('SustainabilityChecklist', { version: 0 }, expectedVersion);
      const before = record ? snapshot(record) : null;
      record ??= em.create(SustainabilityChecklistRecord, { ...owner, items: {} });
      const next = { ...record.items };
      for (const item of items) next[item.code] = { done: item.done, evidence: item.evidence ?? null };
      record.items = next;
      await em.flush();
      audit({ action: before ? 'UPDATE' : 'CREATE', entityType: 'SustainabilityChecklist', entityId: record.id, before, after: snapshot(record) });
      return toChecklist(record);
    });
  }
}
