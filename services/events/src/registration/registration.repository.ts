import { allowsSql, Rule } from '@hrc/domain-kit';
import {
  ConflictError,
  type Identity,
  isUuid,
  keysetOrder,
  ListingRepository,
  NotFoundError,
  tableQuery,
} from '@hrc/service-kit';

import type { Registration } from './registration.entity';
import { RegistrationStatus, SEAT_HOLDING_STATUSES } from './registration.enums';

export interface SeatCounts {
  registered: number;
  waitlisted: number;
  cancelled: number;
  attended: number;
}

export interface RegistrationFilter {
  status?: RegistrationStatus;
}

/** The organisations a registration belongs to: the registering organisation and the event's organiser. */
export interface RegistrationOwners {
  eventId: string;
  registrant: string | null;
  organizer: string | null;
}

/**
 * Who may read a registration, as SQL over `registration r join event e`: the registering organisation, the event's
 * organiser and the secretariat. Everyone else, liaison staff included, gets the seat counts: reports need how many
 * took part, not who.
 */
const READERS = ['r.organization_id', 'e.contributed_by'];

export class RegistrationRepository extends ListingRepository<Registration, RegistrationFilter, never, 'event'> {
  protected readonly listName = 'registrations';
  protected readonly alias = 'r';
  protected override readonly parentColumns = { event: 'r.event_id' };
  protected override readonly sort = keysetOrder('asc', 'r.arrival', 'r.id');

  /** Whom a registration belongs to, whoever asks: for ownership checks before the seat lock; NOT_FOUND if none. */
  async ownersOf(id: string): Promise<RegistrationOwners> {
    if (!isUuid(id)) throw new NotFoundError('Registration', id);
    const row = (await this.withEvent()
      .select(
        this.em
          .getKnex()
          .raw(
            'r.event_id::text as event_id, r.organization_id::text as registrant, e.contributed_by::text as organizer',
          ),
      )
      .where('r.id', id)
      .first()) as { event_id: string; registrant: string | null; organizer: string | null } | undefined;
    if (!row) throw new NotFoundError('Registration', id);
    return { eventId: row.event_id, registrant: row.registrant, organizer: row.organizer };
  }

  /** Call with the seat lock held. */
  async nextArrival(eventId: string): Promise<number> {
    const row = (await tableQuery(this.em, this.entityName, 'r')
      .select(this.em.getKnex().raw('coalesce(max(r.arrival), 0) + 1 as next'))
      .where('r.event_id', eventId)
      .first()) as { next: number | string };
    return Number(row.next);
  }

  /** Call with the seat lock held. */
  seatsTaken(eventId: string): Promise<number> {
    return this.count({ eventId, status: { $in: [...SEAT_HOLDING_STATUSES] } });
  }

  /**
   * Call with the seat lock held: one participant holds at most one live registration per event among the
   * registrations the caller may read. Checking the others too would make the answer an oracle: a partner could learn
   * whether any address is registered for any event by trying it.
   */
  async assertNotRegistered(identity: Identity, eventId: string, email: string): Promise<void> {
    const readers = allowsSql(Rule.OWNER, identity, READERS);
    const live = await this.withEvent()
      .select(this.em.getKnex().raw('1'))
      .where('r.event_id', eventId)
      .whereRaw('lower(r.email) = lower(?)', [email])
      .whereNot('r.status', RegistrationStatus.CANCELLED)
      .whereRaw(readers.sql, readers.bindings)
      .first();
    if (live)
      throw new ConflictError('This participant is already registered or waitlisted for the event', { field: 'email' });
  }

  /** Call with the seat lock held and pending changes flushed: fills free seats from the waitlist, first come first served. */
  async promoteWaitlisted(event: { id: string; capacity: number | null }): Promise<Registration[]> {
    const free = event.capacity === null ? undefined : event.capacity - (await this.seatsTaken(event.id));
    if (free !== undefined && free <= 0) return [];
    const waiting = await this.find(
      { eventId: event.id, status: RegistrationStatus.WAITLISTED },
      { orderBy: { arrival: 'asc' }, limit: free },
    );
    for (const registration of waiting) registration.status = RegistrationStatus.REGISTERED;
    return waiting;
  }

  /** Registrations joined to their events, with none of the columns selected yet. */
  private withEvent() {
    return this.em.createQueryBuilder(this.entityName, 'r').join('r.eventId', 'e').getKnexQuery().clearSelect();
  }

  /** Every list, count and lookup by id goes through here, so nobody reads a registration they may not. */
  private readableBy(identity: Identity, status?: RegistrationStatus) {
    const query = this.withEvent();
    const readers = allowsSql(Rule.OWNER, identity, READERS);
    query.whereRaw(readers.sql, readers.bindings);
    if (status) query.where('r.status', status);
    return query;
  }

  /** The registrations among `ids` the caller may read. */
  async findReadable(identity: Identity, ids: readonly string[]): Promise<Registration[]> {
    const rows = (await this.readableBy(identity).select('r.*').whereIn('r.id', ids.filter(isUuid))) as Array<
      Record<string, unknown>
    >;
    return rows.map((row) => this.em.map(this.entityName, row));
  }

  protected filtered(identity: Identity, filter: RegistrationFilter = {}) {
    return () => this.readableBy(identity, filter.status);
  }

  /** Seat counts per event and status, in one grouped statement; counts are public, people are not. */
  async seatCounts(eventIds: readonly string[]): Promise<Map<string, SeatCounts>> {
    const rows = (await tableQuery(this.em, this.entityName, 'r')
      .select(this.em.getKnex().raw('r.event_id::text as event_id, r.status, count(*)::int as total'))
      .whereRaw('r.event_id = any(?)', [eventIds.filter(isUuid)])
      .groupBy('r.event_id', 'r.status')) as Array<{ event_id: string; status: RegistrationStatus; total: number }>;
    const counts = new Map<string, SeatCounts>(
      eventIds.map((id) => [id, { registered: 0, waitlisted: 0, cancelled: 0, attended: 0 }]),
    );
    for (const row of rows) {
      const entry = counts.get(row.event_id);
      if (entry) entry[row.status.toLowerCase() as keyof SeatCounts] = row.total;
    }
    return counts;
  }
}
