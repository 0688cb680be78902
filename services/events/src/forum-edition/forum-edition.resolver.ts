import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root, UseMiddleware } from 'type-graphql';

import { Rule } from '@hrc/domain-kit';
import { Allow, createTranslatedFieldsResolver, Idempotent } from '@hrc/graph-kit';
import { isUuid } from '@hrc/service-kit';

import { City } from '../city/city.type';
import type { EventsContext } from '../context';
import { createEventsFieldResolver } from '../event/event.resolver';
import { ForumEdition } from './forum-edition.entity';
import { CreateForumEditionInput, UpdateForumEditionInput } from './forum-edition.inputs';
import * as forumEditionService from './forum-edition.service';

export const ForumEditionTranslatedFieldsResolver = createTranslatedFieldsResolver(ForumEdition, [
  {
    field: 'theme',
    nullable: true,
    description: 'The theme in the requested language; null where the theme is not known',
  },
]);

@Resolver(() => ForumEdition)
export class ForumEditionResolver {
  @Allow(Rule.PUBLIC)
  @Query(() => [ForumEdition], {
    nullable: true,
    description: 'Forum editions, oldest first: one a year since 2011, so never more than a page',
  })
  forumEditions(
    @Ctx() ctx: EventsContext,
    @Arg('fromYear', () => Int, { nullable: true, description: 'From this year on, inclusive' }) fromYear?: number,
    @Arg('toYear', () => Int, { nullable: true, description: 'Up to this year, inclusive' }) toYear?: number,
  ): Promise<ForumEdition[]> {
    return ctx.em.getRepository(ForumEdition).listByYears(fromYear, toYear);
  }

  @Allow(Rule.PUBLIC)
  @Query(() => ForumEdition, {
    nullable: true,
    description: 'The forum edition held in a year; null when none was',
  })
  forumEdition(
    @Ctx() ctx: EventsContext,
    @Arg('year', () => Int, { description: 'The year, for example 2024' }) year: number,
  ): Promise<ForumEdition | null> {
    return ctx.loaders.editions.byYear.load(year);
  }

  @Allow(Rule.PUBLIC)
  @Query(() => ForumEdition, {
    nullable: true,
    description: 'One forum edition, by the id the change feed names; null when there is none',
  })
  forumEditionById(
    @Ctx() ctx: EventsContext,
    @Arg('id', () => ID, { description: "The edition's id" }) id: string,
  ): Promise<ForumEdition | null> {
    return isUuid(id) ? ctx.loaders.editions.byId.load(id) : Promise.resolve(null);
  }

  @FieldResolver(() => City, { description: 'The host city' })
  hostCity(@Root() edition: ForumEdition): City {
    return { id: edition.hostCityId };
  }

  @Allow(Rule.SECRETARIAT)
  @UseMiddleware(Idempotent(ForumEdition))
  @Mutation(() => ForumEdition, { description: 'Adds a forum edition (secretariat only)' })
  createForumEdition(
    @Ctx() ctx: EventsContext,
    @Arg('input', () => CreateForumEditionInput, { description: 'The new edition' }) input: CreateForumEditionInput,
  ): Promise<ForumEdition> {
    return forumEditionService.createForumEdition(ctx, input);
  }

  @Allow(Rule.SECRETARIAT)
  @Mutation(() => ForumEdition, { description: 'Changes a forum edition (secretariat only)' })
  updateForumEdition(
    @Ctx() ctx: EventsContext,
    @Arg('year', () => Int, { description: "The edition's year" }) year: number,
    @Arg('expectedVersion', () => Int, {
      description:
        'The version you read; when the edition has changed since, the write is a CONFLICT carrying currentVersion',
    })
    expectedVersion: number,
    @Arg('input', () => UpdateForumEditionInput, {
      description: 'The fields to change: a field left out keeps its value, null clears an optional one',
    })
    input: UpdateForumEditionInput,
  ): Promise<ForumEdition> {
    return forumEditionService.updateForumEdition(ctx, year, expectedVersion, input);
  }
}

// After ForumEditionResolver, so the schema lists the fields in their usual order.
export const ForumEditionEventsResolver = createEventsFieldResolver(
  ForumEdition,
  'edition',
  "The edition's sessions, in start order",
);
