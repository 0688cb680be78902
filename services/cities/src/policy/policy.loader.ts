import type { EntityManager } from '@mikro-orm/postgresql';
import type DataLoader from 'dataloader';

import { type FetchedPage, type Identity, isUuid } from '@hrc/service-kit';
import { canRead } from '@hrc/domain-kit';
import { LoaderRegistry } from '@hrc/graph-kit';

import { recordLoader } from '../shared/graph';
import { Policy } from './policy.entity';
import type { PolicyFilter } from './policy.inputs';
import type { PolicyParent, PolicyQuery } from './policy.repository';

/** Policies by id (readable ones only), and nested pages and totals batched across parents. */
export class PolicyLoaders {
  readonly byId: DataLoader<string, Policy | null>;
  private readonly registry = new LoaderRegistry();

  constructor(
    private readonly em: EntityManager,
    private readonly identity: Identity,
  ) {
    this.byId = recordLoader(em, Policy, 'id', { validKey: isUuid, readable: (policy) => canRead(identity, policy) });
  }

  pageOf(parent: PolicyParent, query: PolicyQuery): DataLoader<string, FetchedPage<Policy>> {
    return this.registry.get(`policies-of-${parent}`, query, (parentIds) =>
      this.em.getRepository(Policy).pagesByParent(this.identity, parent, query, parentIds),
    );
  }

  countOf(parent: PolicyParent, filter: PolicyFilter | undefined): DataLoader<string, number> {
    return this.registry.get(`policy-count-of-${parent}`, filter, (parentIds) =>
      this.em.getRepository(Policy).countsByParent(this.identity, parent, filter, parentIds),
    );
  }
}
