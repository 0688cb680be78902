import { readFileSync } from 'node:fs';

import { README_PATH } from '../src/paths';
import { expectedReadme } from '../src/policy-docs';

test("README.md's policy section is what the code declares (run `npm run docs` if not)", async () => {
  expect(readFileSync(README_PATH, 'utf8')).toBe(await expectedReadme());
});
