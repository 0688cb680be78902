import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

import { REPOSITORY_ROOT } from '../src/paths';

/*
 * The README's "Build a client" recipe, run as written: GraphQL Code Generator with the committed configuration
 * against the committed supergraph, then `tsc --noEmit` over the example client and what was generated. A schema
 * change that breaks the example's operations, or a codegen upgrade that changes the recipe, fails here.
 */
const run = promisify(execFile);
const bin = (name: string) => path.join(REPOSITORY_ROOT, 'node_modules', '.bin', name);

test('the example client is generated from the supergraph and type-checks', async () => {
  await run(bin('graphql-codegen'), ['--config', 'tools/examples/client/codegen.ts', '--silent'], {
    cwd: REPOSITORY_ROOT,
    env: { ...process.env, CI: 'true' },
  });
  await run(bin('tsc'), ['--noEmit', '-p', 'tools/examples/client/tsconfig.json'], { cwd: REPOSITORY_ROOT });
}, 180_000);
