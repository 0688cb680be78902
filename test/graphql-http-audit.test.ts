import { auditServer } from 'graphql-http';

import { startHub, type RunningHub } from './support/hub';

/*
 * The GraphQL-over-HTTP conformance audit (graphql-http's auditServer) against the real gateway: every MUST and SHOULD
 * of the specification that the audit checks. Warnings (MAY) are reported by the audit and not failures.
 */
let hub: RunningHub;

beforeAll(async () => {
  hub = await startHub({ only: ['cities', 'events'] });
});

afterAll(async () => {
  await hub?.close();
});

test('the gateway passes the GraphQL-over-HTTP audit with no errors', async () => {
  const results = await auditServer({ url: hub.url });
  const errors = results.filter((result) => result.status === 'error').map((result) => `${result.id} ${result.name}`);
  expect(errors).toEqual([]);
  expect(results.filter((result) => result.status === 'ok').length).toBeGreaterThan(20);
});
