import type { EntityManager } from '@mikro-orm/postgresql';
import type DataLoader from 'dataloader';

import { canRead } from '@hrc/domain-kit';
import { entityLoader, NestedListLoaders } from '@hrc/graph-kit';
import { type Identity, isUuid } from '@hrc/service-kit';

import { Policy } from './policy.entity';
import type { PolicyOrderField } from './policy.enums';
import type { PolicyFilter } from './policy.inputs';
import type { PolicyParent } from './policy.repository';

/** Policies by id (readable ones only), and nested pages and totals batched across parents. */
export class PolicyLoaders extends NestedListLoaders<Policy, PolicyFilter, PolicyOrderField, PolicyParent> {
  readonly byId: DataLoader<string, Policy | null>;

  constructor(em: EntityManager, identity: Identity) {
    super('policies', em.getRepository(Policy), identity);
    this.byId = entityLoader(em, Policy, 'id', { validKey: isUuid, readable: (policy) => canRead(identity, policy) });
  }
}
