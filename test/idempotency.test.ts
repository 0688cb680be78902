import { cityIdFromSlug, organizationIdFromSlug } from '@hrc/domain-kit';

import { startHub, type RunningHub } from './support/hub';

/*
 * Safe retries through the real gateway: every create and bulk mutation, sent twice with the same Idempotency-Key,
 * makes one record and answers the retry with the first result; the same key with another body is a CONFLICT.
 */

const OWNER = organizationIdFromSlug('gwangju-international-center');
const GWANGJU = cityIdFromSlug('gwangju');

let hub: RunningHub;
let partner: string;
let secretariat: string;
let unique = 0;
const next = () => (unique += 1);
/** Years for indicator values stay in the past and unique per test. */
let lastYear = 1990;
const year = () => (lastYear += 1);

beforeAll(async () => {
  hub = await startHub();
  partner = await hub.token('partner', OWNER);
  secretariat = await hub.token('secretariat');
});
afterAll(() => hub.close());

async function send(query: string, variables: Record<string, unknown>, token: string, key?: string) {
  return hub.query(query, { variables, token, headers: key ? { 'Idempotency-Key': key } : {} });
}

async function created(query: string, variables: Record<string, unknown>, token: string) {
  const result = await send(query, variables, token);
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return Object.values(result.data!)[0] as { id: string };
}

type Case = { token: () => string; query: string; variables: () => Promise<Record<string, unknown>> };

const event = () =>
  created(
    `mutation($i: CreateEventInput!) { createEvent(input: $i) { id } }`,
    {
      i: {
        kind: 'WORKSHOP',
        title: `Retry fixture ${next()}`,
        startsAt: '2031-04-01T01:00:00Z',
        endsAt: '2031-04-01T02:00:00Z',
        timeZone: 'Asia/Seoul',
        format: 'ONLINE',
        capacity: 50,
        organizationId: OWNER,
      },
    },
    secretariat,
  );
const program = () =>
  created(
    `mutation($i: CreateProgramInput!) { createProgram(input: $i) { id } }`,
    { i: { cityId: GWANGJU, title: `Retry programme ${next()}`, description: 'Fixture.', audiences: ['RESIDENTS'] } },
    partner,
  );

const CASES: Record<string, Case> = {
  createCity: {
    token: () => secretariat,
    query: `mutation($s: String!) { createCity(input: { slug: $s, name: "Retry City", country: "KR", region: ASIA }) { id } }`,
    variables: async () => ({ s: `retry-city-${next()}` }),
  },
  createOrganization: {
    token: () => secretariat,
    query: `mutation($s: String!) { createOrganization(input: { slug: $s, name: "Retry NGO", kind: NGO, country: "KR" }) { id } }`,
    variables: async () => ({ s: `retry-org-${next()}` }),
  },
  createPolicy: {
    token: () => partner,
    query: `mutation($t: String!) { createPolicy(input: { cityId: "${GWANGJU}", title: $t, summary: "Retried." }) { id } }`,
    variables: async () => ({ t: `Retry policy ${next()}` }),
  },
  createPolicies: {
    token: () => partner,
    query: `mutation($t: String!) { createPolicies(input: { rows: [{ cityId: "${GWANGJU}", title: $t, summary: "Retried." }] }) { rows { record { id } } } }`,
    variables: async () => ({ t: `Retry bulk policy ${next()}` }),
  },
  recordIndicatorValue: {
    token: () => partner,
    query: `mutation($y: Int!) { recordIndicatorValue(input: { indicatorCode: "SPA-02", cityId: "${GWANGJU}", year: $y, value: 5, source: "SAMPLE DATA (retry test)" }) { id } }`,
    variables: async () => ({ y: year() }),
  },
  recordIndicatorValues: {
    token: () => partner,
    query: `mutation($y: Int!) { recordIndicatorValues(input: { rows: [{ indicatorCode: "SOC-01", cityId: "${GWANGJU}", year: $y, value: 5, source: "SAMPLE DATA (retry test)" }] }) { rows { record { id } } } }`,
    variables: async () => ({ y: year() }),
  },
  createEvent: {
    token: () => partner,
    query: `mutation($t: String!) { createEvent(input: { kind: WORKSHOP, title: $t, startsAt: "2031-05-01T01:00:00Z", endsAt: "2031-05-01T02:00:00Z", timeZone: "Asia/Seoul", format: ONLINE }) { id } }`,
    variables: async () => ({ t: `Retry event ${next()}` }),
  },
  createForumEdition: {
    token: () => secretariat,
    query: `mutation($n: Int!, $y: Int!) { createForumEdition(input: { number: $n, year: $y, format: ONLINE, hostCityId: "${GWANGJU}" }) { id } }`,
    variables: async () => ({ n: 100 + next(), y: 2040 + next() }),
  },
  registerForEvent: {
    token: () => partner,
    query: `mutation($e: ID!, $m: String!) { registerForEvent(input: { eventId: $e, participantName: "Delegate", email: $m }) { id } }`,
    variables: async () => ({ e: (await event()).id, m: `retry${next()}@example.org` }),
  },
  submitFeedback: {
    token: () => partner,
    query: `mutation($r: ID!) { submitFeedback(input: { registrationId: $r, rating: 4 }) { id } }`,
    variables: async () => {
      const registration = await created(
        `mutation($e: ID!, $m: String!) { registerForEvent(input: { eventId: $e, participantName: "Delegate", email: $m }) { id } }`,
        { e: (await event()).id, m: `feedback${next()}@example.org` },
        partner,
      );
      return { r: registration.id };
    },
  },
  createProgram: {
    token: () => partner,
    query: `mutation($t: String!) { createProgram(input: { cityId: "${GWANGJU}", title: $t, description: "Retried.", audiences: [YOUTH] }) { id } }`,
    variables: async () => ({ t: `Retry programme ${next()}` }),
  },
  createCohort: {
    token: () => partner,
    query: `mutation($p: ID!) { createCohort(input: { programId: $p, startsOn: "2024-02-01", endsOn: "2024-02-02", capacity: 10 }) { id } }`,
    variables: async () => ({ p: (await program()).id }),
  },
  enroll: {
    token: () => partner,
    query: `mutation($c: ID!, $m: String!) { enroll(input: { cohortId: $c, participantName: "Learner", participantEmail: $m, audience: RESIDENTS }) { id } }`,
    variables: async () => {
      const cohort = await created(
        `mutation($p: ID!) { createCohort(input: { programId: $p, startsOn: "2024-02-01", endsOn: "2024-02-02", capacity: 10 }) { id } }`,
        { p: (await program()).id },
        partner,
      );
      return { c: cohort.id, m: `learner${next()}@example.org` };
    },
  },
};

function idsOf(data: Record<string, any>): string[] {
  const payload = Object.values(data)[0];
  return payload.rows ? payload.rows.map((row: any) => row.record.id) : [payload.id];
}

describe.each(Object.keys(CASES))('%s retried with the same Idempotency-Key', (mutation) => {
  test('makes one record and answers the retry with it; another body with the key is a CONFLICT', async () => {
    const { token, query, variables } = CASES[mutation]!;
    const key = `retry-${mutation}-${next()}`;
    const vars = await variables();
    const first = await send(query, vars, token(), key);
    expect(first.errors).toBeUndefined();
    const retry = await send(query, vars, token(), key);
    expect(retry.errors).toBeUndefined();
    expect(idsOf(retry.data!)).toEqual(idsOf(first.data!));
    // Without the key the same request is a new one: it makes a second record, or is refused as a duplicate.
    const other = await send(query, await variables(), token(), key);
    expect(other.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'clientMutationId' });
  });
});

test('clientMutationId works like the header, and is echoed back', async () => {
  const query = `mutation($k: String!, $y: Int!) { recordIndicatorValues(input: { clientMutationId: $k, rows: [{ indicatorCode: "ECO-02", cityId: "${GWANGJU}", year: $y, value: 5, source: "SAMPLE DATA (retry test)" }] }) { clientMutationId created rows { outcome record { id } } } }`;
  const vars = { k: `cmid-${next()}`, y: year() };
  const first = await send(query, vars, partner);
  const retry = await send(query, vars, partner);
  expect(first.errors).toBeUndefined();
  expect(retry.data).toEqual(first.data);
  expect((first.data as any).recordIndicatorValues).toMatchObject({ clientMutationId: vars.k, created: 1 });
});

describe('myContributions', () => {
  const MINE = `query($s: ModerationStatus) { myContributions(status: $s) {
    policies(first: 50) { edges { node { id status rejectionReason } } }
    indicatorValues(first: 50) { edges { node { id status } } }
    events(first: 50) { edges { node { id status } } }
    programs(first: 50) { edges { node { id status } } } } }`;

  test('a partner lists its own records of every kind by status, rejected ones with the reason; others see none', async () => {
    const policy = await created(
      `mutation { createPolicy(input: { cityId: "${GWANGJU}", title: "Mine to be rejected", summary: "Mine." }) { id } }`,
      {},
      partner,
    );
    const programme = await program();
    const moderated = await hub.query(
      `mutation($id: ID!) { moderatePolicy(id: $id, expectedVersion: 1, input: { decision: REJECT, reason: "Cite the ordinance." }) { status } }`,
      { variables: { id: policy.id }, token: secretariat },
    );
    expect(moderated.errors).toBeUndefined();

    const rejected = await hub.query(MINE, { variables: { s: 'REJECTED' }, token: partner });
    expect(rejected.errors).toBeUndefined();
    expect(rejected.data!.myContributions.policies.edges.map((edge: any) => edge.node)).toContainEqual({
      id: policy.id,
      status: 'REJECTED',
      rejectionReason: 'Cite the ordinance.',
    });
    expect(rejected.data!.myContributions.programs.edges).toEqual([]);

    const submitted = await hub.query(MINE, { variables: { s: 'SUBMITTED' }, token: partner });
    const programmes = submitted.data!.myContributions.programs.edges.map((edge: any) => edge.node.id);
    expect(programmes).toContain(programme.id);

    const other = await hub.token('partner', organizationIdFromSlug('etc-graz'));
    const theirs = await hub.query(MINE, { variables: {}, token: other });
    const ids = Object.values(theirs.data!.myContributions as Record<string, any>).flatMap((list) =>
      list.edges.map((edge: any) => edge.node.id),
    );
    expect(ids).not.toContain(policy.id);
    expect(ids).not.toContain(programme.id);
    expect((await hub.query(MINE, { variables: {} })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
