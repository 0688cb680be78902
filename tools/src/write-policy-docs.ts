import 'reflect-metadata';

import { writePolicyDocs } from './policy-docs';

/**
 * `npm run docs`: writes the policy section of README.md (between `<!-- policy:start -->` and `<!-- policy:end -->`)
 * from the policy module and the rules the resolvers declare. With `--check` it writes nothing and fails when stale.
 */
async function main() {
  const check = process.argv.includes('--check');
  const upToDate = await writePolicyDocs({ check });
  if (check && !upToDate) process.exit(1);
  if (upToDate) console.log('the policy section of README.md is up to date');
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
