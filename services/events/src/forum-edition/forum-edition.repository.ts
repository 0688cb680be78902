import { EntityRepository } from '@mikro-orm/postgresql';

import { isUuid, NotFoundError } from '@hrc/service-kit';

import type { ForumEdition } from './forum-edition.entity';

/** Forum editions are public and few (one a year), so every read here is a plain lookup. */
export class ForumEditionRepository extends EntityRepository<ForumEdition> {
  /** Editions between two years (either may be absent), oldest first. */
  listByYears(fromYear?: number | null, toYear?: number | null): Promise<ForumEdition[]> {
    const year = { ...(fromYear != null ? { $gte: fromYear } : {}), ...(toYear != null ? { $lte: toYear } : {}) };
    return this.find(Object.keys(year).length ? { year } : {}, { orderBy: { year: 'asc' }, limit: 200 });
  }

  findByIds(ids: readonly string[]): Promise<ForumEdition[]> {
    return this.find({ id: { $in: ids.filter(isUuid) } });
  }

  findByYears(years: readonly number[]): Promise<ForumEdition[]> {
    return this.find({ year: { $in: years.filter(Number.isInteger) } });
  }

  async findByYearOrFail(year: number): Promise<ForumEdition> {
    const edition = await this.findOne({ year });
    if (!edition) throw new NotFoundError('ForumEdition', String(year));
    return edition;
  }

  /** The editions each city hosted, oldest first. */
  findHostedBy(cityIds: readonly string[]): Promise<ForumEdition[]> {
    return this.find({ hostCityId: { $in: cityIds.filter(isUuid) } }, { orderBy: { year: 'asc' } });
  }
}
