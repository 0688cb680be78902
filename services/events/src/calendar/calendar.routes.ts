import type http from 'node:http';

import type { MikroORM } from '@mikro-orm/postgresql';

import { cityIdFromSlug } from '@hrc/domain-kit';
import { ANONYMOUS, isUuid } from '@hrc/service-kit';

import { Event } from '../event/event.entity';
import { ForumEdition } from '../forum-edition/forum-edition.entity';
import { localDate } from '../time-zone';
import { renderCalendar, type CalendarEntry } from './ics';

/**
 * Public feeds, reached through the gateway, which forwards these paths signed as the public: they read what the API
 * shows a caller without a token, through the same repository methods.
 */
export const EDITION_FEED_PATH = /^\/calendar\/editions\/(\d{4})\.ics$/;
/** A city by id, or by slug: a city's id derives from its slug (`cityIdFromSlug`), so no lookup in cities is needed. */
export const CITY_FEED_PATH = /^\/calendar\/cities\/([0-9A-Za-z-]+)\.ics$/;
const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** Bounds a feed's size; a forum edition has far fewer sessions. */
const MAX_FEED_EVENTS = 2000;
/** How far back a city feed reaches: calendar apps only need recent and upcoming events. */
const CITY_FEED_HISTORY_DAYS = 400;

function nextDate(date: string): string {
  const next = new Date(`${date}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10);
}

function eventEntry(event: Event): CalendarEntry {
  const allDayStart = localDate(event.timeZone, event.startsAt);
  // endsAt is exclusive: an all-day event ending at local midnight ends on that date.
  const allDayEnd = localDate(event.timeZone, new Date(event.endsAt.getTime() - 1));
  return {
    uid: `event-${event.id}@hub.whrcf`,
    sequence: event.version,
    updatedAt: event.updatedAt,
    summary: event.title,
    description: event.description,
    location: event.venue,
    startsAt: event.startsAt,
    endsAt: event.endsAt,
    timeZone: event.timeZone,
    allDay: event.allDay,
    allDayStart,
    allDayEnd: nextDate(allDayEnd),
    categories: [event.kind, event.format],
    status: 'CONFIRMED',
  };
}

function editionEntry(edition: ForumEdition): CalendarEntry | null {
  if (!edition.startsOn || !edition.endsOn) return null;
  const summary = `World Human Rights Cities Forum ${edition.year}${edition.theme ? `: ${edition.theme}` : ''}`;
  return {
    uid: `forum-edition-${edition.year}@hub.whrcf`,
    sequence: edition.version,
    updatedAt: edition.updatedAt,
    summary,
    description: edition.note,
    location: null,
    startsAt: new Date(`${edition.startsOn}T00:00:00Z`),
    endsAt: new Date(`${nextDate(edition.endsOn)}T00:00:00Z`),
    timeZone: edition.timeZone,
    allDay: true,
    allDayStart: edition.startsOn,
    allDayEnd: nextDate(edition.endsOn),
    categories: ['FORUM_EDITION', edition.format],
    status: 'CONFIRMED',
  };
}

function send(
  request: http.IncomingMessage,
  response: http.ServerResponse,
  status: number,
  body: string,
  contentType: string,
) {
  response.writeHead(status, {
    'content-type': contentType,
    'content-length': Buffer.byteLength(body),
    'cache-control': status === 200 ? 'public, max-age=300' : 'no-store',
  });
  // Calendar apps probe subscriptions with HEAD.
  response.end(request.method === 'HEAD' ? undefined : body);
}

/** GET (or HEAD) /calendar/editions/<year>.ics and /calendar/cities/<city id or slug>.ics. */
export function calendarRoutes(orm: MikroORM) {
  return [
    async (request: http.IncomingMessage, response: http.ServerResponse): Promise<boolean> => {
      if (request.method !== 'GET' && request.method !== 'HEAD') return false;
      const path = new URL(request.url ?? '/', 'http://localhost').pathname;
      const editionMatch = EDITION_FEED_PATH.exec(path);
      const cityMatch = CITY_FEED_PATH.exec(path);
      if (!editionMatch && !cityMatch) return false;
      const em = orm.em.fork();
      if (editionMatch) {
        const edition = await em.getRepository(ForumEdition).findOne({ year: Number(editionMatch[1]) });
        if (!edition) {
          send(request, response, 404, 'No forum edition was held in this year\n', 'text/plain; charset=utf-8');
          return true;
        }
        const events = await em.getRepository(Event).listAll(ANONYMOUS, { editionYear: edition.year }, MAX_FEED_EVENTS);
        const entries = [editionEntry(edition), ...events.map(eventEntry)].filter(
          (entry): entry is CalendarEntry => entry !== null,
        );
        send(
          request,
          response,
          200,
          renderCalendar(`World Human Rights Cities Forum ${edition.year}`, entries),
          'text/calendar; charset=utf-8',
        );
        return true;
      }
      const key = cityMatch![1]!;
      const cityId = isUuid(key.toLowerCase()) ? key.toLowerCase() : SLUG.test(key) ? cityIdFromSlug(key) : null;
      if (!cityId) return false;
      const since = new Date(Date.now() - CITY_FEED_HISTORY_DAYS * 86_400_000);
      const [editions, events] = await Promise.all([
        em.fork().getRepository(ForumEdition).findHostedBy([cityId]),
        em.fork().getRepository(Event).listAll(ANONYMOUS, { cityId, from: since }, MAX_FEED_EVENTS),
      ]);
      const entries = [...editions.map(editionEntry), ...events.map(eventEntry)].filter(
        (entry): entry is CalendarEntry => entry !== null,
      );
      send(request, response, 200, renderCalendar('Human rights city events', entries), 'text/calendar; charset=utf-8');
      return true;
    },
  ];
}
