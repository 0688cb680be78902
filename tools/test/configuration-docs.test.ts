import { readFileSync } from 'node:fs';

import { gatewayEnvironmentSchema, loadGatewayConfig } from '@hrc/gateway';
import { SUBGRAPHS, subgraphUrlVariable } from '@hrc/registry';
import { subgraphEnvironmentSchema } from '@hrc/service-kit';

import { toolsEnvironmentSchema } from '../src/config';
import { README_PATH } from '../src/paths';

/*
 * The README's configuration table names every variable that a service or a tool reads: the keys of the zod schemas in
 * gateway/src/config.ts, the subgraphs' config.ts (all built on the kit's subgraphEnvironmentSchema) and
 * tools/src/config.ts. Each row's "used by" names the reader, and no row names a variable nothing reads.
 */

/** The keys of a zod object schema, through the transforms and refinements wrapped around it. */
function keysOf(schema: unknown): string[] {
  let current = schema as { shape?: Record<string, unknown>; in?: unknown; _zod?: { def?: { innerType?: unknown } } };
  for (let depth = 0; depth < 10 && current; depth++) {
    if (current.shape) return Object.keys(current.shape);
    current = (current.in ?? current._zod?.def?.innerType) as typeof current;
  }
  throw new Error('not a zod object schema');
}

interface Row {
  variables: string[];
  usedBy: string;
}

function configurationTable(readme: string): Row[] {
  const section = readme.split(/^## Configuration$/m)[1]!.split(/^## /m)[0]!;
  return section
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .map((line) => {
      const [names, usedBy] = line.split('|').slice(1, 3) as [string, string];
      return { variables: [...names.matchAll(/`([^`]+)`/g)].map((match) => match[1]!), usedBy };
    });
}

const READERS = [
  { reader: 'gateway', keys: keysOf(gatewayEnvironmentSchema), usedBy: /gateway|every service/ },
  { reader: 'subgraphs', keys: keysOf(subgraphEnvironmentSchema(4001)), usedBy: /subgraphs|every service/ },
  { reader: 'tools', keys: keysOf(toolsEnvironmentSchema), usedBy: /`npm (start|test|run [a-z]+)/ },
];

const rows = configurationTable(readFileSync(README_PATH, 'utf8'));
const rowOf = (variable: string) => rows.find((row) => row.variables.includes(variable));

test.each(READERS.map((reader) => [reader.reader, reader] as const))(
  'every variable the %s read has a row that names them',
  (_reader, { keys, usedBy }) => {
    expect(keys.length).toBeGreaterThan(3);
    expect(keys.filter((key) => !rowOf(key))).toEqual([]);
    expect(keys.filter((key) => !usedBy.test(rowOf(key)!.usedBy))).toEqual([]);
  },
);

test('every documented variable is read by a service or a tool', () => {
  const read = new Set(READERS.flatMap((reader) => reader.keys));
  const documented = rows.flatMap((row) => row.variables);
  expect(documented.filter((variable) => !read.has(variable) && variable !== '<NAME>_SUBGRAPH_URL')).toEqual([]);
});

test('<NAME>_SUBGRAPH_URL is read by the gateway for every registered subgraph', () => {
  expect(rowOf('<NAME>_SUBGRAPH_URL')?.usedBy).toMatch(/gateway/);
  const environment = Object.fromEntries(
    SUBGRAPHS.map((subgraph) => [subgraphUrlVariable(subgraph), `http://${subgraph.name}.internal:4000/graphql`]),
  );
  const { subgraphUrls } = loadGatewayConfig(environment);
  for (const subgraph of SUBGRAPHS) {
    expect(subgraphUrls[subgraph.name]).toBe(`http://${subgraph.name}.internal:4000/graphql`);
  }
});
