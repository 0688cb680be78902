import { readFileSync } from 'node:fs';

import { buildASTSchema, parse } from 'graphql';

import { mintToken } from '@hrc/dev-kit';
import {
  CALLERS,
  cityIdFromSlug,
  organizationIdFromSlug,
  outcomeFor,
  Rule,
  type CallerKind,
  type Guard,
} from '@hrc/domain-kit';
import { isRule, readDeclaredPolicy, SUPERGRAPH_PATH, type DeclaredPolicy } from '@hrc/tools';

import { startHub, type RunningHub } from './support/hub';

/*
 * The whole policy in one table: every mutation of the composed graph, every kind of caller, and the outcome, derived
 * from the policy module (`outcomeFor` in services/kit/domain/src/authorization/policy.ts), never written out here.
 * A mutation added to any subgraph without a row here fails the first test; a row whose rule differs from the one
 * its resolver declares (`@Allow`) fails the schema check.
 *
 * "owner" is a partner of the organisation that contributed, organises or provides the record (and is based in
 * Gwangju, the city whose profile the city rows change); "other partner" is a partner of an unrelated organisation.
 */

type Caller = CallerKind;

const OWNER = organizationIdFromSlug('gwangju-international-center');
const OTHER = organizationIdFromSlug('etc-graz');
const THIRD = organizationIdFromSlug('uclg-cisdp');
const GWANGJU = cityIdFromSlug('gwangju');

let hub: RunningHub;
let tokens: Record<Exclude<Caller, 'anonymous'>, string>;
let unique = 0;
const next = () => (unique += 1);
/** Separate counters where a value must stay within a range (years) and be unique. */
const counters = { fixtureYear: 1990, recordedYear: 1990, edition: 2030 };
const take = (counter: keyof typeof counters) => (counters[counter] += 1);

beforeAll(async () => {
  hub = await startHub();
  tokens = {
    owner: await hub.token('partner', OWNER),
    'other partner': await hub.token('partner', OTHER),
    liaison: await hub.token('liaison'),
    secretariat: await hub.token('secretariat'),
  };
});
afterAll(() => hub.close());

/** Runs a fixture step that must succeed, returning the mutation's payload. */
async function setUp(
  query: string,
  variables: Record<string, unknown>,
  as: 'owner' | 'secretariat' = 'secretariat',
): Promise<any> {
  const result = await hub.query(query, { variables, token: tokens[as] });
  if (result.errors) throw new Error(`fixture failed: ${JSON.stringify(result.errors)}`);
  return Object.values(result.data!)[0];
}

const fixtures = {
  policy: () =>
    setUp(
      `mutation($i: CreatePolicyInput!) { createPolicy(input: $i) { id version } }`,
      { i: { cityId: GWANGJU, title: `Matrix policy ${next()}`, summary: 'Fixture.' } },
      'owner',
    ),
  indicatorValue: () =>
    setUp(
      `mutation($i: RecordIndicatorValueInput!) { recordIndicatorValue(input: $i) { id version } }`,
      {
        i: {
          indicatorCode: 'SPA-02',
          cityId: GWANGJU,
          year: take('fixtureYear'),
          value: 1,
          source: 'SAMPLE DATA (test fixture)',
        },
      },
      'owner',
    ),
  city: async () => (await hub.query(`{ city(slug: "gwangju") { id version } }`)).data!.city,
  organization: async () =>
    (await hub.query(`query($id: ID) { organization(id: $id) { id version } }`, { variables: { id: OWNER } })).data!
      .organization,
  event: (organizer = OWNER) =>
    setUp(`mutation($i: CreateEventInput!) { createEvent(input: $i) { id version } }`, {
      i: {
        kind: 'WORKSHOP',
        title: `Matrix event ${next()}`,
        startsAt: '2031-04-01T01:00:00Z',
        endsAt: '2031-04-01T02:00:00Z',
        timeZone: 'Asia/Seoul',
        format: 'ONLINE',
        capacity: 50,
        organizationId: organizer,
      },
    }),
  draftEvent: () =>
    setUp(
      `mutation($i: CreateEventInput!) { createEvent(input: $i) { id version } }`,
      {
        i: {
          kind: 'WORKSHOP',
          title: `Matrix draft ${next()}`,
          startsAt: '2031-04-01T01:00:00Z',
          endsAt: '2031-04-01T02:00:00Z',
          timeZone: 'Asia/Seoul',
          format: 'ONLINE',
        },
      },
      'owner',
    ),
  registration: async (organizer: string, registrant: string) => {
    const event = await fixtures.event(organizer);
    return setUp(`mutation($i: RegisterForEventInput!) { registerForEvent(input: $i) { id version } }`, {
      i: {
        eventId: event.id,
        participantName: 'Matrix Delegate',
        email: `delegate${next()}@example.org`,
        organizationId: registrant,
      },
    });
  },
  edition: () =>
    setUp(`mutation($i: CreateForumEditionInput!) { createForumEdition(input: $i) { year version } }`, {
      i: { number: counters.edition - 2000, year: take('edition'), format: 'ONLINE', hostCityId: GWANGJU },
    }),
  program: () =>
    setUp(
      `mutation($i: CreateProgramInput!) { createProgram(input: $i) { id version } }`,
      {
        i: { cityId: GWANGJU, title: `Matrix programme ${next()}`, description: 'Fixture.', audiences: ['RESIDENTS'] },
      },
      'owner',
    ),
  cohort: async () => {
    const program = await fixtures.program();
    return setUp(
      `mutation($i: CreateCohortInput!) { createCohort(input: $i) { id version } }`,
      { i: { programId: program.id, startsOn: '2024-01-10', endsOn: '2024-01-20', capacity: 20 } },
      'owner',
    );
  },
  enrollment: async () => {
    const cohort = await fixtures.cohort();
    return setUp(
      `mutation($i: EnrollInput!) { enroll(input: $i) { id version } }`,
      {
        i: {
          cohortId: cohort.id,
          participantName: 'Matrix Learner',
          participantEmail: `learner${next()}@example.org`,
          audience: 'RESIDENTS',
        },
      },
      'owner',
    );
  },
  certificate: async () => {
    const enrollment = await fixtures.enrollment();
    const completed = await setUp(
      `mutation($id: ID!, $v: Int!) { completeEnrollment(id: $id, expectedVersion: $v, input: { completedOn: "2024-01-20" }) { certificate { id } } }`,
      { id: enrollment.id, v: enrollment.version },
      'owner',
    );
    return completed.certificate;
  },
};

interface Row {
  /** The rule the resolver declares with `@Allow`: the role gate, checked before it runs. */
  declared: Rule;
  /** A stricter rule the service applies to this row's case, if any (only the secretariat approves). */
  decidedBy?: Rule;
  /** Builds a fresh record for each caller and returns the operation to try on it. */
  prepare(caller: Caller): Promise<{ query: string; variables?: Record<string, unknown> }>;
}

/** A public address as an IP literal: registration resolves nothing, and these hubs deliver nothing. */
const WEBHOOK_URL = 'https://93.184.216.34/matrix';

/** Each subgraph's webhook mutations, named after it, with the public list of its change feed. */
function webhookRows(): Record<string, Row> {
  const subgraphs = [
    ['Cities', 'cities'],
    ['Events', 'events'],
    ['Education', 'education'],
  ] as const;
  const subscription = async (name: string, subgraph: string): Promise<{ id: string }> =>
    (
      await setUp(
        `mutation($i: CreateWebhookSubscriptionInput!) { create${name}WebhookSubscription(input: $i) { subscription { id } } }`,
        { i: { list: subgraph, url: WEBHOOK_URL } },
        'owner',
      )
    ).subscription;
  // A delivered entry to send again, written as the worker would (the matrix's hub runs no delivery worker).
  const delivery = async (name: string, subgraph: string): Promise<string> => {
    const { id } = await subscription(name, subgraph);
    const rows = (await hub.subgraphs
      .get(subgraph)!
      .app.orm.em.getConnection()
      .execute(
        `insert into "${subgraph}".webhook_delivery (subscription_id, audit_record_id, message_id, payload, status, attempts, created_at)
         values (?, ?, ?, '{}', 'DELIVERED', 1, now()) returning id`,
        [id, next(), `msg_matrix_${next()}`],
      )) as Array<{ id: string }>;
    return String(rows[0]!.id);
  };
  return Object.fromEntries(
    subgraphs.flatMap(([name, subgraph]) => [
      [
        `create${name}WebhookSubscription`,
        {
          declared: Rule.CONTRIBUTOR,
          prepare: async () => ({
            query: `mutation($i: CreateWebhookSubscriptionInput!) { create${name}WebhookSubscription(input: $i) { secret } }`,
            variables: { i: { list: subgraph, url: WEBHOOK_URL } },
          }),
        },
      ],
      [
        `delete${name}WebhookSubscription`,
        {
          declared: Rule.OWNER,
          prepare: async () => ({
            query: `mutation($id: ID!) { delete${name}WebhookSubscription(id: $id) }`,
            variables: { id: (await subscription(name, subgraph)).id },
          }),
        },
      ],
      [
        `redeliver${name}Webhook`,
        {
          declared: Rule.OWNER,
          prepare: async () => ({
            query: `mutation($id: ID!) { redeliver${name}Webhook(deliveryId: $id) { id } }`,
            variables: { id: await delivery(name, subgraph) },
          }),
        },
      ],
    ]),
  );
}

const APPROVE = '{ decision: APPROVE }';

const MATRIX: Record<string, Row> = {
  // cities
  createCity: {
    declared: Rule.SECRETARIAT,
    prepare: async () => ({
      query: `mutation($s: String!) { createCity(input: { slug: $s, name: "Matrix City", country: "KR", region: ASIA }) { id } }`,
      variables: { s: `matrix-city-${next()}` },
    }),
  },
  updateCity: {
    declared: Rule.SECRETARIAT,
    prepare: async () => {
      const city = await fixtures.city();
      return {
        query: `mutation($id: ID!, $v: Int!) { updateCity(id: $id, expectedVersion: $v, input: { population: ${next()} }) { id } }`,
        variables: { id: city.id, v: city.version },
      };
    },
  },
  createOrganization: {
    declared: Rule.SECRETARIAT,
    prepare: async () => ({
      query: `mutation($s: String!) { createOrganization(input: { slug: $s, name: "Matrix NGO", kind: NGO, country: "KR" }) { id } }`,
      variables: { s: `matrix-org-${next()}` },
    }),
  },
  updateOrganization: {
    declared: Rule.OWNER,
    prepare: async () => {
      const organization = await fixtures.organization();
      return {
        query: `mutation($id: ID!, $v: Int!) { updateOrganization(id: $id, expectedVersion: $v, input: { website: "https://example.org/${next()}" }) { id } }`,
        variables: { id: organization.id, v: organization.version },
      };
    },
  },
  createPolicy: {
    declared: Rule.CONTRIBUTOR,
    prepare: async () => ({
      query: `mutation { createPolicy(input: { cityId: "${GWANGJU}", title: "Matrix contribution", summary: "Fixture." }) { id } }`,
    }),
  },
  createPolicies: {
    declared: Rule.CONTRIBUTOR,
    prepare: async () => ({
      query: `mutation { createPolicies(input: { rows: [{ cityId: "${GWANGJU}", title: "Matrix bulk contribution", summary: "Fixture." }] }) { committed } }`,
    }),
  },
  updatePolicy: {
    declared: Rule.OWNER,
    prepare: async () => {
      const policy = await fixtures.policy();
      return {
        query: `mutation($id: ID!, $v: Int!) { updatePolicy(id: $id, expectedVersion: $v, input: { summary: "Changed." }) { id } }`,
        variables: { id: policy.id, v: policy.version },
      };
    },
  },
  moderatePolicy: {
    declared: Rule.OWNER,
    decidedBy: Rule.SECRETARIAT,
    prepare: async () => {
      const policy = await fixtures.policy();
      return {
        query: `mutation($id: ID!, $v: Int!) { moderatePolicy(id: $id, expectedVersion: $v, input: ${APPROVE}) { id } }`,
        variables: { id: policy.id, v: policy.version },
      };
    },
  },
  recordIndicatorValue: {
    declared: Rule.CONTRIBUTOR,
    prepare: async () => ({
      query: `mutation { recordIndicatorValue(input: { indicatorCode: "SPA-01", cityId: "${GWANGJU}", year: ${take('recordedYear')}, value: 2, source: "SAMPLE DATA (test)" }) { id } }`,
    }),
  },
  recordIndicatorValues: {
    declared: Rule.CONTRIBUTOR,
    prepare: async () => ({
      query: `mutation { recordIndicatorValues(input: { rows: [{ indicatorCode: "ECO-02", cityId: "${GWANGJU}", year: ${take('recordedYear')}, value: 2, source: "SAMPLE DATA (test)" }] }) { committed } }`,
    }),
  },
  updateIndicatorValue: {
    declared: Rule.OWNER,
    prepare: async () => {
      const value = await fixtures.indicatorValue();
      return {
        query: `mutation($id: ID!, $v: Int!) { updateIndicatorValue(id: $id, expectedVersion: $v, input: { value: 3 }) { id } }`,
        variables: { id: value.id, v: value.version },
      };
    },
  },
  moderateIndicatorValue: {
    declared: Rule.OWNER,
    decidedBy: Rule.SECRETARIAT,
    prepare: async () => {
      const value = await fixtures.indicatorValue();
      return {
        query: `mutation($id: ID!, $v: Int!) { moderateIndicatorValue(id: $id, expectedVersion: $v, input: ${APPROVE}) { id } }`,
        variables: { id: value.id, v: value.version },
      };
    },
  },
  // events
  createForumEdition: {
    declared: Rule.SECRETARIAT,
    prepare: async () => ({
      query: `mutation { createForumEdition(input: { number: ${counters.edition - 1990}, year: ${take('edition')}, format: ONLINE, hostCityId: "${GWANGJU}" }) { year } }`,
    }),
  },
  updateForumEdition: {
    declared: Rule.SECRETARIAT,
    prepare: async () => {
      const edition = await fixtures.edition();
      return {
        query: `mutation($y: Int!, $v: Int!) { updateForumEdition(year: $y, expectedVersion: $v, input: { theme: "Changed" }) { year } }`,
        variables: { y: edition.year, v: edition.version },
      };
    },
  },
  createEvent: {
    declared: Rule.CONTRIBUTOR,
    prepare: async () => ({
      query: `mutation { createEvent(input: { kind: WORKSHOP, title: "Matrix contribution", startsAt: "2031-05-01T01:00:00Z", endsAt: "2031-05-01T02:00:00Z", timeZone: "Asia/Seoul", format: ONLINE }) { id } }`,
    }),
  },
  updateEvent: {
    declared: Rule.OWNER,
    prepare: async () => {
      const event = await fixtures.event();
      return {
        query: `mutation($id: ID!, $v: Int!) { updateEvent(id: $id, expectedVersion: $v, input: { venue: "Room ${next()}" }) { id } }`,
        variables: { id: event.id, v: event.version },
      };
    },
  },
  moderateEvent: {
    declared: Rule.OWNER,
    decidedBy: Rule.SECRETARIAT,
    prepare: async () => {
      const event = await fixtures.draftEvent();
      return {
        query: `mutation($id: ID!, $v: Int!) { moderateEvent(id: $id, expectedVersion: $v, input: ${APPROVE}) { id } }`,
        variables: { id: event.id, v: event.version },
      };
    },
  },
  registerForEvent: {
    declared: Rule.CONTRIBUTOR,
    prepare: async () => {
      const event = await fixtures.event(THIRD);
      return {
        query: `mutation($e: ID!) { registerForEvent(input: { eventId: $e, participantName: "Delegate", email: "d${next()}@example.org" }) { id } }`,
        variables: { e: event.id },
      };
    },
  },
  cancelRegistration: {
    declared: Rule.OWNER,
    prepare: async () => {
      const registration = await fixtures.registration(THIRD, OWNER);
      return {
        query: `mutation($id: ID!, $v: Int!) { cancelRegistration(id: $id, expectedVersion: $v) { id } }`,
        variables: { id: registration.id, v: registration.version },
      };
    },
  },
  markAttended: {
    declared: Rule.OWNER,
    prepare: async () => {
      const registration = await fixtures.registration(OWNER, THIRD);
      return {
        query: `mutation($id: ID!, $v: Int!) { markAttended(id: $id, expectedVersion: $v) { id } }`,
        variables: { id: registration.id, v: registration.version },
      };
    },
  },
  submitFeedback: {
    declared: Rule.OWNER,
    prepare: async () => {
      const registration = await fixtures.registration(THIRD, OWNER);
      return {
        query: `mutation($r: ID!) { submitFeedback(input: { registrationId: $r, rating: 4 }) { id } }`,
        variables: { r: registration.id },
      };
    },
  },
  updateSustainabilityChecklist: {
    declared: Rule.OWNER,
    prepare: async () => {
      const event = await fixtures.event();
      return {
        query: `mutation($e: ID!) { updateSustainabilityChecklist(eventId: $e, expectedVersion: 0, items: [{ code: "ENV_REUSE_RECYCLE", done: true }]) { sectors { score } } }`,
        variables: { e: event.id },
      };
    },
  },
  // education
  // The secretariat names the provider; a partner provides as itself.
  createProgram: {
    declared: Rule.CONTRIBUTOR,
    prepare: async (caller) => ({
      query: `mutation($p: ID) { createProgram(input: { cityId: "${GWANGJU}", title: "Matrix contribution", description: "Fixture.", audiences: [YOUTH], providerId: $p }) { id } }`,
      variables: { p: caller === 'secretariat' ? OWNER : null },
    }),
  },
  updateProgram: {
    declared: Rule.OWNER,
    prepare: async () => {
      const program = await fixtures.program();
      return {
        query: `mutation($id: ID!, $v: Int!) { updateProgram(id: $id, expectedVersion: $v, input: { description: "Changed." }) { id } }`,
        variables: { id: program.id, v: program.version },
      };
    },
  },
  moderateProgram: {
    declared: Rule.OWNER,
    decidedBy: Rule.SECRETARIAT,
    prepare: async () => {
      const program = await fixtures.program();
      return {
        query: `mutation($id: ID!, $v: Int!) { moderateProgram(id: $id, expectedVersion: $v, input: ${APPROVE}) { id } }`,
        variables: { id: program.id, v: program.version },
      };
    },
  },
  createCohort: {
    declared: Rule.OWNER,
    prepare: async () => {
      const program = await fixtures.program();
      return {
        query: `mutation($p: ID!) { createCohort(input: { programId: $p, startsOn: "2024-02-01", endsOn: "2024-02-02", capacity: 10 }) { id } }`,
        variables: { p: program.id },
      };
    },
  },
  updateCohort: {
    declared: Rule.OWNER,
    prepare: async () => {
      const cohort = await fixtures.cohort();
      return {
        query: `mutation($id: ID!, $v: Int!) { updateCohort(id: $id, expectedVersion: $v, input: { capacity: 25 }) { id } }`,
        variables: { id: cohort.id, v: cohort.version },
      };
    },
  },
  enroll: {
    declared: Rule.OWNER,
    prepare: async () => {
      const cohort = await fixtures.cohort();
      return {
        query: `mutation($c: ID!) { enroll(input: { cohortId: $c, participantName: "Learner", participantEmail: "l${next()}@example.org", audience: RESIDENTS }) { id } }`,
        variables: { c: cohort.id },
      };
    },
  },
  completeEnrollment: {
    declared: Rule.OWNER,
    prepare: async () => {
      const enrollment = await fixtures.enrollment();
      return {
        query: `mutation($id: ID!, $v: Int!) { completeEnrollment(id: $id, expectedVersion: $v, input: { completedOn: "2024-01-20" }) { id } }`,
        variables: { id: enrollment.id, v: enrollment.version },
      };
    },
  },
  dropEnrollment: {
    declared: Rule.OWNER,
    prepare: async () => {
      const enrollment = await fixtures.enrollment();
      return {
        query: `mutation($id: ID!, $v: Int!) { dropEnrollment(id: $id, expectedVersion: $v) { id } }`,
        variables: { id: enrollment.id, v: enrollment.version },
      };
    },
  },
  revokeCertificate: {
    declared: Rule.OWNER,
    prepare: async () => {
      const certificate = await fixtures.certificate();
      return {
        query: `mutation($id: ID!) { revokeCertificate(id: $id, input: { reason: "Issued in error" }) { id } }`,
        variables: { id: certificate.id },
      };
    },
  },
  // webhooks, the same three in each subgraph
  ...webhookRows(),
};

test('every mutation of the composed graph has a row in the matrix', () => {
  const supergraph = buildASTSchema(parse(readFileSync(SUPERGRAPH_PATH, 'utf8')), { assumeValidSDL: true });
  const mutations = Object.keys(supergraph.getMutationType()!.getFields()).sort();
  expect(Object.keys(MATRIX).sort()).toEqual(mutations);
});

const CELLS = Object.entries(MATRIX).flatMap(([mutation, row]) =>
  CALLERS.map((caller) => [mutation, caller, outcomeFor(row.decidedBy ?? row.declared, caller)] as const),
);

test.each(CELLS)('%s as %s: %s', async (mutation, caller, outcome) => {
  const { query, variables } = await MATRIX[mutation]!.prepare(caller);
  const result = await hub.query(query, { variables, token: caller === 'anonymous' ? undefined : tokens[caller] });
  if (outcome === 'OK') {
    expect(result.errors).toBeUndefined();
    expect(result.data?.[mutation]).toBeTruthy();
  } else {
    expect(result.errors?.[0]?.extensions?.code).toBe(outcome);
    expect(result.data?.[mutation] ?? null).toBeNull();
  }
});

test.each(Object.keys(MATRIX))(
  '%s with a forged, expired or unsigned token is refused before it runs',
  async (mutation) => {
    const { query, variables } = { query: `mutation { ${mutation} }`, variables: undefined };
    const forged = await mintToken('a-secret-nobody-shared-with-the-gateway-0000', { roles: ['secretariat'] });
    const expired = await mintToken('test-jwt-secret-that-is-long-enough-0000000', {
      roles: ['secretariat'],
      expiresIn: '-1m',
    });
    const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const unsigned = `${encode({ alg: 'none' })}.${encode({ sub: 'x', roles: ['secretariat'], iss: 'whrcf-hub', aud: 'whrcf-hub-api', exp: Math.floor(Date.now() / 1000) + 600 })}.`;
    for (const token of [forged, expired, unsigned]) {
      const result = await hub.query(query, { variables, token });
      expect(result.status).toBe(401);
      expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
  },
);

/*
 * The read side: every query path that can expose non-public data, with what each caller gets. "DATA" is the
 * private value itself; "HIDDEN" means null, an empty list or a zero count, with no error. Who passes is the row's
 * rule; how a caller who fails it is denied is its guard's (DENIAL_BY_GUARD): an error for an operation, hidden data
 * for a record, a private field or a private list.
 */
type ReadOutcome = 'DATA' | 'HIDDEN' | 'UNAUTHENTICATED' | 'FORBIDDEN';

interface ReadRow {
  rule: Rule;
  /** What the rule guards here. A row guarding an `operation` is named after its root query, whose declared rule is checked. */
  guard: Guard;
  /** Creates the private data; returns the query, and the text that must appear only where the data is shown. */
  prepare(): Promise<{ query: string; variables?: Record<string, unknown>; secret: string }>;
}

function readOutcome(row: ReadRow, caller: Caller): ReadOutcome {
  const outcome = outcomeFor(row.rule, caller);
  if (outcome === 'OK') return 'DATA';
  return row.guard === 'operation' ? outcome : 'HIDDEN';
}

const PRIVATE_READS: Record<string, ReadRow> = {
  'Organization.contactEmail': {
    rule: Rule.SECRETARIAT,
    guard: 'privateField',
    prepare: async () => {
      const secret = `office${next()}@example.org`;
      const organization = await fixtures.organization();
      await setUp(
        `mutation($id: ID!, $v: Int!, $e: String!) { updateOrganization(id: $id, expectedVersion: $v, input: { contactEmail: $e }) { id } }`,
        { id: organization.id, v: organization.version, e: secret },
      );
      return { query: `query($id: ID) { organization(id: $id) { contactEmail } }`, variables: { id: OWNER }, secret };
    },
  },
  'a draft policy, by id, list, search, count, City.policies and Organization.policies': {
    rule: Rule.OWNER,
    guard: 'record',
    prepare: async () => {
      const secret = `Draftpolicy${next()}`;
      await setUp(
        `mutation($i: CreatePolicyInput!) { createPolicy(input: $i) { id } }`,
        { i: { cityId: GWANGJU, title: secret, summary: 'Unreviewed.' } },
        'owner',
      );
      return {
        query: `query($org: ID, $s: String!) { policies(first: 100, filter: { search: $s }) { totalCount edges { node { title } } }
          city(slug: "gwangju") { policies(first: 100) { edges { node { title } } } }
          organization(id: $org) { policies(first: 100) { edges { node { title } } } } }`,
        variables: { org: OWNER, s: secret },
        secret,
      };
    },
  },
  'a held edit and a rejection reason (Policy.pendingChanges, rejectionReason)': {
    rule: Rule.OWNER,
    guard: 'privateField',
    prepare: async () => {
      const secret = `Heldedit${next()}`;
      const policy = await fixtures.policy();
      const approved = await setUp(
        `mutation($id: ID!, $v: Int!) { moderatePolicy(id: $id, expectedVersion: $v, input: { decision: APPROVE }) { version } }`,
        { id: policy.id, v: policy.version },
      );
      const edited = await setUp(
        `mutation($id: ID!, $v: Int!, $t: String!) { updatePolicy(id: $id, expectedVersion: $v, input: { title: $t }) { version } }`,
        { id: policy.id, v: approved.version, t: secret },
        'owner',
      );
      await setUp(
        `mutation($id: ID!, $v: Int!, $r: String!) { moderatePolicy(id: $id, expectedVersion: $v, input: { decision: REJECT, reason: $r }) { id } }`,
        { id: policy.id, v: edited.version, r: `${secret} rejected` },
      );
      await setUp(
        `mutation($id: ID!, $v: Int!, $t: String!) { updatePolicy(id: $id, expectedVersion: $v, input: { title: $t }) { version } }`,
        { id: policy.id, v: edited.version + 1, t: secret },
        'owner',
      );
      return {
        query: `query($id: ID!) { policy(id: $id) { pendingChanges rejectionReason } }`,
        variables: { id: policy.id },
        secret,
      };
    },
  },
  'a draft event, by id, through City.events and a federated reference': {
    rule: Rule.OWNER,
    guard: 'record',
    prepare: async () => {
      const event = await fixtures.draftEvent();
      const secret = (
        await hub.query(`query($id: ID!) { event(id: $id) { title } }`, {
          variables: { id: event.id },
          token: tokens.secretariat,
        })
      ).data!.event.title;
      return {
        query: `query($id: ID!, $org: ID) { event(id: $id) { title } organization(id: $org) { events(first: 100) { edges { node { title } } } } }`,
        variables: { id: event.id, org: OWNER },
        secret,
      };
    },
  },
  'registration email and accessibility needs (the registrant is the owner)': {
    rule: Rule.OWNER,
    guard: 'privateField',
    prepare: async () => {
      const event = await fixtures.event(THIRD);
      const secret = `delegate${next()}@example.org`;
      const registration = await setUp(`mutation($i: RegisterForEventInput!) { registerForEvent(input: $i) { id } }`, {
        i: { eventId: event.id, participantName: 'Private Delegate', email: secret, organizationId: OWNER },
      });
      return {
        query: `query($id: ID!) { registration(id: $id) { email accessibilityNeeds { wheelchair } } }`,
        variables: { id: registration.id },
        secret,
      };
    },
  },
  // A private list (issue 9): anyone else gets an empty list and a zero total, no longer an error.
  'feedback comments (the organiser is the owner)': {
    rule: Rule.OWNER,
    guard: 'privateList',
    prepare: async () => {
      const event = await fixtures.event(OWNER);
      const registration = await setUp(`mutation($i: RegisterForEventInput!) { registerForEvent(input: $i) { id } }`, {
        i: { eventId: event.id, participantName: 'Evaluator', email: `e${next()}@example.org`, organizationId: THIRD },
      });
      const secret = `Comment${next()}`;
      await setUp(`mutation($i: SubmitFeedbackInput!) { submitFeedback(input: $i) { id } }`, {
        i: { registrationId: registration.id, rating: 5, comment: secret },
      });
      return {
        query: `query($id: ID!) { event(id: $id) { feedback(first: 10) { edges { node { comment } } } } }`,
        variables: { id: event.id },
        secret,
      };
    },
  },
  'enrolled participants (the provider is the owner)': {
    rule: Rule.OWNER,
    guard: 'privateList',
    prepare: async () => {
      const cohort = await fixtures.cohort();
      const secret = `learner${next()}@example.org`;
      await setUp(
        `mutation($i: EnrollInput!) { enroll(input: $i) { id } }`,
        {
          i: {
            cohortId: cohort.id,
            participantName: 'Private Learner',
            participantEmail: secret,
            audience: 'RESIDENTS',
          },
        },
        'owner',
      );
      return {
        query: `query($id: ID!) { cohort(id: $id) { enrollments(first: 10) { edges { node { participantEmail } } } } }`,
        variables: { id: cohort.id },
        secret,
      };
    },
  },
  moderationQueue: {
    rule: Rule.SECRETARIAT,
    guard: 'operation',
    prepare: async () => {
      const policy = await fixtures.policy();
      return { query: `{ moderationQueue { policies(first: 100) { edges { node { id } } } } }`, secret: policy.id };
    },
  },
  auditTrail: {
    rule: Rule.SECRETARIAT,
    guard: 'operation',
    prepare: async () => {
      const policy = await fixtures.policy();
      return {
        query: `query($id: ID) { auditTrail(filter: { entityId: $id }) { cities(first: 5) { edges { node { entityId } } } } }`,
        variables: { id: policy.id },
        secret: policy.id,
      };
    },
  },
};

const READ_CELLS = Object.entries(PRIVATE_READS).flatMap(([path, row]) =>
  CALLERS.map((caller) => [path, caller, readOutcome(row, caller)] as const),
);

test.each(READ_CELLS)('reading %s as %s: %s', async (path, caller, outcome) => {
  const { query, variables, secret } = await PRIVATE_READS[path]!.prepare();
  const result = await hub.query(query, { variables, token: caller === 'anonymous' ? undefined : tokens[caller] });
  const body = JSON.stringify(result.data ?? null);
  if (outcome === 'UNAUTHENTICATED' || outcome === 'FORBIDDEN') {
    expect(result.errors?.[0]?.extensions?.code).toBe(outcome);
  } else {
    expect(result.errors).toBeUndefined();
  }
  expect(body.includes(secret)).toBe(outcome === 'DATA');
});

/*
 * The rules the schema declares, read from type-graphql's metadata after building every registry subgraph's schema:
 * each root query and mutation names exactly one rule of the policy, and each row above names the same one.
 */
describe('the rules the resolvers declare', () => {
  let declared: DeclaredPolicy;
  beforeAll(async () => {
    declared = await readDeclaredPolicy();
  });

  test('every root query and mutation of every subgraph declares exactly one rule of the policy', () => {
    const problems = declared.operations
      .filter((operation) => operation.rules.length !== 1 || !isRule(operation.rules[0]!))
      .map(
        ({ subgraph, root, field, rules }) =>
          `${subgraph}: ${root}.${field} declares ${rules.length ? rules.join(', ') : 'no rule'}`,
      );
    expect(problems).toEqual([]);
  });

  test("each row's rule is the one its operation declares", () => {
    const declaredRule = (root: 'Query' | 'Mutation', field: string) => {
      const operations = declared.operations.filter(
        (operation) => operation.root === root && operation.field === field,
      );
      return operations.length === 1
        ? operations[0]!.rules.join(', ') || 'no rule'
        : `${operations.length} operations named ${field}`;
    };
    const rows = [
      ...Object.entries(MATRIX).map(
        ([mutation, row]) => [`Mutation.${mutation}`, row.declared, declaredRule('Mutation', mutation)] as const,
      ),
      ...Object.entries(PRIVATE_READS)
        .filter(([, row]) => row.guard === 'operation')
        .map(([query, row]) => [`Query.${query}`, row.rule, declaredRule('Query', query)] as const),
    ];
    const problems = rows
      .filter(([, expected, actual]) => expected !== actual)
      .map(
        ([operation, expected, actual]) => `${operation}: the matrix says ${expected}, the resolver declares ${actual}`,
      );
    expect(problems).toEqual([]);
  });
});
