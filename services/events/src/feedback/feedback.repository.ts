import { EntityRepository, type Knex } from '@mikro-orm/postgresql';

import { countByParent, fetchPagesByParent, isUuid, querySignature } from '@hrc/service-kit';

import { Feedback } from './feedback.entity';
import type { FeedbackSummary } from './feedback.type';

export interface FeedbackQuery {
  first: number;
  after?: string | null;
}

const FROM = (knex: Knex) => knex.from({ f: 'events.feedback' });

export class FeedbackRepository extends EntityRepository<Feedback> {
  /** Rating distributions for many events in one grouped statement. */
  async summaries(eventIds: readonly string[]): Promise<Map<string, FeedbackSummary>> {
    const knex = this.em.getKnex();
    const rows = (await knex
      .select(knex.raw('event_id::text as event_id, rating, count(*)::int as total'))
      .from('events.feedback')
      .whereRaw('event_id = any(?)', [eventIds.filter(isUuid)])
      .groupBy('event_id', 'rating')) as Array<{ event_id: string; rating: number; total: number }>;
    const summaries = new Map<string, FeedbackSummary>();
    for (const eventId of eventIds) {
      const counts = [1, 2, 3, 4, 5].map((rating) => ({
        rating,
        count: rows.find((row) => row.event_id === eventId && row.rating === rating)?.total ?? 0,
      }));
      const count = counts.reduce((sum, entry) => sum + entry.count, 0);
      const total = counts.reduce((sum, entry) => sum + entry.rating * entry.count, 0);
      summaries.set(eventId, { count, average: count === 0 ? null : Math.round((total / count) * 100) / 100, distribution: counts });
    }
    return summaries;
  }

  pagesByEvent(query: FeedbackQuery, eventIds: readonly string[]) {
    return fetchPagesByParent(
      this.em,
      Feedback,
      {
        alias: 'f',
        from: FROM,
        sort: [
          { sql: 'f.created_at', direction: 'desc' },
          { sql: 'f.id', direction: 'desc' },
        ],
        signature: querySignature('feedback-of-event', {}),
        first: query.first,
        after: query.after,
        parentColumn: 'f.event_id',
      },
      eventIds.filter(isUuid),
    );
  }

  countsByEvent(eventIds: readonly string[]) {
    return countByParent(this.em, FROM, 'f.event_id', eventIds.filter(isUuid));
  }
}
