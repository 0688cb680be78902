import { readFileSync } from 'node:fs';

import { READ_RIGHTS } from '@hrc/domain-kit';

import { readDeclaredPolicy } from '../src/declared-policy';
import { README_PATH } from '../src/paths';
import { expectedReadme } from '../src/policy-docs';

test("README.md's policy section is what the code declares (run `npm run docs` if not)", async () => {
  expect(readFileSync(README_PATH, 'utf8')).toBe(await expectedReadme());
});

test('every read right names fields that declare its rule', async () => {
  const declared = await readDeclaredPolicy();
  const ruleOf = new Map<string, string[]>();
  for (const operation of declared.operations) ruleOf.set(`${operation.root}.${operation.field}`, operation.rules);
  for (const field of declared.fields) ruleOf.set(`${field.type}.${field.field}`, [field.rule]);
  for (const right of READ_RIGHTS) {
    for (const field of right.fields) expect([field, ruleOf.get(field)]).toEqual([field, [right.rule]]);
  }
});
