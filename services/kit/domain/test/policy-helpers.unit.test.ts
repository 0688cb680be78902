import { randomUUID } from 'node:crypto';

import { ANONYMOUS, type Identity } from '@hrc/service-kit';

import { allows, allowsSql, organizationOfWrite, Rule } from '../src';

const OWN = randomUUID();
const OTHER = randomUUID();

const CALLERS: Record<string, Identity> = {
  anonymous: ANONYMOUS,
  partner: { subject: 'partner', organizationId: OWN, roles: ['partner'] },
  'partner without an organisation': { subject: 'lost', organizationId: null, roles: ['partner'] },
  'liaison with an org claim': { subject: 'liaison', organizationId: OWN, roles: ['liaison'] },
  secretariat: { subject: 'secretariat', organizationId: null, roles: ['secretariat'] },
};

/** The typed error a refused call throws. */
const refusedWith = (code: string) => expect.objectContaining({ extensions: expect.objectContaining({ code }) });

/** Evaluates the SQL `allowsSql` builds against one row, the way PostgreSQL would (null equals nothing). */
function evaluate({ sql, bindings }: { sql: string; bindings: string[] }, row: Record<string, string | null>): boolean {
  if (sql === 'true') return true;
  if (sql === 'false') return false;
  const columns = [...sql.matchAll(/(\w+\.\w+) = \?/g)].map((match) => match[1]!);
  return columns.some((column, index) => row[column] !== null && row[column] === bindings[index]);
}

const ROWS = [
  { 'r.organization_id': OWN, 'e.contributed_by': OTHER },
  { 'r.organization_id': OTHER, 'e.contributed_by': OWN },
  { 'r.organization_id': OTHER, 'e.contributed_by': null },
  { 'r.organization_id': null, 'e.contributed_by': null },
];

describe.each(Object.entries(CALLERS))('a private list read by %s', (_name, identity) => {
  test.each(Object.values(Rule))('%s: the SQL keeps exactly the rows `allows` would', (rule) => {
    const sql = allowsSql(rule, identity, ['r.organization_id', 'e.contributed_by']);
    for (const row of ROWS) {
      expect(evaluate(sql, row)).toBe(allows(rule, identity, Object.values(row)));
    }
  });
});

describe('allowsSql: the OWNER rule over one owner column', () => {
  test.each([
    ['anonymous', CALLERS.anonymous!, 'false', []],
    ['UN liaison', CALLERS['liaison with an org claim']!, 'false', []],
    ['a partner', CALLERS.partner!, '(p.provider_id = ?)', [OWN]],
    ['a partner without an organisation', CALLERS['partner without an organisation']!, 'false', []],
    ['the secretariat', CALLERS.secretariat!, 'true', []],
  ] as Array<[string, Identity, string, string[]]>)('%s', (_label, identity, sql, bindings) => {
    expect(allowsSql(Rule.OWNER, identity, ['p.provider_id'])).toEqual({ sql, bindings });
  });

  test('a partner with no owner columns to match reads nothing', () => {
    expect(allowsSql(Rule.OWNER, CALLERS.partner!, [])).toEqual({ sql: 'false', bindings: [] });
  });
});

describe('organizationOfWrite: the organisation a new record is written for', () => {
  test('the secretariat names the organisation, or none', () => {
    expect(organizationOfWrite(CALLERS.secretariat!, OTHER)).toBe(OTHER);
    expect(organizationOfWrite(CALLERS.secretariat!, undefined)).toBeNull();
    expect(organizationOfWrite(CALLERS.secretariat!, null)).toBeNull();
  });

  test('a partner writes for its own organisation and may not name another', () => {
    expect(organizationOfWrite(CALLERS.partner!, undefined)).toBe(OWN);
    expect(organizationOfWrite(CALLERS.partner!, OWN)).toBe(OWN);
    expect(() => organizationOfWrite(CALLERS.partner!, OTHER)).toThrow(refusedWith('FORBIDDEN'));
    expect(() => organizationOfWrite(CALLERS['partner without an organisation']!, undefined)).toThrow(
      refusedWith('FORBIDDEN'),
    );
  });

  test('an org claim on another role, or no token, writes for nobody', () => {
    expect(() => organizationOfWrite(CALLERS['liaison with an org claim']!, undefined)).toThrow(
      refusedWith('FORBIDDEN'),
    );
    expect(() => organizationOfWrite(ANONYMOUS, undefined)).toThrow(refusedWith('UNAUTHENTICATED'));
  });
});
