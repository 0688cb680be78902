import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';

import { type FetchedPage } from '@hrc/service-kit';
import { LoaderRegistry } from '@hrc/graph-kit';

import { Feedback } from './feedback.entity';
import type { FeedbackQuery } from './feedback.repository';
import type { FeedbackSummary } from './feedback.type';

/** Rating summaries, and pages of evaluations (the resolver checks who may read them), batched across events. */
export class FeedbackLoaders {
  readonly summaryOf: DataLoader<string, FeedbackSummary>;
  readonly countOf: DataLoader<string, number>;
  private readonly registry = new LoaderRegistry();

  constructor(private readonly em: EntityManager) {
    this.summaryOf = new DataLoader(async (eventIds) => {
      const summaries = await em.getRepository(Feedback).summaries(eventIds);
      return eventIds.map((id) => summaries.get(id)!);
    });
    this.countOf = new DataLoader(async (eventIds) => {
      const counts = await em.getRepository(Feedback).countsByEvent(eventIds);
      return eventIds.map((id) => counts.get(id) ?? 0);
    });
  }

  pageOf(query: FeedbackQuery): DataLoader<string, FetchedPage<Feedback>> {
    return this.registry.get('feedback-of-event', query, (eventIds) => this.em.getRepository(Feedback).pagesByEvent(query, eventIds));
  }
}
