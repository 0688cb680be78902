import { parseSubgraphEnvironment, type EnvironmentSource, type SubgraphConfig } from '@hrc/common';

export const EVENTS_DEFAULT_PORT = 4002;

/** The only reader of the environment for the events subgraph. */
export function loadEventsConfig(environment: EnvironmentSource = process.env): SubgraphConfig {
  return parseSubgraphEnvironment(EVENTS_DEFAULT_PORT, environment);
}
