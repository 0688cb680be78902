export { testServerUrl } from './config';
export { countStatements, createTestDatabase, type TestDatabase } from './database';
export {
  TEST_SIGNING_SECRET,
  getSigned,
  postSigned,
  startTestSubgraph,
  testSubgraphConfig,
  type GraphQLResult,
  type TestSubgraph,
} from './subgraph';
