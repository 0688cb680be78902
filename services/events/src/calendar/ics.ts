/** RFC 5545 text: iCalendar feeds with explicit VTIMEZONE definitions derived from the platform's IANA database. */

import { localParts, offsetMinutes, pad } from '../time-zone';

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

const CRLF = '\r\n';

/** Escapes TEXT values (RFC 5545 §3.3.11). */
function escapeText(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** Folds content lines longer than 75 octets, never splitting a UTF-8 character (§3.1). */
function fold(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const character of line) {
    const size = Buffer.byteLength(character);
    const limit = parts.length === 0 ? 75 : 74;
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += character;
    octets += size;
  }
  parts.push(current);
  return parts.join(`${CRLF} `);
}

function utcStamp(instant: Date): string {
  return `${instant.getUTCFullYear()}${pad(instant.getUTCMonth() + 1)}${pad(instant.getUTCDate())}T${pad(instant.getUTCHours())}${pad(
    instant.getUTCMinutes(),
  )}${pad(instant.getUTCSeconds())}Z`;
}

function localStamp(timeZone: string, instant: Date): string {
  const local = localParts(timeZone, instant);
  return `${local.year}${pad(local.month)}${pad(local.day)}T${pad(local.hour)}${pad(local.minute)}${pad(local.second)}`;
}

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const absolute = Math.abs(minutes);
  return `${sign}${pad(Math.floor(absolute / 60))}${pad(absolute % 60)}`;
}

function localStampAtOffset(instant: Date, offset: number): string {
  return utcStamp(new Date(instant.getTime() + offset * 60_000)).slice(0, -1);
}

const DAY = 86_400_000;

/**
 * A VTIMEZONE for the period the feed covers: one observance per offset change, found by scanning day by day and
 * narrowing to the minute, so any IANA zone (with or without daylight saving time) is described exactly.
 */
export function vtimezone(timeZone: string, from: Date, to: Date): string[] {
  const start = new Date(from.getTime() - 32 * DAY);
  const end = new Date(to.getTime() + 32 * DAY);
  const transitions: Array<{ at: Date; from: number; to: number }> = [];
  let previous = offsetMinutes(timeZone, start);
  for (let time = start.getTime() + DAY; time <= end.getTime() + DAY; time += DAY) {
    const current = offsetMinutes(timeZone, new Date(time));
    if (current !== previous) {
      let low = time - DAY;
      let high = time;
      while (high - low > 60_000) {
        const middle = Math.floor((low + high) / 2 / 60_000) * 60_000;
        if (offsetMinutes(timeZone, new Date(middle)) === previous) low = middle;
        else high = middle;
      }
      transitions.push({ at: new Date(high), from: previous, to: current });
      previous = current;
    }
  }
  const initial = offsetMinutes(timeZone, start);
  const standardOffset = Math.min(initial, ...transitions.map((transition) => transition.to));
  const observance = (at: Date, fromOffset: number, toOffset: number) => {
    const kind = toOffset === standardOffset ? 'STANDARD' : 'DAYLIGHT';
    return [
      `BEGIN:${kind}`,
      `DTSTART:${localStampAtOffset(at, fromOffset)}`,
      `TZOFFSETFROM:${formatOffset(fromOffset)}`,
      `TZOFFSETTO:${formatOffset(toOffset)}`,
      `END:${kind}`,
    ];
  };
  return [
    'BEGIN:VTIMEZONE',
    `TZID:${timeZone}`,
    ...observance(start, initial, initial),
    ...transitions.flatMap((transition) => observance(transition.at, transition.from, transition.to)),
    'END:VTIMEZONE',
  ];
}

function vevent(entry: CalendarEntry): string[] {
  const lines = [
    'BEGIN:VEVENT',
    `UID:${entry.uid}`,
    `DTSTAMP:${utcStamp(entry.updatedAt)}`,
    `LAST-MODIFIED:${utcStamp(entry.updatedAt)}`,
    `SEQUENCE:${entry.sequence}`,
  ];
  if (entry.allDay) {
    lines.push(
      `DTSTART;VALUE=DATE:${entry.allDayStart!.replace(/-/g, '')}`,
      `DTEND;VALUE=DATE:${entry.allDayEnd!.replace(/-/g, '')}`,
    );
  } else {
    lines.push(
      `DTSTART;TZID=${entry.timeZone}:${localStamp(entry.timeZone, entry.startsAt)}`,
      `DTEND;TZID=${entry.timeZone}:${localStamp(entry.timeZone, entry.endsAt)}`,
    );
  }
  lines.push(`SUMMARY:${escapeText(entry.summary)}`);
  if (entry.description) lines.push(`DESCRIPTION:${escapeText(entry.description)}`);
  if (entry.location) lines.push(`LOCATION:${escapeText(entry.location)}`);
  if (entry.categories.length > 0) lines.push(`CATEGORIES:${entry.categories.map(escapeText).join(',')}`);
  lines.push(`STATUS:${entry.status}`, 'TRANSP:OPAQUE', 'END:VEVENT');
  return lines;
}

/** A whole calendar, with one VTIMEZONE for each zone a timed entry uses. */
export function renderCalendar(name: string, entries: CalendarEntry[]): string {
  const timed = entries.filter((entry) => !entry.allDay);
  const zones = [...new Set(timed.map((entry) => entry.timeZone))].sort();
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//World Human Rights Cities Forum//Network Hub events//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(name)}`,
  ];
  for (const zone of zones) {
    const inZone = timed.filter((entry) => entry.timeZone === zone);
    const from = new Date(Math.min(...inZone.map((entry) => entry.startsAt.getTime())));
    const to = new Date(Math.max(...inZone.map((entry) => entry.endsAt.getTime())));
    lines.push(...vtimezone(zone, from, to));
  }
  for (const entry of entries) lines.push(...vevent(entry));
  lines.push('END:VCALENDAR');
  return lines.map(fold).join(CRLF) + CRLF;
}
