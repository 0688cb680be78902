import { subgraphNamed } from '@hrc/registry';
import { parseSubgraphEnvironment, type EnvironmentSource, type SubgraphConfig } from '@hrc/service-kit';

/** The only reader of the environment for the events subgraph; its default port comes from the registry. */
export function loadEventsConfig(environment: EnvironmentSource = process.env): SubgraphConfig {
  return parseSubgraphEnvironment(subgraphNamed('events').port, environment);
}
