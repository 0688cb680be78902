import {
  assertAllowed,
  assignGiven,
  insertAudited,
  organizationOfWrite,
  reviseOwnContribution,
  Rule,
  statusForWriteBy,
} from '@hrc/domain-kit';
import { assignGivenTranslations } from '@hrc/graph-kit';
import { assertNoNulls, BadUserInputError, isUuid } from '@hrc/service-kit';

import { auditedWrite, type EventsWriteScope } from '../audit-catalogue';
import type { EventsContext } from '../context';
import { Registration } from '../registration/registration.entity';
import { promoteWaitlisted } from '../registration/registration.service';
import { isTimeZone } from '../time-zone';
import { Event } from './event.entity';
import type { CreateEventInput, EventContentInput, UpdateEventInput } from './event.inputs';

/** Checks and applies an event's content; throws BAD_USER_INPUT before anything is flushed. */
async function applyContent(ctx: EventsContext, event: Event, input: EventContentInput): Promise<void> {
  assertNoNulls(input, [
    'kind',
    'title',
    'titleTranslations',
    'descriptionTranslations',
    'startsAt',
    'endsAt',
    'timeZone',
    'allDay',
    'format',
    'languages',
    'interpretation',
    'accessibility',
    'speakers',
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
  assignGiven(event, input, [
    'kind',
    'title',
    'description',
    'startsAt',
    'endsAt',
    'timeZone',
    'allDay',
    'venue',
    'format',
    'hostCityId',
    'languages',
    'accessibility',
    'capacity',
  ]);
  assignGivenTranslations(event, input, ['titleTranslations', 'descriptionTranslations']);
  if (editionId !== undefined) event.editionId = editionId;
  if (input.interpretation !== undefined) {
    event.interpretationLanguages = input.interpretation.languages;
    event.signLanguages = input.interpretation.signLanguages;
  }
  if (input.speakers !== undefined) {
    event.speakers = input.speakers.map((speaker) => ({
      name: speaker.name,
      affiliation: speaker.affiliation ?? null,
      organizationId: speaker.organizationId ?? null,
    }));
  }
  assertSaneDates(event);
}

/** Event dates the hub accepts: calendars, reports and feeds need no more, and an absurd span costs every reader. */
export const EVENT_YEARS = { first: 2000, last: 2100 } as const;
export const MAX_EVENT_DAYS = 366;

function assertSaneDates(event: Pick<Event, 'startsAt' | 'endsAt'>): void {
  for (const field of ['startsAt', 'endsAt'] as const) {
    const year = event[field].getUTCFullYear();
    if (!(year >= EVENT_YEARS.first && year <= EVENT_YEARS.last)) {
      throw new BadUserInputError(field, `must fall between ${EVENT_YEARS.first} and ${EVENT_YEARS.last}`);
    }
  }
  if (!(event.startsAt < event.endsAt)) throw new BadUserInputError('endsAt', 'must be after startsAt');
  if (event.endsAt.getTime() - event.startsAt.getTime() > MAX_EVENT_DAYS * 86_400_000) {
    throw new BadUserInputError('endsAt', `must be at most ${MAX_EVENT_DAYS} days after startsAt`);
  }
}

/** Call with the seat lock held: a capacity may not fall below the seats already taken. */
async function assertCapacityHolds(
  scope: EventsWriteScope,
  event: Event,
  capacityBefore: number | null,
): Promise<void> {
  if (event.capacity === null || event.capacity === capacityBefore) return;
  const taken = await scope.em.getRepository(Registration).seatsTaken(event.id);
  if (event.capacity < taken)
    throw new BadUserInputError('capacity', `must be at least the ${taken} seats already taken`);
}

/** Creates an event: a partner organises it as its own organisation and it waits for review; the secretariat's is published. */
export async function createEvent(ctx: EventsContext, input: CreateEventInput): Promise<Event> {
  const organizer = organizationOfWrite(ctx.identity, input.organizationId);
  if (organizer && !isUuid(organizer)) throw new BadUserInputError('organizationId', 'must be an Organization id');
  return auditedWrite(ctx, async (scope) => {
    const event = scope.em.create(Event, {
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
    return insertAudited(scope, 'Event', event);
  });
}

/**
 * Changes an event its organisation organises; a partner's content edit to a published event waits for review. The
 * capacity is operational: it applies at once, and a raised capacity promotes people from the waitlist.
 */
export function updateEvent(
  ctx: EventsContext,
  id: string,
  expectedVersion: number,
  input: UpdateEventInput,
): Promise<Event> {
  return auditedWrite(ctx, async (scope) => {
    const events = scope.em.getRepository(Event);
    // Ownership first, so nobody else can hold the seat lock of an event they may not change.
    assertAllowed(Rule.OWNER, ctx.identity, [await events.organizerOf(id)]);
    // Capacity changes move people between the seats and the waitlist, so they take the seat lock.
    const { capacity: capacityBefore } = await events.lockSeats(id);
    const event = await reviseOwnContribution(scope, ctx.identity, {
      entity: Event,
      entityType: 'Event',
      id,
      expectedVersion,
      immediate: ['capacity'],
      edit: async (event) => {
        await applyContent(ctx, event, input);
        await assertCapacityHolds(scope, event, capacityBefore);
      },
    });
    await promoteWaitlisted(scope, event);
    return event;
  });
}
