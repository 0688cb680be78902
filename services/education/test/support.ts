import { Client } from 'pg';

import type { TestSubgraph } from '@hrc/dev-kit/testing';
import { organizationIdFromSlug } from '@hrc/domain-kit';
import { ANONYMOUS, type Identity } from '@hrc/service-kit';

export const PROVIDER_ID = organizationIdFromSlug('gwangju-metropolitan-city');
export const OTHER_ORG_ID = organizationIdFromSlug('raoul-wallenberg-institute');

export const providerPartner: Identity = { subject: 'gw', organizationId: PROVIDER_ID, roles: ['partner'] };
export const otherPartner: Identity = { subject: 'rwi', organizationId: OTHER_ORG_ID, roles: ['partner'] };
export const liaison: Identity = { subject: 'un', organizationId: null, roles: ['liaison'] };
export const secretariat: Identity = { subject: 'sec', organizationId: null, roles: ['secretariat'] };
export const anonymous = ANONYMOUS;

/** Runs an operation and fails the test on any GraphQL error. */
export async function dataOf<T = any>(
  subgraph: TestSubgraph,
  query: string,
  variables?: Record<string, unknown>,
  identity: Identity = ANONYMOUS,
): Promise<T> {
  const result = await subgraph.query<T>(query, variables, identity);
  expect(result.errors).toBeUndefined();
  return result.data as T;
}

/** Runs an operation that must fail with exactly one error, and returns it. */
export async function errorOf(
  subgraph: TestSubgraph,
  query: string,
  variables?: Record<string, unknown>,
  identity: Identity = ANONYMOUS,
) {
  const result = await subgraph.query(query, variables, identity);
  expect(result.errors).toHaveLength(1);
  return result.errors![0]!;
}

/** Plain SQL against the subgraph's database, bypassing the API. */
export async function sql<T = any>(subgraph: TestSubgraph, text: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: subgraph.database.url });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as T[];
  } finally {
    await client.end();
  }
}

export const CREATE_PROGRAM = `mutation($input: CreateProgramInput!) { createProgram(input: $input) { id status version } }`;
export const CREATE_COHORT = `mutation($input: CreateCohortInput!) { createCohort(input: $input) { id version capacity } }`;
export const ENROLL = `mutation($input: EnrollInput!) { enroll(input: $input) { id status version } }`;
