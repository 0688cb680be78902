/*
 * `@hrc/tools`: what tests and scripts share with the developer commands. Tests import this package, never
 * tools/src by relative path.
 */
export {
  readDeclaredPolicy,
  isRule,
  type DeclaredField,
  type DeclaredOperation,
  type DeclaredPolicy,
  type RootType,
} from './declared-policy';
export { README_PATH, REPOSITORY_ROOT, SCHEMA_DIR, SUPERGRAPH_PATH } from './paths';
export {
  expectedReadme,
  POLICY_END,
  POLICY_START,
  renderPolicyDocs,
  withPolicySection,
  writePolicyDocs,
} from './policy-docs';
export { registeredSubgraph, subgraphPackage, subgraphUrl, SUBGRAPHS, type RegisteredSubgraph } from './subgraphs';
export { composeSupergraph, printSubgraphs, type SubgraphSdl } from './supergraph';
export { checkSyntheticDatabase } from './synthetic-database';
export { failedRequests, sameDataAs } from './load-answers';
export { listeningPort } from './hub-processes';
export { categoryOf, packageOf, summariseCpuProfile, type CpuProfile, type CpuProfileSummary } from './cpu-profile';
export { postgresDatabaseCpuSeconds, postgresServerCpuSeconds, postmasterOf, processCpuSeconds } from './process-cpu';
