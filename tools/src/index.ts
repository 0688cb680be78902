/*
 * `@hrc/tools`: what tests and scripts share with the developer commands. Tests import this package, never
 * tools/src by relative path.
 */
export { REPOSITORY_ROOT, SCHEMA_DIR, SUPERGRAPH_PATH } from './paths';
export { registeredSubgraph, subgraphPackage, subgraphUrl, SUBGRAPHS, type RegisteredSubgraph } from './subgraphs';
export { composeSupergraph, printSubgraphs, type SubgraphSdl } from './supergraph';
