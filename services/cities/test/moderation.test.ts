import { startTestSubgraph, type TestSubgraph } from '@hrc/dev-kit/testing';
import { AuditRecord, cityIdFromSlug } from '@hrc/domain-kit';
import { ANONYMOUS, type Identity } from '@hrc/service-kit';

import { citiesSubgraph } from '../src/app';
import { Policy } from '../src/policy/policy.entity';
import { gwangjuPartner as owner, liaison, secretariat, wallenbergPartner as otherPartner } from './support';

let cities: TestSubgraph;
beforeAll(async () => {
  cities = await startTestSubgraph(citiesSubgraph, { SEED_ON_START: 'real' });
});
afterAll(() => cities.close());

const MODERATE = `mutation($id: ID!, $v: Int!, $input: ModerationInput!) {
  moderatePolicy(id: $id, expectedVersion: $v, input: $input) { status version rejectionReason }
}`;
const READ = `query($id: ID!) { policy(id: $id) { status rejectionReason } }`;

async function moderate(id: string, version: number, input: Record<string, unknown>, caller: Identity) {
  return cities.query<any>(MODERATE, { id, v: version, input }, caller);
}

async function createDraft(title: string): Promise<string> {
  const { data } = await cities.query<any>(
    `mutation($input: CreatePolicyInput!) { createPolicy(input: $input) { id } }`,
    { input: { cityId: cityIdFromSlug('gwangju'), title, summary: 'A contribution under review.' } },
    owner,
  );
  return data.createPolicy.id;
}

test('the review lifecycle: reject with a reason, resubmit, approve, withdraw, restore', async () => {
  const id = await createDraft('Lifecycle policy');

  const rejected = await moderate(
    id,
    1,
    { decision: 'REJECT', reason: 'Please cite the ordinance number.' },
    secretariat,
  );
  expect(rejected.data.moderatePolicy).toEqual({
    status: 'REJECTED',
    version: 2,
    rejectionReason: 'Please cite the ordinance number.',
  });
  expect((await cities.query<any>(READ, { id }, owner)).data.policy).toEqual({
    status: 'REJECTED',
    rejectionReason: 'Please cite the ordinance number.',
  });
  expect((await cities.query<any>(READ, { id }, otherPartner)).data.policy).toBeNull();
  expect((await cities.query<any>(READ, { id })).data.policy).toBeNull();

  const resubmitted = await cities.query<any>(
    `mutation($id: ID!) { updatePolicy(id: $id, expectedVersion: 2, input: { title: "Lifecycle policy (ordinance 4012)" }) { status version } }`,
    { id },
    owner,
  );
  expect(resubmitted.data.updatePolicy).toEqual({ status: 'SUBMITTED', version: 3 });

  const approved = await moderate(id, 3, { decision: 'APPROVE' }, secretariat);
  expect(approved.data.moderatePolicy).toEqual({ status: 'PUBLISHED', version: 4, rejectionReason: null });
  expect((await cities.query<any>(READ, { id })).data.policy).toEqual({ status: 'PUBLISHED', rejectionReason: null });

  const withdrawn = await moderate(id, 4, { decision: 'WITHDRAW' }, owner);
  expect(withdrawn.data.moderatePolicy.status).toBe('WITHDRAWN');
  expect((await cities.query<any>(READ, { id })).data.policy).toBeNull();
  expect(await cities.app.orm.em.fork().count(Policy, { id })).toBe(1);

  const restored = await moderate(id, 5, { decision: 'RESTORE' }, secretariat);
  expect(restored.data.moderatePolicy.status).toBe('PUBLISHED');

  const trail = await cities.app.orm.em.fork().find(AuditRecord, { entityId: id }, { orderBy: { id: 'asc' } });
  expect(trail.map((record) => record.action)).toEqual([
    'CREATE',
    'REJECT',
    'UPDATE',
    'APPROVE',
    'WITHDRAW',
    'RESTORE',
  ]);
  expect(trail[1]).toMatchObject({
    actorSubject: 'sec',
    before: { status: 'SUBMITTED' },
    after: { status: 'REJECTED' },
  });
});

test('only the secretariat decides; the contributor may only withdraw', async () => {
  const id = await createDraft('Decisions policy');
  for (const caller of [owner, otherPartner, liaison]) {
    expect((await moderate(id, 1, { decision: 'APPROVE' }, caller)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  }
  expect((await moderate(id, 1, { decision: 'APPROVE' }, ANONYMOUS)).errors?.[0]?.extensions?.code).toBe(
    'UNAUTHENTICATED',
  );
  expect((await moderate(id, 1, { decision: 'WITHDRAW' }, otherPartner)).errors?.[0]?.extensions?.code).toBe(
    'FORBIDDEN',
  );
  expect((await cities.query<any>(READ, { id }, owner)).data.policy.status).toBe('SUBMITTED');
});

test('a rejection needs a reason, a decision must fit the status, and versions must be current', async () => {
  const id = await createDraft('Rules policy');
  const noReason = await moderate(id, 1, { decision: 'REJECT' }, secretariat);
  expect(noReason.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
  const restoreDraft = await moderate(id, 1, { decision: 'RESTORE' }, secretariat);
  expect(restoreDraft.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'decision' });
  const stale = await moderate(id, 7, { decision: 'APPROVE' }, secretariat);
  expect(stale.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 1 });
  expect((await cities.query<any>(READ, { id }, owner)).data.policy.status).toBe('SUBMITTED');
});

describe('the audit trail', () => {
  test('cannot be changed or deleted, even with direct SQL', async () => {
    const connection = cities.app.orm.em.getConnection();
    await expect(connection.execute(`update cities.audit_record set action = 'FORGED'`)).rejects.toThrow(/append-only/);
    await expect(connection.execute(`delete from cities.audit_record`)).rejects.toThrow(/append-only/);
    await expect(connection.execute(`truncate cities.audit_record`)).rejects.toThrow(/append-only/);
  });

  test('a write whose audit record fails leaves nothing behind', async () => {
    const connection = cities.app.orm.em.getConnection();
    // Injected failure: the audit insert for this one title raises, after the policy row was written.
    await connection.execute(`
      create function cities.fail_audit_for_test() returns trigger language plpgsql as $$
      begin
        if new.after->>'title' = 'Doomed policy' then raise exception 'injected audit failure'; end if;
        return new;
      end $$`);
    await connection.execute(
      `create trigger fail_audit_for_test before insert on cities.audit_record for each row execute function cities.fail_audit_for_test()`,
    );
    try {
      const em = cities.app.orm.em.fork();
      const before = { policies: await em.count(Policy), audit: await em.count(AuditRecord) };
      const result = await cities.query(
        `mutation($input: CreatePolicyInput!) { createPolicy(input: $input) { id } }`,
        {
          input: {
            cityId: cityIdFromSlug('gwangju'),
            title: 'Doomed policy',
            summary: 'Must not survive its audit failure.',
          },
        },
        secretariat,
      );
      expect(result.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
      expect(await em.count(Policy, { title: 'Doomed policy' })).toBe(0);
      expect({ policies: await em.count(Policy), audit: await em.count(AuditRecord) }).toEqual(before);
    } finally {
      await connection.execute('drop trigger fail_audit_for_test on cities.audit_record');
      await connection.execute('drop function cities.fail_audit_for_test()');
    }
  });
});

test('indicator values go through the same review', async () => {
  const recorded = await cities.query<any>(
    `mutation($input: RecordIndicatorValueInput!) { recordIndicatorValue(input: $input) { id status } }`,
    {
      input: {
        indicatorCode: 'SPA-02',
        cityId: cityIdFromSlug('gwangju'),
        year: 2025,
        value: 3.1,
        source: 'SAMPLE DATA (test)',
      },
    },
    owner,
  );
  const id = recorded.data.recordIndicatorValue.id;
  const approved = await cities.query<any>(
    `mutation($id: ID!) { moderateIndicatorValue(id: $id, expectedVersion: 1, input: { decision: APPROVE }) { status } }`,
    { id },
    secretariat,
  );
  expect(approved.data.moderateIndicatorValue.status).toBe('PUBLISHED');
  const publicView = await cities.query<any>(`{ city(slug: "gwangju") { indicatorValues(year: 2025) { value } } }`);
  expect(publicView.data.city.indicatorValues).toEqual([{ value: 3.1 }]);
});

describe('editing a published record', () => {
  const READ_FULL = `query($id: ID!) { policy(id: $id) { title status version pendingChanges rejectionReason } }`;
  const UPDATE = `mutation($id: ID!, $v: Int!, $title: String!) { updatePolicy(id: $id, expectedVersion: $v, input: { title: $title }) { title status version pendingChanges } }`;

  async function publishedPolicy(title: string) {
    const id = await createDraft(title);
    await moderate(id, 1, { decision: 'APPROVE' }, secretariat);
    return id;
  }

  test('holds the edit for review while the published version stays public, then approval applies it', async () => {
    const id = await publishedPolicy('Original public title');
    const edited = await cities.query<any>(UPDATE, { id, v: 2, title: 'Unreviewed new title' }, owner);
    expect(edited.data.updatePolicy).toEqual({
      title: 'Original public title',
      status: 'PUBLISHED',
      version: 3,
      pendingChanges: { title: 'Unreviewed new title' },
    });
    expect((await cities.query<any>(READ_FULL, { id })).data.policy).toMatchObject({
      title: 'Original public title',
      pendingChanges: null,
    });
    expect((await cities.query<any>(READ_FULL, { id }, otherPartner)).data.policy.pendingChanges).toBeNull();
    const search = await cities.query<any>(`{ policies(first: 5, filter: { search: "Unreviewed" }) { totalCount } }`);
    expect(search.data.policies.totalCount).toBe(0);

    const queue = await cities.query<any>(
      `{ moderationQueue { policies(first: 50) { edges { node { id } } } } }`,
      undefined,
      secretariat,
    );
    expect(queue.data.moderationQueue.policies.edges.map((edge: any) => edge.node.id)).toContain(id);

    const approved = await moderate(id, 3, { decision: 'APPROVE' }, secretariat);
    expect(approved.data.moderatePolicy.status).toBe('PUBLISHED');
    expect((await cities.query<any>(READ_FULL, { id })).data.policy).toMatchObject({
      title: 'Unreviewed new title',
      pendingChanges: null,
    });
  });

  test('a rejected edit is dropped, with a reason for the contributor, and the public version never changed', async () => {
    const id = await publishedPolicy('Stable public title');
    await cities.query(UPDATE, { id, v: 2, title: 'Rejected idea' }, owner);
    const rejected = await moderate(id, 3, { decision: 'REJECT', reason: 'Keep the official title.' }, secretariat);
    expect(rejected.data.moderatePolicy).toMatchObject({
      status: 'PUBLISHED',
      rejectionReason: 'Keep the official title.',
    });
    expect((await cities.query<any>(READ_FULL, { id }, owner)).data.policy).toMatchObject({
      title: 'Stable public title',
      pendingChanges: null,
      rejectionReason: 'Keep the official title.',
    });
  });

  test('the change feed shows the approved edit, not the proposal', async () => {
    const FEED = `query($after: String) { changes { cities(first: 100, after: $after) { edges { node { operation entityId } } pageInfo { endCursor } } } }`;
    /** Reads on from a cursor until `done` holds; the feed waits for older transactions on the shared server. */
    async function feedUntil(
      after: string | null,
      done: (entries: Array<{ operation: string; entityId: string }>) => boolean,
    ) {
      const entries: Array<{ operation: string; entityId: string }> = [];
      let cursor = after;
      for (const deadline = Date.now() + 20_000; Date.now() < deadline;) {
        const page = (await cities.query<any>(FEED, { after: cursor })).data.changes.cities;
        entries.push(...page.edges.map((edge: any) => edge.node));
        cursor = page.pageInfo.endCursor;
        if (done(entries)) break;
      }
      return { entries, cursor };
    }
    const id = await publishedPolicy('Feed-visible policy');
    const published = await feedUntil(null, (entries) => entries.some((entry) => entry.entityId === id));
    await cities.query(UPDATE, { id, v: 2, title: 'Proposed only' }, owner);
    await moderate(id, 3, { decision: 'APPROVE' }, secretariat);
    const { entries } = await feedUntil(published.cursor, (found) => found.length > 0);
    // Only the approval: the proposal before it never reached the feed.
    expect(entries).toEqual([{ operation: 'UPDATED', entityId: id }]);
  });
});
