import type { EntityManager } from '@mikro-orm/postgresql';
import type DataLoader from 'dataloader';

import { type FetchedPage, type Identity } from '@hrc/service-kit';
import { LoaderRegistry } from '@hrc/graph-kit';

import { mapLoader } from '../support/loaders';
import { Feedback } from './feedback.entity';
import type { FeedbackQuery } from './feedback.repository';
import type { FeedbackSummary } from './feedback.type';

/** Public rating summaries, and the evaluations the caller may read with their totals, batched across events. */
export class FeedbackLoaders {
  readonly summaryOf: DataLoader<string, FeedbackSummary>;
  readonly countOf: DataLoader<string, number>;
  private readonly registry = new LoaderRegistry();

  constructor(
    private readonly em: EntityManager,
    private readonly identity: Identity,
  ) {
    const feedback = em.getRepository(Feedback);
    this.summaryOf = mapLoader((eventIds) => feedback.summaries(eventIds), { count: 0, average: null, distribution: [] });
    this.countOf = mapLoader((eventIds) => feedback.countsByEvent(identity, eventIds), 0);
  }

  pageOf(query: FeedbackQuery): DataLoader<string, FetchedPage<Feedback>> {
    return this.registry.get('feedback-of-event', query, (eventIds) =>
      this.em.getRepository(Feedback).pagesByEvent(this.identity, query, eventIds),
    );
  }
}
