import { allowsSql, Rule } from '@hrc/domain-kit';
import { type Identity, isUuid, keysetOrder, ListingRepository, tableQuery } from '@hrc/service-kit';

import type { Feedback } from './feedback.entity';
import type { FeedbackSummary } from './feedback.type';

/** Evaluations are listed whole: there is nothing to filter them by. */
export type FeedbackFilter = Record<string, never>;

const RATINGS = [1, 2, 3, 4, 5];

export class FeedbackRepository extends ListingRepository<Feedback, FeedbackFilter, never, 'event'> {
  protected readonly listName = 'feedback';
  protected readonly alias = 'f';
  protected override readonly parentColumns = { event: 'f.event_id' };
  protected override readonly sort = keysetOrder('desc', 'f.created_at', 'f.id');

  /**
   * Individual evaluations, as SQL over `feedback f join event e`: the event's organiser and the secretariat, who run
   * the forum's evaluation, read them; nobody else reads any.
   */
  protected filtered(identity: Identity) {
    return () => {
      const query = this.em
        .createQueryBuilder(this.entityName, 'f')
        .join('f.eventId', 'e')
        .getKnexQuery()
        .clearSelect();
      const readers = allowsSql(Rule.OWNER, identity, ['e.contributed_by']);
      return query.whereRaw(readers.sql, readers.bindings);
    };
  }

  /** Rating distributions for many events in one grouped statement; they name no one, so they are public. */
  async summaries(eventIds: readonly string[]): Promise<Map<string, FeedbackSummary>> {
    const rows = (await tableQuery(this.em, this.entityName, 'f')
      .select(this.em.getKnex().raw('f.event_id::text as event_id, f.rating, count(*)::int as total'))
      .whereRaw('f.event_id = any(?)', [eventIds.filter(isUuid)])
      .groupBy('f.event_id', 'f.rating')) as Array<{ event_id: string; rating: number; total: number }>;
    const summaries = new Map<string, FeedbackSummary>();
    for (const eventId of eventIds) {
      const counts = RATINGS.map((rating) => ({
        rating,
        count: rows.find((row) => row.event_id === eventId && row.rating === rating)?.total ?? 0,
      }));
      const count = counts.reduce((sum, entry) => sum + entry.count, 0);
      const total = counts.reduce((sum, entry) => sum + entry.rating * entry.count, 0);
      summaries.set(eventId, {
        count,
        average: count === 0 ? null : Math.round((total / count) * 100) / 100,
        distribution: counts,
      });
    }
    return summaries;
  }
}
