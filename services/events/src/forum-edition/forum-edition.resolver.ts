import { assertNoNulls, BadUserInputError, isUuid, NotFoundError } from '@hrc/service-kit';
import { assertAllowed, assertVersion, localize, Rule, snapshot } from '@hrc/domain-kit';
import { type Connection, fromLocalizedTexts, LocalizedText, PageArgs, toConnection, toLocalizedTexts } from '@hrc/graph-kit';
import { Arg, Args, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';

import { auditedWrite } from '../audit-catalogue';
import { City } from '../city/city.type';
import type { EventsContext } from '../context';
import { Event } from '../event/event.entity';
import { EventFilter } from '../event/event.inputs';
import { EventConnection } from '../event/event.type';
import { isTimeZone } from '../time-zone';
import { ForumEdition } from './forum-edition.entity';
import { CreateForumEditionInput, UpdateForumEditionInput, type ForumEditionContentInput } from './forum-edition.inputs';
import { TimetableDay } from './timetable.type';

function applyContent(edition: ForumEdition, input: ForumEditionContentInput): void {
  assertNoNulls(input, ['number', 'format', 'timeZone', 'themeTranslations']);
  if (input.timeZone !== undefined && !isTimeZone(input.timeZone)) {
    throw new BadUserInputError('timeZone', 'must be an IANA time zone such as "Asia/Seoul"');
  }
  if (input.hostCityId !== undefined && !isUuid(input.hostCityId)) throw new BadUserInputError('hostCityId', 'must be a City id');
  if (input.number !== undefined) edition.number = input.number;
  if (input.theme !== undefined) edition.theme = input.theme;
  if (input.themeTranslations !== undefined) edition.themeTranslations = fromLocalizedTexts(input.themeTranslations);
  if (input.startsOn !== undefined) edition.startsOn = input.startsOn;
  if (input.endsOn !== undefined) edition.endsOn = input.endsOn;
  if (input.format !== undefined) edition.format = input.format;
  if (input.timeZone !== undefined) edition.timeZone = input.timeZone;
  if (input.hostCityId !== undefined) edition.hostCityId = input.hostCityId;
  if (input.note !== undefined) edition.note = input.note;
  if (edition.startsOn && edition.endsOn && edition.endsOn < edition.startsOn) {
    throw new BadUserInputError('endsOn', 'must not be before startsOn');
  }
  for (const [field, date] of [['startsOn', edition.startsOn], ['endsOn', edition.endsOn]] as const) {
    if (date && Number(date.slice(0, 4)) !== edition.year) throw new BadUserInputError(field, `must fall in ${edition.year}`);
  }
}

@Resolver(() => ForumEdition)
export class ForumEditionResolver {
  @Query(() => [ForumEdition], { description: 'Forum editions, oldest first: one a year since 2011, so never more than a page' })
  forumEditions(
    @Ctx() ctx: EventsContext,
    @Arg('fromYear', () => Int, { nullable: true }) fromYear?: number,
    @Arg('toYear', () => Int, { nullable: true }) toYear?: number,
  ): Promise<ForumEdition[]> {
    const year = { ...(fromYear != null ? { $gte: fromYear } : {}), ...(toYear != null ? { $lte: toYear } : {}) };
    return ctx.em.find(ForumEdition, Object.keys(year).length ? { year } : {}, { orderBy: { year: 'asc' }, limit: 200 });
  }

  @Query(() => ForumEdition, { nullable: true })
  forumEdition(@Ctx() ctx: EventsContext, @Arg('year', () => Int) year: number): Promise<ForumEdition | null> {
    return ctx.loaders.editions.byYear.load(year);
  }

  @FieldResolver(() => String, { nullable: true, description: 'Null where the theme is not known' })
  theme(@Root() edition: ForumEdition, @Arg('lang', () => String, { nullable: true }) lang?: string): string | null {
    return edition.theme === null ? null : localize(edition.theme, edition.themeTranslations, lang);
  }

  @FieldResolver(() => [LocalizedText])
  themeTranslations(@Root() edition: ForumEdition): LocalizedText[] {
    return toLocalizedTexts(edition.themeTranslations);
  }

  @FieldResolver(() => City)
  hostCity(@Root() edition: ForumEdition): City {
    return { id: edition.hostCityId };
  }

  @FieldResolver(() => EventConnection, { description: "The edition's sessions, in start order" })
  async events(
    @Root() edition: ForumEdition,
    @Ctx() ctx: EventsContext,
    @Args() { first, after }: PageArgs,
    @Arg('filter', () => EventFilter, { nullable: true }) filter?: EventFilter,
  ): Promise<Connection<Event>> {
    const query = { filter, first, after };
    const page = await ctx.loaders.events.pageOf('edition', query).load(edition.id);
    return toConnection(page, () => ctx.loaders.events.countOf('edition', filter).load(edition.id));
  }

  @FieldResolver(() => [TimetableDay], { description: "The programme by local day; each day's sessions are in start order" })
  async timetable(@Root() edition: ForumEdition, @Ctx() ctx: EventsContext): Promise<TimetableDay[]> {
    const days = await ctx.loaders.events.daysOf.load(edition.id);
    return days.map((day) => ({ editionId: edition.id, date: day.day, sessionCount: day.total }));
  }

  @Mutation(() => ForumEdition, { description: 'Adds a forum edition (secretariat only)' })
  async createForumEdition(
    @Ctx() ctx: EventsContext,
    @Arg('input', () => CreateForumEditionInput) input: CreateForumEditionInput,
  ): Promise<ForumEdition> {
    assertAllowed(Rule.SECRETARIAT, ctx.identity);
    return auditedWrite(ctx, async ({ em, audit }) => {
      const edition = em.create(ForumEdition, {
        year: input.year,
        number: input.number,
        format: input.format,
        hostCityId: input.hostCityId,
      });
      applyContent(edition, input);
      await em.flush();
      audit({ action: 'CREATE', entityType: 'ForumEdition', entityId: edition.id, after: snapshot(edition) });
      return edition;
    });
  }

  @Mutation(() => ForumEdition, { description: 'Changes a forum edition (secretariat only)' })
  async updateForumEdition(
    @Ctx() ctx: EventsContext,
    @Arg('year', () => Int) year: number,
    @Arg('expectedVersion', () => Int) expectedVersion: number,
    @Arg('input', () => UpdateForumEditionInput) input: UpdateForumEditionInput,
  ): Promise<ForumEdition> {
    assertAllowed(Rule.SECRETARIAT, ctx.identity);
    return auditedWrite(ctx, async ({ em, audit }) => {
      const edition = await em.findOne(ForumEdition, { year });
      if (!edition) throw new NotFoundError('ForumEdition', String(year));
      assertVersion('ForumEdition', edition, expectedVersion);
      const before = snapshot(edition);
      applyContent(edition, input);
      await em.flush();
      audit({ action: 'UPDATE', entityType: 'ForumEdition', entityId: edition.id, before, after: snapshot(edition) });
      return edition;
    });
  }
}

/** A timetable day's sessions: one statement pages every day of every edition in the response. */
@Resolver(() => TimetableDay)
export class TimetableDayResolver {
  @FieldResolver(() => EventConnection)
  async sessions(@Root() day: TimetableDay, @Ctx() ctx: EventsContext, @Args() { first, after }: PageArgs): Promise<Connection<Event>> {
    const key = `${day.editionId}|${day.date}`;
    const page = await ctx.loaders.events.pageOf('editionDay', { first, after }).load(key);
    return toConnection(page, () => Promise.resolve(day.sessionCount));
  }
}
