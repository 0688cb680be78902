import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';

import { graphql } from './gql';

/** A European city's policies and its events from 2024, with the hub's custom scalars typed as strings. */
export const CityOverview = graphql(`
  query CityOverview($slug: String!, $lang: String) {
    city(slug: $slug) {
      id
      name(lang: $lang)
      declaredOn
      policies(first: 3) {
        totalCount
        edges {
          node {
            title
            stage
            adoptedOn
          }
        }
      }
      events(first: 5, filter: { from: "2024-01-01T00:00:00Z" }) {
        edges {
          node {
            title
            startsAt
            timeZone
          }
        }
      }
    }
  }
`);

/** A partner's contribution: the mutation's input type is generated too. */
export const CreatePolicy = graphql(`
  mutation CreatePolicy($input: CreatePolicyInput!) {
    createPolicy(input: $input) {
      id
      status
      version
      stage
    }
  }
`);

/** The secretariat's audit trail: `before` and `after` are JSONObject. */
export const AuditTrail = graphql(`
  query AuditTrail($organizationId: ID!) {
    auditTrail(filter: { organizationId: $organizationId }) {
      cities(first: 5) {
        edges {
          node {
            occurredAt
            action
            before
            after
          }
        }
      }
    }
  }
`);

interface GraphQLResponse<T> {
  data?: T;
  errors?: Array<{ message: string; extensions?: { code?: string; field?: string } }>;
}

/** Posts an operation to the gateway; the result is typed from the document. */
export async function request<Result, Variables>(
  url: string,
  document: TypedDocumentNode<Result, Variables>,
  variables: Variables,
  token?: string,
): Promise<Result> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query: print(document), variables }),
  });
  const body = (await response.json()) as GraphQLResponse<Result>;
  if (body.errors?.length) throw new Error(body.errors.map((error) => error.message).join('; '));
  return body.data as Result;
}

/** What the types give a caller: a typo in a field, a variable or an enum value fails `tsc`. */
export async function example(url: string, token: string): Promise<void> {
  const overview = await request(url, CityOverview, { slug: 'gwangju', lang: 'ko' });
  const declaredOn: string | null | undefined = overview.city?.declaredOn;
  const stages = overview.city?.policies.edges.map((edge) => edge.node.stage) ?? [];
  const firstStart: string | undefined = overview.city?.events.edges[0]?.node.startsAt;

  const created = await request(
    url,
    CreatePolicy,
    {
      input: {
        cityId: overview.city!.id,
        title: 'Barrier-free city hall',
        summary: 'Step-free access to every public counter.',
        themes: ['DISABILITY'],
        sdgs: [10, 11],
        stage: 'PROPOSED',
      },
    },
    token,
  );
  const status: 'SUBMITTED' | 'PUBLISHED' | 'REJECTED' | 'WITHDRAWN' = created.createPolicy.status;

  const trail = await request(url, AuditTrail, { organizationId: created.createPolicy.id }, token);
  const after: Record<string, unknown> | null | undefined = trail.auditTrail?.cities.edges[0]?.node.after;
  console.log({ declaredOn, stages, firstStart, status, after });
}
