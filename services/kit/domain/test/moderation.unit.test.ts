import { ANONYMOUS, type Identity } from '@hrc/service-kit';

import {
  ModerationDecision,
  ModerationStatus,
  applyDecision,
  applyPendingChanges,
  authorizeDecision,
  canRead,
  reviseContribution,
  visibilitySql,
  type Contribution,
} from '../src';

const ORG = '00000000-0000-4000-8000-000000000001';
const partner: Identity = { subject: 'p', organizationId: ORG, roles: ['partner'] };
const secretariat: Identity = { subject: 's', organizationId: null, roles: ['secretariat'] };

interface Record extends Contribution {
  title: string;
  startsAt: Date;
  capacity: number | null;
}

function record(status: ModerationStatus, changes: Partial<Record> = {}): Record {
  return {
    status,
    contributedBy: ORG,
    version: 1,
    pendingChanges: null,
    rejectionReason: null,
    title: 'Barrier-free city hall',
    startsAt: new Date('2031-04-01T01:00:00Z'),
    capacity: 10,
    ...changes,
  };
}

const codeOf = (work: () => void) => {
  try {
    work();
    return 'OK';
  } catch (error) {
    return (error as { extensions?: { code?: string } }).extensions?.code;
  }
};

describe('review decisions', () => {
  test.each([
    [ModerationDecision.APPROVE, ModerationStatus.SUBMITTED, ModerationStatus.PUBLISHED],
    [ModerationDecision.REJECT, ModerationStatus.SUBMITTED, ModerationStatus.REJECTED],
    [ModerationDecision.WITHDRAW, ModerationStatus.PUBLISHED, ModerationStatus.WITHDRAWN],
    [ModerationDecision.WITHDRAW, ModerationStatus.REJECTED, ModerationStatus.WITHDRAWN],
    [ModerationDecision.RESTORE, ModerationStatus.WITHDRAWN, ModerationStatus.PUBLISHED],
  ])('%s moves %s to %s', (decision, from, to) => {
    const draft = record(from);
    applyDecision(draft, decision, 'Needs a source', 'Policy');
    expect(draft.status).toBe(to);
    expect(draft.rejectionReason).toBe(decision === ModerationDecision.REJECT ? 'Needs a source' : null);
  });

  test.each([
    [ModerationDecision.APPROVE, ModerationStatus.REJECTED],
    [ModerationDecision.REJECT, ModerationStatus.WITHDRAWN],
    [ModerationDecision.WITHDRAW, ModerationStatus.WITHDRAWN],
    [ModerationDecision.RESTORE, ModerationStatus.PUBLISHED],
  ])('%s on a %s record is a CONFLICT on the decision', (decision, from) => {
    expect(codeOf(() => applyDecision(record(from), decision, 'reason', 'Policy'))).toBe('CONFLICT');
  });

  test('approving a held edit applies it and keeps the record public; rejecting drops it', () => {
    const approved = record(ModerationStatus.PUBLISHED, {
      pendingChanges: { title: 'Accessible city hall', startsAt: '2031-05-01T01:00:00.000Z' },
    });
    applyDecision(approved, ModerationDecision.APPROVE, null, 'Event');
    expect(approved).toMatchObject({
      status: ModerationStatus.PUBLISHED,
      title: 'Accessible city hall',
      pendingChanges: null,
    });
    expect(approved.startsAt).toEqual(new Date('2031-05-01T01:00:00Z'));
    const rejected = record(ModerationStatus.PUBLISHED, { pendingChanges: { title: 'Defaced' } });
    applyDecision(rejected, ModerationDecision.REJECT, 'Not accurate', 'Event');
    expect(rejected).toMatchObject({
      status: ModerationStatus.PUBLISHED,
      title: 'Barrier-free city hall',
      pendingChanges: null,
    });
  });

  test('the contributor may withdraw its own record; everything else is the secretariat’s', () => {
    const submitted = record(ModerationStatus.SUBMITTED);
    expect(codeOf(() => authorizeDecision(partner, ModerationDecision.WITHDRAW, submitted))).toBe('OK');
    expect(codeOf(() => authorizeDecision(partner, ModerationDecision.APPROVE, submitted))).toBe('FORBIDDEN');
    expect(codeOf(() => authorizeDecision(ANONYMOUS, ModerationDecision.WITHDRAW, submitted))).toBe('UNAUTHENTICATED');
    expect(codeOf(() => authorizeDecision(secretariat, ModerationDecision.RESTORE, submitted))).toBe('OK');
  });
});

describe('revising a contribution', () => {
  test("a partner's edit to a published record is held for review, except operational fields", async () => {
    const published = record(ModerationStatus.PUBLISHED);
    const action = await reviseContribution(
      published,
      partner,
      () => {
        published.title = 'Renamed';
        published.capacity = 20;
      },
      ['capacity'],
    );
    expect(action).toBe('PROPOSE');
    expect(published).toMatchObject({
      title: 'Barrier-free city hall',
      capacity: 20,
      pendingChanges: { title: 'Renamed' },
    });
    applyPendingChanges(published);
    expect(published.title).toBe('Renamed');
  });

  test("a partner's edit to a draft goes back to review; the secretariat's publishes", async () => {
    const rejected = record(ModerationStatus.REJECTED);
    expect(await reviseContribution(rejected, partner, () => undefined)).toBe('UPDATE');
    expect(rejected.status).toBe(ModerationStatus.SUBMITTED);
    expect(await reviseContribution(rejected, secretariat, () => undefined)).toBe('UPDATE');
    expect(rejected.status).toBe(ModerationStatus.PUBLISHED);
  });
});

describe('who reads a contribution', () => {
  test('published to all; drafts to the contributing partner and the secretariat, in code and in SQL alike', () => {
    const draft = record(ModerationStatus.SUBMITTED);
    const liaisonWithOrg: Identity = { subject: 'l', organizationId: ORG, roles: ['liaison'] };
    expect([ANONYMOUS, partner, liaisonWithOrg, secretariat].map((identity) => canRead(identity, draft))).toEqual([
      false,
      true,
      false,
      true,
    ]);
    expect(visibilitySql(ANONYMOUS, 'p')).toEqual({ sql: "p.status = 'PUBLISHED'", bindings: [] });
    expect(visibilitySql(liaisonWithOrg, 'p')).toEqual({ sql: "p.status = 'PUBLISHED'", bindings: [] });
    expect(visibilitySql(partner, 'p')).toEqual({
      sql: "(p.status = 'PUBLISHED' or p.contributed_by = ?)",
      bindings: [ORG],
    });
    expect(visibilitySql(secretariat, 'p')).toEqual({ sql: 'true', bindings: [] });
  });
});
