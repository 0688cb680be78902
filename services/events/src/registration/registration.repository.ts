import { EntityRepository, type Knex } from '@mikro-orm/postgresql';

import { ConflictError, countByParent, fetchPagesByParent, type Identity, isUuid, NotFoundError, querySignature } from '@hrc/service-kit';

import { registrationVisibilitySql } from './registration.access';
import { Registration } from './registration.entity';
import { RegistrationStatus } from './registration.enums';

export interface LockedEvent {
  id: string;
  capacity: number | null;
  status: string;
  contributedBy: string | null;
  endsAt: Date;
}

export interface SeatCounts {
  registered: number;
  waitlisted: number;
  cancelled: number;
  attended: number;
}

export interface RegistrationQuery {
  status?: RegistrationStatus;
  first: number;
  after?: string | null;
}

export class RegistrationRepository extends EntityRepository<Registration> {
  /**
   * Locks the event row until the transaction ends. Every seat allocation for an event (register, cancel, promote)
   * takes this lock first, so they run one at a time per event and in the order they arrived at the lock.
   */
  async lockEvent(eventId: string): Promise<LockedEvent> {
    if (!isUuid(eventId)) throw new NotFoundError('Event', eventId);
    const rows = (await this.em.execute(
      'select id, capacity, status, contributed_by, ends_at from events.event where id = ? for update',
      [eventId],
    )) as Array<{ id: string; capacity: number | null; status: string; contributed_by: string | null; ends_at: Date }>;
    const row = rows[0];
    if (!row) throw new NotFoundError('Event', eventId);
    return { id: row.id, capacity: row.capacity, status: row.status, contributedBy: row.contributed_by, endsAt: new Date(row.ends_at) };
  }

  /** Call with the event locked. */
  async nextArrival(eventId: string): Promise<number> {
    const [row] = (await this.em.execute('select coalesce(max(arrival), 0) + 1 as next from events.registration where event_id = ?', [
      eventId,
    ])) as Array<{ next: number | string }>;
    return Number(row!.next);
  }

  /** Call with the event locked. */
  async seatsTaken(eventId: string): Promise<number> {
    return this.count({ eventId, status: { $in: [RegistrationStatus.REGISTERED, RegistrationStatus.ATTENDED] } });
  }

  /** Call with the event locked: one participant holds at most one live registration per event. */
  async assertNotRegistered(eventId: string, email: string): Promise<void> {
    const rows = (await this.em.execute(
      `select 1 from events.registration where event_id = ? and lower(email) = lower(?) and status <> 'CANCELLED' limit 1`,
      [eventId, email],
    )) as unknown[];
    if (rows.length > 0) throw new ConflictError('This participant is already registered or waitlisted for the event', { field: 'email' });
  }

  /** Call with the event locked and pending changes flushed: fills free seats from the waitlist, first come first served. */
  async promoteWaitlisted(event: LockedEvent): Promise<Registration[]> {
    const free = event.capacity === null ? undefined : event.capacity - (await this.seatsTaken(event.id));
    if (free !== undefined && free <= 0) return [];
    const waiting = await this.find(
      { eventId: event.id, status: RegistrationStatus.WAITLISTED },
      { orderBy: { arrival: 'asc' }, limit: free },
    );
    for (const registration of waiting) registration.status = RegistrationStatus.REGISTERED;
    return waiting;
  }

  private filtered(identity: Identity, status: RegistrationStatus | undefined) {
    return (knex: Knex) => {
      const query = knex.from({ r: 'events.registration' }).join({ e: 'events.event' }, 'e.id', 'r.event_id');
      const visibility = registrationVisibilitySql(identity);
      query.whereRaw(visibility.sql, visibility.bindings);
      if (status) query.where('r.status', status);
      return query;
    };
  }

  pagesByEvent(identity: Identity, query: RegistrationQuery, eventIds: readonly string[]) {
    return fetchPagesByParent(
      this.em,
      Registration,
      {
        alias: 'r',
        from: this.filtered(identity, query.status),
        sort: [
          { sql: 'r.arrival', direction: 'asc' },
          { sql: 'r.id', direction: 'asc' },
        ],
        signature: querySignature('registrations-of-event', { status: query.status ?? null }),
        first: query.first,
        after: query.after,
        parentColumn: 'r.event_id',
      },
      eventIds.filter(isUuid),
    );
  }

  countsByEvent(identity: Identity, status: RegistrationStatus | undefined, eventIds: readonly string[]) {
    return countByParent(this.em, this.filtered(identity, status), 'r.event_id', eventIds.filter(isUuid));
  }

  /** Seat counts per event and status, in one grouped statement; counts are public, people are not. */
  async seatCounts(eventIds: readonly string[]): Promise<Map<string, SeatCounts>> {
    const rows = (await this.em
      .getKnex()
      .select(this.em.getKnex().raw('event_id::text as event_id, status, count(*)::int as total'))
      .from('events.registration')
      .whereRaw('event_id = any(?)', [eventIds.filter(isUuid)])
      .groupBy('event_id', 'status')) as Array<{ event_id: string; status: RegistrationStatus; total: number }>;
    const counts = new Map<string, SeatCounts>(
      eventIds.map((id) => [id, { registered: 0, waitlisted: 0, cancelled: 0, attended: 0 }]),
    );
    for (const row of rows) {
      const entry = counts.get(row.event_id);
      if (!entry) continue;
      if (row.status === RegistrationStatus.REGISTERED) entry.registered = row.total;
      if (row.status === RegistrationStatus.WAITLISTED) entry.waitlisted = row.total;
      if (row.status === RegistrationStatus.CANCELLED) entry.cancelled = row.total;
      if (row.status === RegistrationStatus.ATTENDED) entry.attended = row.total;
    }
    return counts;
  }
}
