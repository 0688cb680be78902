import { parseSubgraphEnvironment, type EnvironmentSource, type SubgraphConfig } from '@hrc/common';

export const EDUCATION_DEFAULT_PORT = 4003;

/** The only reader of the environment for the education subgraph. */
export function loadEducationConfig(environment: EnvironmentSource = process.env): SubgraphConfig {
  return parseSubgraphEnvironment(EDUCATION_DEFAULT_PORT, environment);
}
