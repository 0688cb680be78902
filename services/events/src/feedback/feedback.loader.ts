import type { EntityManager } from '@mikro-orm/postgresql';
import type DataLoader from 'dataloader';

import { mapLoader, NestedListLoaders } from '@hrc/graph-kit';
import { type Identity } from '@hrc/service-kit';

import { Feedback } from './feedback.entity';
import type { FeedbackFilter } from './feedback.repository';
import type { FeedbackSummary } from './feedback.type';

/** Public rating summaries, and the evaluations the caller may read with their totals, batched across events. */
export class FeedbackLoaders extends NestedListLoaders<Feedback, FeedbackFilter, never, 'event'> {
  readonly summaryOf: DataLoader<string, FeedbackSummary>;

  constructor(em: EntityManager, identity: Identity) {
    const feedback = em.getRepository(Feedback);
    super('feedback', feedback, identity);
    this.summaryOf = mapLoader((eventIds) => feedback.summaries(eventIds), {
      count: 0,
      average: null,
      distribution: [],
    });
  }
}
