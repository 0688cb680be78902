import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';

import { type FetchedPage, type Identity, isUuid } from '@hrc/service-kit';
import { canRead } from '@hrc/domain-kit';
import { LoaderRegistry } from '@hrc/graph-kit';

import { Program } from './program.entity';
import type { ProgramFilter } from './program.inputs';
import type { ProgramParent, ProgramQuery, ReachFigures, ReachParent } from './program.repository';

/** Programmes by id (readable ones only), nested pages and totals, and reach, each batched across parents. */
export class ProgramLoaders {
  readonly byId: DataLoader<string, Program | null>;
  private readonly registry = new LoaderRegistry();

  constructor(
    private readonly em: EntityManager,
    private readonly identity: Identity,
  ) {
    this.byId = new DataLoader(async (ids) => {
      const found = await em.find(Program, { id: { $in: ids.filter(isUuid) } });
      const byId = new Map(found.filter((program) => canRead(identity, program)).map((program) => [program.id, program]));
      return ids.map((id) => byId.get(id) ?? null);
    });
  }

  pageOf(parent: ProgramParent, query: ProgramQuery): DataLoader<string, FetchedPage<Program>> {
    return this.registry.get(`programs-of-${parent}`, query, (parentIds) =>
      this.em.getRepository(Program).pagesByParent(this.identity, parent, query, parentIds),
    );
  }

  countOf(parent: ProgramParent, filter: ProgramFilter | undefined): DataLoader<string, number> {
    return this.registry.get(`program-count-of-${parent}`, filter, (parentIds) =>
      this.em.getRepository(Program).countsByParent(this.identity, parent, filter, parentIds),
    );
  }

  reachOf(parent: ReachParent, year: number | null): DataLoader<string, ReachFigures> {
    return this.registry.get(`reach-of-${parent}`, year, (parentIds) =>
      this.em.getRepository(Program).reachByParent(this.identity, parent, year, parentIds),
    );
  }
}
