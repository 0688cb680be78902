/**
 * RFC 5545 feeds, written by ical-generator. Timed entries carry their venue's IANA zone (`DTSTART;TZID=…`) and the
 * feed carries a VTIMEZONE for each zone, derived from the platform's time zone database around each entry's own
 * start and end, so its cost grows with the number of entries, never with the time they span.
 */

import ical, { ICalCalendarMethod, ICalEventStatus, ICalEventTransparency } from 'ical-generator';
import { DateTime } from 'luxon';

import { offsetMinutes, pad } from '../time-zone';

export interface CalendarEntry {
  uid: string;
  sequence: number;
  updatedAt: Date;
  summary: string;
  description: string | null;
  location: string | null;
  startsAt: Date;
  endsAt: Date;
  timeZone: string;
  allDay: boolean;
  /** For whole days: local dates, end exclusive. */
  allDayStart?: string;
  allDayEnd?: string;
  categories: string[];
  status: 'CONFIRMED' | 'TENTATIVE' | 'CANCELLED';
}

const PRODUCT = '//World Human Rights Cities Forum//Network Hub events//EN';
const DAY = 86_400_000;
/** Around each instant an entry uses, the span whose offset changes the VTIMEZONE describes. */
const BEFORE = 2 * DAY;
const AFTER = DAY;

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const absolute = Math.abs(minutes);
  return `${sign}${pad(Math.floor(absolute / 60))}${pad(absolute % 60)}`;
}

function localStampAtOffset(instant: Date, offset: number): string {
  const local = new Date(instant.getTime() + offset * 60_000);
  return (
    `${String(local.getUTCFullYear()).padStart(4, '0')}${pad(local.getUTCMonth() + 1)}${pad(local.getUTCDate())}` +
    `T${pad(local.getUTCHours())}${pad(local.getUTCMinutes())}${pad(local.getUTCSeconds())}`
  );
}

/** The instant the zone's offset changes within (low, high], to the minute; the caller knows it changes there. */
function transitionWithin(timeZone: string, low: number, high: number, before: number): number {
  while (high - low > 60_000) {
    const middle = Math.floor((low + high) / 2 / 60_000) * 60_000;
    if (offsetMinutes(timeZone, new Date(middle)) === before) low = middle;
    else high = middle;
  }
  return high;
}

/** Merges the windows around the instants entries use, so overlapping entries are described once. */
function windowsAround(instants: Date[]): Array<[number, number]> {
  const windows = instants
    .map((instant): [number, number] => [instant.getTime() - BEFORE, instant.getTime() + AFTER])
    .sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const window of windows) {
    const last = merged[merged.length - 1];
    if (last && window[0] <= last[1]) last[1] = Math.max(last[1], window[1]);
    else merged.push([...window]);
  }
  return merged;
}

/**
 * A VTIMEZONE describing the zone at the given instants: for each window around them, the offset in force when it
 * opens and every change inside it (found day by day, then narrowed to the minute). Outside the windows it says
 * nothing reliable, and no entry of the feed needs it to.
 */
export function vtimezone(timeZone: string, instants: Date[]): string {
  const observances: Array<{ at: number; from: number; to: number }> = [];
  for (const [start, end] of windowsAround(instants)) {
    let previous = offsetMinutes(timeZone, new Date(start));
    observances.push({ at: start, from: previous, to: previous });
    for (let low = start; low < end; low += DAY) {
      const high = Math.min(low + DAY, end);
      const current = offsetMinutes(timeZone, new Date(high));
      if (current === previous) continue;
      observances.push({ at: transitionWithin(timeZone, low, high, previous), from: previous, to: current });
      previous = current;
    }
  }
  const standardOffset = Math.min(...observances.map((observance) => observance.to));
  const lines = ['BEGIN:VTIMEZONE', `TZID:${timeZone}`];
  for (const { at, from, to } of observances) {
    const kind = to === standardOffset ? 'STANDARD' : 'DAYLIGHT';
    lines.push(
      `BEGIN:${kind}`,
      `DTSTART:${localStampAtOffset(new Date(at), from)}`,
      `TZOFFSETFROM:${formatOffset(from)}`,
      `TZOFFSETTO:${formatOffset(to)}`,
      `END:${kind}`,
    );
  }
  lines.push('END:VTIMEZONE');
  return lines.join('\r\n');
}

/** A local date (YYYY-MM-DD) as the UTC midnight ical-generator prints as that date. */
function dateOnly(date: string): Date {
  return new Date(`${date}T00:00:00Z`);
}

/** A whole calendar, with one VTIMEZONE for each zone a timed entry uses. */
export function renderCalendar(name: string, entries: CalendarEntry[]): string {
  const instantsByZone = new Map<string, Date[]>();
  for (const entry of entries) {
    if (entry.allDay) continue;
    const instants = instantsByZone.get(entry.timeZone) ?? [];
    instants.push(entry.startsAt, entry.endsAt);
    instantsByZone.set(entry.timeZone, instants);
  }
  const calendar = ical({
    prodId: PRODUCT,
    method: ICalCalendarMethod.PUBLISH,
    scale: 'GREGORIAN',
    name,
    // No calendar-wide zone: each timed entry names its own, and all-day entries stay floating dates.
    timezone: {
      name: '',
      generator: (timeZone) => {
        const instants = instantsByZone.get(timeZone);
        return instants ? vtimezone(timeZone, instants) : null;
      },
    },
  });
  for (const entry of entries) {
    const event = calendar.createEvent({
      id: entry.uid,
      sequence: entry.sequence,
      stamp: entry.updatedAt,
      lastModified: entry.updatedAt,
      summary: entry.summary,
      description: entry.description,
      location: entry.location,
      categories: entry.categories.map((category) => ({ name: category })),
      status: ICalEventStatus[entry.status],
      transparency: ICalEventTransparency.OPAQUE,
      ...(entry.allDay
        ? { allDay: true, start: dateOnly(entry.allDayStart!), end: dateOnly(entry.allDayEnd!) }
        : {
            start: DateTime.fromJSDate(entry.startsAt, { zone: entry.timeZone }),
            end: DateTime.fromJSDate(entry.endsAt, { zone: entry.timeZone }),
          }),
    });
    if (!entry.allDay) event.timezone(entry.timeZone);
  }
  return calendar.toString().replace(/\r\n$/, '') + '\r\n';
}
