import { ANONYMOUS, type Identity } from '@hrc/service-kit';

import { CALLERS, RULES, Rule, actsFor, allows, assertAllowed, outcomeFor, type CallerKind } from '../src';

const OWN = '00000000-0000-4000-8000-000000000001';
const OTHER = '00000000-0000-4000-8000-000000000002';

const callers: Record<CallerKind, Identity> = {
  anonymous: ANONYMOUS,
  owner: { subject: 'owner', organizationId: OWN, roles: ['partner'] },
  'other partner': { subject: 'other', organizationId: OTHER, roles: ['partner'] },
  liaison: { subject: 'liaison', organizationId: null, roles: ['liaison'] },
  secretariat: { subject: 'secretariat', organizationId: null, roles: ['secretariat'] },
};

function outcomeOf(rule: Rule, identity: Identity): string {
  try {
    assertAllowed(rule, identity, [OWN]);
    return 'OK';
  } catch (error) {
    return String((error as { extensions?: { code?: string } }).extensions?.code);
  }
}

describe('every rule, for every kind of caller', () => {
  test.each(Object.values(Rule).flatMap((rule) => CALLERS.map((caller) => [rule, caller] as const)))(
    '%s as %s: the enforced outcome is the documented one',
    (rule, caller) => {
      expect(outcomeOf(rule, callers[caller])).toBe(outcomeFor(rule, caller));
    },
  );

  test('the table reads as the README says', () => {
    const table = Object.fromEntries(
      Object.values(Rule).map((rule) => [rule, CALLERS.map((caller) => outcomeFor(rule, caller)).join(' ')]),
    );
    expect(table).toEqual({
      PUBLIC: 'OK OK OK OK OK',
      SIGNED_IN: 'UNAUTHENTICATED OK OK OK OK',
      CONTRIBUTOR: 'UNAUTHENTICATED OK OK FORBIDDEN OK',
      OWNER: 'UNAUTHENTICATED OK FORBIDDEN FORBIDDEN OK',
      REPORTER: 'UNAUTHENTICATED FORBIDDEN FORBIDDEN OK OK',
      SECRETARIAT: 'UNAUTHENTICATED FORBIDDEN FORBIDDEN FORBIDDEN OK',
    });
  });

  test('FORBIDDEN names who may act, from the rule', () => {
    expect(() => assertAllowed(Rule.SECRETARIAT, callers.owner)).toThrow(`Only ${RULES.SECRETARIAT.who} may do this`);
  });
});

describe('acting for an organisation', () => {
  test('only a partner token acts for its organisation; an org claim on another role counts for nothing', () => {
    expect(actsFor(callers.owner, [OWN])).toBe(true);
    expect(actsFor(callers.owner, [OTHER, null])).toBe(false);
    expect(actsFor({ subject: 'liaison', organizationId: OWN, roles: ['liaison'] }, [OWN])).toBe(false);
    expect(actsFor(callers.secretariat, [])).toBe(true);
  });

  test('an ownership rule without owners checks the roles only, so a resolver can gate before the service reads the record', () => {
    expect(allows(Rule.OWNER, callers['other partner'])).toBe(true);
    expect(allows(Rule.OWNER, callers['other partner'], [OWN])).toBe(false);
    expect(allows(Rule.OWNER, callers.liaison)).toBe(false);
  });
});
