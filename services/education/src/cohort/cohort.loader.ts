import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';

import { type Identity } from '@hrc/service-kit';

import { NestedListLoaders } from '../shared/graph';
import { Cohort } from './cohort.entity';
import type { CohortFilter } from './cohort.inputs';
import type { CohortSeats } from './cohort.repository';

/** Cohorts by id (under their programme's visibility), pages per programme, seat counts and providers. */
export class CohortLoaders extends NestedListLoaders<Cohort, CohortFilter, never, 'program'> {
  readonly byId: DataLoader<string, Cohort | null>;
  readonly seats: DataLoader<string, CohortSeats>;
  /** The provider organisation of a cohort's programme, whatever its visibility: used for privacy checks only. */
  readonly providerOf: DataLoader<string, string | null>;

  constructor(em: EntityManager, identity: Identity) {
    const repository = () => em.getRepository(Cohort);
    super('cohorts', repository, identity);
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
}
