import type { Knex } from '@mikro-orm/postgresql';

import { visibilitySql } from '@hrc/domain-kit';
import {
  findByIdOrFail,
  type Identity,
  isUuid,
  keysetOrder,
  ListingRepository,
  NotFoundError,
  type ParentMatch,
  tableQuery,
} from '@hrc/service-kit';

import type { Event } from './event.entity';
import type { EventFilter } from './event.inputs';

/** The local calendar day of an event in its venue's time zone, which the timetable groups by. */
export const LOCAL_DAY_SQL = `((e.starts_at at time zone e.time_zone)::date)`;

/** A real calendar day written YYYY-MM-DD, so it casts to a date. */
function isCalendarDay(day: string): boolean {
  const parsed = new Date(`${day}T00:00:00Z`);
  return /^\d{4}-\d{2}-\d{2}$/.test(day) && !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(day);
}

export type EventParent = 'city' | 'organization' | 'edition' | 'editionDay';
const PARENT_COLUMN: Record<EventParent, string> = {
  city: 'e.host_city_id',
  organization: 'e.contributed_by',
  edition: 'e.edition_id',
  // "<edition id>|<local day>", so one statement pages every day of every edition on the page.
  editionDay: `(e.edition_id::text || '|' || ${LOCAL_DAY_SQL}::text)`,
};

/** Chronological, then by id so the order is total and keyset cursors are exact. */
const SORT = keysetOrder('asc', 'e.starts_at', 'e.id');

export interface EditionDayCount {
  editionId: string;
  day: string;
  total: number;
}

export class EventRepository extends ListingRepository<Event, EventFilter, never, EventParent> {
  protected readonly listName = 'events';
  protected readonly alias = 'e';
  protected override readonly parentColumns = PARENT_COLUMN;
  protected override readonly sort = SORT;

  /** Every list and count goes through here, so visibility applies to totals as well as pages. */
  protected filtered(identity: Identity, filter: EventFilter = {}) {
    return (knex: Knex) => {
      const query = tableQuery(this.em, this.entityName, 'e');
      if (filter.search) query.crossJoin(knex.raw(`websearch_to_tsquery('simple', ?) as q(query)`, [filter.search]));
      const visibility = visibilitySql(identity, 'e');
      query.whereRaw(visibility.sql, visibility.bindings);
      if (filter.search) query.whereRaw('e.search_vector @@ q.query');
      if (filter.from) query.where('e.ends_at', '>=', filter.from);
      if (filter.to) query.where('e.starts_at', '<', filter.to);
      if (filter.cityId !== undefined) {
        if (isUuid(filter.cityId)) query.where('e.host_city_id', filter.cityId);
        else query.whereRaw('false');
      }
      if (filter.organizationId !== undefined) {
        if (isUuid(filter.organizationId)) query.where('e.contributed_by', filter.organizationId);
        else query.whereRaw('false');
      }
      if (filter.kind) query.where('e.kind', filter.kind);
      if (filter.format) query.where('e.format', filter.format);
      if (filter.language) {
        query.whereRaw(
          `exists (select 1 from unnest(e.languages || e.interpretation_languages || e.sign_languages) as l(tag)
             where lower(l.tag) = lower(?) or lower(l.tag) like lower(?) || '-%')`,
          [filter.language, filter.language],
        );
      }
      if (filter.accessibility) query.whereRaw('? = any(e.accessibility)', [filter.accessibility]);
      if (filter.editionYear !== undefined && filter.editionYear !== null) {
        query.whereIn(
          'e.edition_id',
          tableQuery(this.em, 'ForumEdition', 'f').select('f.id').where('f.year', filter.editionYear),
        );
      }
      if (filter.status) query.where('e.status', filter.status);
      return query;
    };
  }

  /**
   * An edition's day matches on the edition (indexed) and then the local day, so a day's page reads the edition's
   * events in start order from the (edition, start) index instead of computing every event's day key.
   */
  protected override parentMatch(parent: EventParent): ParentMatch {
    if (parent !== 'editionDay') return super.parentMatch(parent);
    return (key) =>
      `e.edition_id = split_part(${key}, '|', 1)::uuid and ${LOCAL_DAY_SQL} = split_part(${key}, '|', 2)::date`;
  }

  /** An edition's day is keyed "<edition id>|<local day>"; every other parent by its uuid. */
  protected override isParentKey(parent: EventParent, key: string): boolean {
    if (parent !== 'editionDay') return isUuid(key);
    const [edition, day, ...rest] = key.split('|');
    return rest.length === 0 && isUuid(edition ?? '') && isCalendarDay(day ?? '');
  }

  /** Every event that matches, in start order, up to `limit`: for feeds, which are not paginated. */
  async listAll(identity: Identity, filter: EventFilter, limit: number): Promise<Event[]> {
    const rows = (await this.filtered(
      identity,
      filter,
    )(this.em.getKnex())
      .select('e.*')
      .orderByRaw(SORT.map((key) => `${key.sql} ${key.direction}`).join(', '))
      .limit(limit)) as Array<Record<string, unknown>>;
    return rows.map((row) => this.em.map(this.entityName, row));
  }

  /** The local days of each edition's sessions with how many sessions each has, in one grouped statement. */
  async daysOfEditions(identity: Identity, editionIds: readonly string[]): Promise<EditionDayCount[]> {
    const knex = this.em.getKnex();
    const rows = (await this.filtered(identity)(knex)
      .select(knex.raw(`e.edition_id::text as edition_id, ${LOCAL_DAY_SQL}::text as day, count(*)::int as total`))
      .whereRaw('e.edition_id = any(?)', [editionIds.filter(isUuid)])
      .groupByRaw(`e.edition_id, ${LOCAL_DAY_SQL}`)
      .orderByRaw(`e.edition_id, ${LOCAL_DAY_SQL}`)) as Array<{ edition_id: string; day: string; total: number }>;
    return rows.map((row) => ({ editionId: row.edition_id, day: row.day, total: row.total }));
  }

  /**
   * Who organises each event (null when none does, or the event does not exist), whatever its status: for
   * ownership checks only, never returned to a caller.
   */
  async organizersOf(eventIds: readonly string[]): Promise<Map<string, string | null>> {
    const rows = (await tableQuery(this.em, this.entityName, 'e')
      .select(this.em.getKnex().raw('e.id::text as id, e.contributed_by::text as organizer'))
      .whereRaw('e.id = any(?)', [eventIds.filter(isUuid)])) as Array<{ id: string; organizer: string | null }>;
    return new Map(rows.map((row) => [row.id, row.organizer]));
  }

  /** Who organises one event; NOT_FOUND when there is no such event. */
  async organizerOf(eventId: string): Promise<string | null> {
    const [organizer] = (await this.organizersOf([eventId])).values();
    if (organizer === undefined) throw new NotFoundError('Event', eventId);
    return organizer;
  }

  /**
   * The seat lock: loads the event locked until the transaction ends. Every seat allocation of an event (register,
   * cancel, promote, a capacity change) takes it first, so they run one at a time per event, in arrival order.
   * Check who may change the event before taking it, so nobody holds the lock of an event they may not change.
   */
  lockSeats(eventId: string): Promise<Event> {
    return findByIdOrFail(this.em, this.entityName, eventId, { lock: true });
  }
}
