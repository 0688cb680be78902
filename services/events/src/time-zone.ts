/** Time zone arithmetic on the platform's IANA database (Intl), shared by the API and the calendar feeds. */

export function pad(value: number, length = 2): string {
  return String(value).padStart(length, '0');
}

/** Whether the platform knows an IANA time zone name such as "Asia/Seoul". */
export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}

export interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

export function localParts(timeZone: string, instant: Date): LocalParts {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  const parts = formatter.formatToParts(instant);
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((part) => part.type === type)!.value);
  return {
    year: get('year'),
    month: get('month'),
    day: get('day'),
    hour: get('hour'),
    minute: get('minute'),
    second: get('second'),
  };
}

/** The zone's UTC offset in minutes at an instant. */
export function offsetMinutes(timeZone: string, instant: Date): number {
  const whole = new Date(Math.floor(instant.getTime() / 1000) * 1000);
  const local = localParts(timeZone, whole);
  const asUtc = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second);
  return Math.round((asUtc - whole.getTime()) / 60_000);
}

/** The local date of an instant in a zone, as YYYY-MM-DD. */
export function localDate(timeZone: string, instant: Date): string {
  const local = localParts(timeZone, instant);
  return `${local.year}-${pad(local.month)}-${pad(local.day)}`;
}

/** ISO 8601 in the zone's local time with its offset, for example 2024-10-10T10:00:00+09:00. */
export function localIsoString(timeZone: string, instant: Date): string {
  const local = localParts(timeZone, instant);
  const offset = offsetMinutes(timeZone, instant);
  const sign = offset < 0 ? '-' : '+';
  const absolute = Math.abs(offset);
  return (
    `${local.year}-${pad(local.month)}-${pad(local.day)}T${pad(local.hour)}:${pad(local.minute)}:${pad(local.second)}` +
    `${sign}${pad(Math.floor(absolute / 60))}:${pad(absolute % 60)}`
  );
}
