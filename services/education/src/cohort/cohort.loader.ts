import type { EntityManager } from '@mikro-orm/postgresql';
import type DataLoader from 'dataloader';

import { mapLoader, NestedListLoaders, recordLoader } from '@hrc/graph-kit';
import { type Identity } from '@hrc/service-kit';

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
    const cohorts = em.getRepository(Cohort);
    super('cohorts', cohorts, identity);
    this.byId = recordLoader(
      (ids) => cohorts.visibleByIds(identity, ids),
      (cohort) => cohort.id,
    );
    this.seats = mapLoader((ids) => cohorts.seatsByCohort(ids), { enrolled: 0, completed: 0, dropped: 0 });
    this.providerOf = mapLoader((ids) => cohorts.providerByCohort(ids), null);
  }
}
