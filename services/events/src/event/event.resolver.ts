import { assertNoNulls, BadUserInputError, findByIdOrFail, isUuid } from '@hrc/service-kit';
import { assertAllowed, assertVersion, isSecretariat, localize, reviseContribution, Rule, snapshot, statusForWriteBy } from '@hrc/domain-kit';
import { type Connection, ConnectionType, createModerationResolver, fromLocalizedTexts, LocalizedText, PageArgs, toConnection, toLocalizedTexts } from '@hrc/graph-kit';
import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';

import { auditedWrite } from '../audit-catalogue';
import { City } from '../city/city.type';
import type { EventsContext } from '../context';
import { ForumEdition } from '../forum-edition/forum-edition.entity';
import { Organization } from '../organization/organization.type';
import { Registration } from '../registration/registration.entity';
import { isTimeZone, localIsoString } from '../time-zone';
import { Event } from './event.entity';
import { CreateEventInput, EventFilter, UpdateEventInput, type EventContentInput } from './event.inputs';
import { Interpretation, SeatAvailability, Speaker } from './event.type';

export const EventConnection = ConnectionType(Event);
export const EventModerationResolver = createModerationResolver(Event, 'Event', auditedWrite);

/** Checks and applies an event's content; throws BAD_USER_INPUT before anything is flushed. */
async function applyContent(ctx: EventsContext, event: Event, input: EventContentInput): Promise<void> {
  assertNoNulls(input, [
    'kind', 'title', 'titleTranslations', 'descriptionTranslations', 'startsAt', 'endsAt', 'timeZone', 'allDay',
    'format', 'languages', 'interpretation', 'accessibility', 'speakers',
  ]);
  if (input.timeZone !== undefined && !isTimeZone(input.timeZone)) {
    throw new BadUserInputError('timeZone', 'must be an IANA time zone such as "Asia/Seoul"');
  }
  if (input.hostCityId && !isUuid(input.hostCityId)) throw new BadUserInputError('hostCityId', 'must be a City id');
  for (const [index, speaker] of (input.speakers ?? []).entries()) {
    if (speaker.organizationId && !isUuid(speaker.organizationId)) {
      throw new BadUserInputError(`speakers.${index}.organizationId`, 'must be an Organization id');
    }
  }
  let editionId: string | null | undefined;
  if (input.editionYear !== undefined) {
    if (input.editionYear === null) editionId = null;
    else {
      const edition = await ctx.loaders.editions.byYear.load(input.editionYear);
      if (!edition) throw new BadUserInputError('editionYear', 'no forum edition was held in this year');
      editionId = edition.id;
    }
  }
  if (input.kind !== undefined) event.kind = input.kind;
  if (input.title !== undefined) event.title = input.title;
  if (input.titleTranslations !== undefined) event.titleTranslations = fromLocalizedTexts(input.titleTranslations);
  if (input.description !== undefined) event.description = input.description;
  if (input.descriptionTranslations !== undefined) event.descriptionTranslations = fromLocalizedTexts(input.descriptionTranslations);
  if (input.startsAt !== undefined) event.startsAt = input.startsAt;
  if (input.endsAt !== undefined) event.endsAt = input.endsAt;
  if (input.timeZone !== undefined) event.timeZone = input.timeZone;
  if (input.allDay !== undefined) event.allDay = input.allDay;
  if (input.venue !== undefined) event.venue = input.venue;
  if (input.format !== undefined) event.format = input.format;
  if (input.hostCityId !== undefined) event.hostCityId = input.hostCityId;
  if (editionId !== undefined) event.editionId = editionId;
  if (input.languages !== undefined) event.languages = input.languages;
  if (input.interpretation !== undefined) {
    event.interpretationLanguages = input.interpretation.languages;
    event.signLanguages = input.interpretation.signLanguages;
  }
  if (input.accessibility !== undefined) event.accessibility = input.accessibility;
  if (input.capacity !== undefined) event.capacity = input.capacity;
  if (input.speakers !== undefined) {
    event.speakers = input.speakers.map((speaker) => ({
      name: speaker.name,
      affiliation: speaker.affiliation ?? null,
      organizationId: speaker.organizationId ?? null,
    }));
  }
  if (!(event.startsAt < event.endsAt)) throw new BadUserInputError('endsAt', 'must be after startsAt');
}

@Resolver(() => Event)
export class EventResolver {
  @Query(() => Event, { nullable: true, description: 'One event; null when it does not exist or is not visible to you' })
  event(@Ctx() ctx: EventsContext, @Arg('id', () => ID) id: string): Promise<Event | null> {
    return ctx.loaders.events.byId.load(id);
  }

  @Query(() => EventConnection, { description: 'Events across the network, in start order, filtered and paginated' })
  async events(
    @Ctx() ctx: EventsContext,
    @Args() { first, after }: PageArgs,
    @Arg('filter', () => EventFilter, { nullable: true }) filter?: EventFilter,
  ): Promise<Connection<Event>> {
    const repository = ctx.em.getRepository(Event);
    const page = await repository.listPage(ctx.identity, { filter, first, after });
    return toConnection(page, () => repository.countMatching(ctx.identity, filter));
  }

  @FieldResolver(() => String)
  title(@Root() event: Event, @Arg('lang', () => String, { nullable: true }) lang?: string): string {
    return localize(event.title, event.titleTranslations, lang);
  }

  @FieldResolver(() => [LocalizedText])
  titleTranslations(@Root() event: Event): LocalizedText[] {
    return toLocalizedTexts(event.titleTranslations);
  }

  @FieldResolver(() => String, { nullable: true })
  description(@Root() event: Event, @Arg('lang', () => String, { nullable: true }) lang?: string): string | null {
    return event.description === null ? null : localize(event.description, event.descriptionTranslations, lang);
  }

  @FieldResolver(() => [LocalizedText])
  descriptionTranslations(@Root() event: Event): LocalizedText[] {
    return toLocalizedTexts(event.descriptionTranslations);
  }

  @FieldResolver(() => String, { description: "startsAt in the venue's time zone, with its offset: 2024-10-10T10:00:00+09:00" })
  startsAtLocal(@Root() event: Event): string {
    return localIsoString(event.timeZone, event.startsAt);
  }

  @FieldResolver(() => String, { description: "endsAt in the venue's time zone, with its offset" })
  endsAtLocal(@Root() event: Event): string {
    return localIsoString(event.timeZone, event.endsAt);
  }

  @FieldResolver(() => City, { nullable: true })
  hostCity(@Root() event: Event): City | null {
    return event.hostCityId ? { id: event.hostCityId } : null;
  }

  @FieldResolver(() => Organization, { nullable: true, description: 'The organising organisation' })
  organizer(@Root() event: Event): Organization | null {
    return event.contributedBy ? { id: event.contributedBy } : null;
  }

  @FieldResolver(() => ForumEdition, { nullable: true, description: 'The forum edition this is a session of' })
  forumEdition(@Root() event: Event, @Ctx() ctx: EventsContext): Promise<ForumEdition | null> | null {
    return event.editionId ? ctx.loaders.editions.byId.load(event.editionId) : null;
  }

  @FieldResolver(() => Interpretation)
  interpretation(@Root() event: Event): Interpretation {
    return { languages: event.interpretationLanguages, signLanguages: event.signLanguages };
  }

  @FieldResolver(() => [Speaker])
  speakers(@Root() event: Event): Speaker[] {
    return event.speakers.map((speaker) => ({
      name: speaker.name,
      affiliation: speaker.affiliation,
      organization: speaker.organizationId ? { id: speaker.organizationId } : null,
    }));
  }

  @FieldResolver(() => SeatAvailability)
  async seats(@Root() event: Event, @Ctx() ctx: EventsContext): Promise<SeatAvailability> {
    const counts = await ctx.loaders.registrations.seatCounts.load(event.id);
    const registered = counts.registered + counts.attended;
    return {
      capacity: event.capacity,
      registered,
      waitlisted: counts.waitlisted,
      remaining: event.capacity === null ? null : Math.max(0, event.capacity - registered),
    };
  }

  @Mutation(() => Event, {
    description: "Creates an event. A partner organises it as its own organisation and it is SUBMITTED; the secretariat's is PUBLISHED",
  })
  async createEvent(@Ctx() ctx: EventsContext, @Arg('input', () => CreateEventInput) input: CreateEventInput): Promise<Event> {
    assertAllowed(Rule.CONTRIBUTOR, ctx.identity);
    const organizer = isSecretariat(ctx.identity) ? (input.organizationId ?? null) : ctx.identity.organizationId;
    if (!isSecretariat(ctx.identity)) assertAllowed(Rule.OWNER, ctx.identity, [input.organizationId ?? organizer]);
    if (organizer && !isUuid(organizer)) throw new BadUserInputError('organizationId', 'must be an Organization id');
    return auditedWrite(ctx, async ({ em, audit }) => {
      const event = em.create(Event, {
        kind: input.kind,
        title: input.title,
        startsAt: input.startsAt,
        endsAt: input.endsAt,
        timeZone: input.timeZone,
        format: input.format,
        contributedBy: organizer,
        status: statusForWriteBy(ctx.identity),
      });
      await applyContent(ctx, event, input);
      await em.flush();
      audit({ action: 'CREATE', entityType: 'Event', entityId: event.id, after: snapshot(event) });
      return event;
    });
  }

  @Mutation(() => Event, {
    description: 'Changes an event its organisation organises. A partner\'s change goes back to review (SUBMITTED)',
  })
  async updateEvent(
    @Ctx() ctx: EventsContext,
    @Arg('id', () => ID) id: string,
    @Arg('expectedVersion', () => Int) expectedVersion: number,
    @Arg('input', () => UpdateEventInput) input: UpdateEventInput,
  ): Promise<Event> {
    assertAllowed(Rule.CONTRIBUTOR, ctx.identity);
    return auditedWrite(ctx, async ({ em, audit }) => {
      const registrations = em.getRepository(Registration);
      // Ownership first, so nobody else can hold the seat lock of an event they may not change.
      const event = await findByIdOrFail(em, Event, id);
      assertAllowed(Rule.OWNER, ctx.identity, [event.contributedBy]);
      // Capacity changes move people between the seats and the waitlist, so they take the seat lock, then re-read.
      const locked = await registrations.lockEvent(id);
      await em.refresh(event);
      assertVersion('Event', event, expectedVersion);
      const before = snapshot(event);
      // The capacity is operational: it applies at once even while a content edit waits for review.
      const action = await reviseContribution(event, ctx.identity, () => applyContent(ctx, event, input), ['capacity']);
      if (event.capacity !== null && event.capacity !== locked.capacity) {
        const taken = await registrations.seatsTaken(id);
        if (event.capacity < taken) throw new BadUserInputError('capacity', `must be at least the ${taken} seats already taken`);
      }
      await em.flush();
      const promoted = await registrations.promoteWaitlisted({ ...locked, capacity: event.capacity });
      await em.flush();
      audit({ action, entityType: 'Event', entityId: id, before, after: snapshot(event) });
      for (const registration of promoted) {
        audit({ action: 'PROMOTE', entityType: 'Registration', entityId: registration.id, after: snapshot(registration) });
      }
      return event;
    });
  }
}

/** `City.events`: the events a city hosts, one batched statement for every city on the page. */
@Resolver(() => City)
export class CityEventsResolver {
  @FieldResolver(() => EventConnection, { description: 'Events hosted by the city, in start order' })
  async events(
    @Root() city: City,
    @Ctx() ctx: EventsContext,
    @Args() { first, after }: PageArgs,
    @Arg('filter', () => EventFilter, { nullable: true }) filter?: EventFilter,
  ): Promise<Connection<Event>> {
    const query = { filter, first, after };
    const page = await ctx.loaders.events.pageOf('city', query).load(city.id);
    return toConnection(page, () => ctx.loaders.events.countOf('city', filter).load(city.id));
  }

  @FieldResolver(() => [ForumEdition], { description: 'Forum editions the city hosted, oldest first (one a year at most)' })
  hostedEditions(@Root() city: City, @Ctx() ctx: EventsContext): Promise<ForumEdition[]> {
    return ctx.loaders.editions.hostedBy.load(city.id);
  }
}

/** `Organization.events`: the events an organisation organises. */
@Resolver(() => Organization)
export class OrganizationEventsResolver {
  @FieldResolver(() => EventConnection, { description: 'Events the organisation organises, in start order' })
  async events(
    @Root() organization: Organization,
    @Ctx() ctx: EventsContext,
    @Args() { first, after }: PageArgs,
    @Arg('filter', () => EventFilter, { nullable: true }) filter?: EventFilter,
  ): Promise<Connection<Event>> {
    const query = { filter, first, after };
    const page = await ctx.loaders.events.pageOf('organization', query).load(organization.id);
    return toConnection(page, () => ctx.loaders.events.countOf('organization', filter).load(organization.id));
  }
}
