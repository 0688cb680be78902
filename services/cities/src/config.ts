import { parseSubgraphEnvironment, type EnvironmentSource, type SubgraphConfig } from '@hrc/common';

export const CITIES_DEFAULT_PORT = 4001;

/** The only reader of the environment for the cities subgraph. */
export function loadCitiesConfig(environment: EnvironmentSource = process.env): SubgraphConfig {
  return parseSubgraphEnvironment(CITIES_DEFAULT_PORT, environment);
}
