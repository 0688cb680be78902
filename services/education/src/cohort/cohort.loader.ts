import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';

import { type FetchedPage, type Identity } from '@hrc/service-kit';
import { LoaderRegistry } from '@hrc/graph-kit';

import { Cohort } from './cohort.entity';
import type { CohortFilter } from './cohort.inputs';
import type { CohortQuery, CohortSeats } from './cohort.repository';

/** Cohorts by id (under their programme's visibility), pages per programme, seat counts and providers. */
export class CohortLoaders {
  readonly byId: DataLoader<string, Cohort | null>;
  readonly seats: DataLoader<string, CohortSeats>;
  /** The provider organisation of a cohort's programme, whatever its visibility: used for privacy checks only. */
  readonly providerOf: DataLoader<string, string | null>;
  private readonly registry = new LoaderRegistry();

  constructor(
    private readonly em: EntityManager,
    private readonly identity: Identity,
  ) {
    const repository = () => em.getRepository(Cohort);
    this.byId = new DataLoader(async (ids) => {
      const byId = new Map((await repository().visibleByIds(identity, ids)).map((cohort) => [cohort.id, cohort]));
      return ids.map((id) => byId.get(id) ?? null);
    });
    this.seats = new DataLoader(async (ids) => {
      const seats = await repository().seatsByCohort(ids);
      return ids.map((id) => seats.get(id)!);
    });
    this.providerOf = new DataLoader(async (ids) => {
      const providers = await repository().providerByCohort(ids);
      return ids.map((id) => providers.get(id) ?? null);
    });
  }

  pageOfProgram(query: CohortQuery): DataLoader<string, FetchedPage<Cohort>> {
    return this.registry.get('cohorts-of-program', query, (programIds) =>
      this.em.getRepository(Cohort).pagesByProgram(this.identity, query, programIds),
    );
  }

  countOfProgram(filter: CohortFilter | undefined): DataLoader<string, number> {
    return this.registry.get('cohort-count-of-program', filter, (programIds) =>
      this.em.getRepository(Cohort).countsByProgram(this.identity, filter, programIds),
    );
  }
}
