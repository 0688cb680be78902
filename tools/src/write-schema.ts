import 'reflect-metadata';

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { SCHEMA_DIR, SUPERGRAPH_PATH } from './paths';
import { writePolicyDocs } from './policy-docs';
import { composeSupergraph, printSubgraphs } from './supergraph';

/**
 * `npm run schema`: writes schema/<subgraph>.graphql, the composed schema/supergraph.graphql and the README's policy
 * section (the rules the resolvers declare change with them). With `--check` it writes nothing and fails when a
 * committed file differs from what the code produces.
 */
async function main() {
  const check = process.argv.includes('--check');
  const subgraphs = await printSubgraphs();
  const files = new Map<string, string>(
    subgraphs.map(({ name, sdl }) => [path.join(SCHEMA_DIR, `${name}.graphql`), `${sdl}\n`]),
  );
  files.set(SUPERGRAPH_PATH, composeSupergraph(subgraphs));
  let stale = 0;
  for (const [file, content] of files) {
    const current = existsSync(file) ? readFileSync(file, 'utf8') : null;
    if (current === content) continue;
    if (check) {
      console.error(`out of date: ${path.relative(process.cwd(), file)} (run npm run schema)`);
      stale += 1;
    } else {
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, content);
      console.log(`wrote ${path.relative(process.cwd(), file)}`);
    }
  }
  if (!(await writePolicyDocs({ check })) && check) stale += 1;
  if (stale > 0) process.exit(1);
  if (!check) console.log('schema is up to date');
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
