import type { EntityManager } from '@mikro-orm/postgresql';
import type DataLoader from 'dataloader';

import { LoaderRegistry } from '@hrc/graph-kit';
import { type Identity, isUuid } from '@hrc/service-kit';

import type { Region } from '../city/city.enums';
import type { CitiesContext } from '../context';
import { type PolicyStatistics, toPolicyStatistics } from './policy-statistics.type';
import { Policy } from './policy.entity';
import type { PolicyFilter } from './policy.inputs';

const NETWORK = 'network';

/** `City.policyStatistics` for every city of a request with the same filter: one statement per batch. */
export class PolicyStatisticsLoaders {
  private readonly registry = new LoaderRegistry();

  constructor(
    private readonly em: EntityManager,
    private readonly identity: Identity,
  ) {}

  ofCity(filter: PolicyFilter | undefined): DataLoader<string, PolicyStatistics> {
    return this.registry.get('policy-statistics-of-city', filter ?? null, async (cityIds) => {
      const ids = cityIds.filter(isUuid);
      const rows =
        ids.length === 0
          ? []
          : await this.em.getRepository(Policy).statisticsBy(this.identity, filter, {
              keySql: 'p.city_id::text',
              where: { sql: 'p.city_id = any(?)', bindings: [ids as string[]] },
            });
      return toPolicyStatistics(rows, cityIds);
    });
  }
}

/** The network's policy statistics, or one region's, under the same filter as `policies`. */
export async function networkPolicyStatistics(
  ctx: CitiesContext,
  filter: PolicyFilter | undefined,
  region: Region | undefined,
): Promise<PolicyStatistics> {
  const rows = await ctx.em.getRepository(Policy).statisticsBy(ctx.identity, filter, {
    keySql: `'${NETWORK}'`,
    where: region ? { sql: 'c.region = ?', bindings: [region] } : undefined,
  });
  return toPolicyStatistics(rows, [NETWORK]).get(NETWORK)!;
}
