import type { EntityManager } from '@mikro-orm/postgresql';
import type DataLoader from 'dataloader';

import { canRead } from '@hrc/domain-kit';
import { entityLoader, NestedListLoaders } from '@hrc/graph-kit';
import { type Identity, isUuid } from '@hrc/service-kit';

import { Program } from './program.entity';
import type { ProgramOrderField } from './program.enums';
import type { ProgramFilter } from './program.inputs';
import type { ProgramParent, ReachFigures, ReachParent } from './program.repository';

/** Programmes by id (readable ones only), nested pages and totals, and reach, each batched across parents. */
export class ProgramLoaders extends NestedListLoaders<Program, ProgramFilter, ProgramOrderField, ProgramParent> {
  readonly byId: DataLoader<string, Program | null>;

  constructor(
    private readonly em: EntityManager,
    identity: Identity,
  ) {
    super('programs', em.getRepository(Program), identity);
    this.byId = entityLoader(em, Program, 'id', {
      validKey: isUuid,
      readable: (program) => canRead(identity, program),
    });
  }

  reachOf(parent: ReachParent, year: number | null): DataLoader<string, ReachFigures> {
    return this.registry.get(`reach-of-${parent}`, year, (parentIds) =>
      this.em.getRepository(Program).reachByParent(this.identity, parent, year, parentIds),
    );
  }
}
