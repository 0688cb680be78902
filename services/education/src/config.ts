import { subgraphNamed } from '@hrc/registry';
import { parseSubgraphEnvironment, type EnvironmentSource, type SubgraphConfig } from '@hrc/service-kit';

/** The only reader of the environment for the education subgraph; its default port comes from the registry. */
export function loadEducationConfig(environment: EnvironmentSource = process.env): SubgraphConfig {
  return parseSubgraphEnvironment(subgraphNamed('education').port, environment);
}
