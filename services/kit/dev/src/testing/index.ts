export { testServerUrl } from './config';
export { countStatements, createTestDatabase, type TestDatabase } from './database';
export {
  captureStatements,
  indexesRead,
  nestedListWholeTableWork,
  wholeTableWork,
  wholeTableWorkOf,
  type CapturedStatement,
  type NestedListRepository,
  type PlanLimits,
} from './plans';
export { promisesCreatedBy } from './promises';
export {
  TEST_SIGNING_SECRET,
  getSigned,
  postSigned,
  startTestSubgraph,
  testSubgraphConfig,
  type GraphQLResult,
  type TestSubgraph,
} from './subgraph';
