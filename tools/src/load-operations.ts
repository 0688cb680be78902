/*
 * The operations of `npm run bench -- --load` (issue 14's read-path measurements), all anonymous public reads
 * through the gateway. To add one, add a row; one that needs a root field the schema may lack names it in
 * `requiresRootField` and is skipped, with a note, until the field exists.
 */

export interface LoadOperation {
  /** Short key for `--operations` and `--operation`, for example `a`. */
  key: string;
  label: string;
  /** Skip the operation, with a printed note, when the gateway's Query type has no such field. */
  requiresRootField?: string;
  /** The query; a function receives the introspected schema, for operations that adapt to it. */
  query: string | ((schema: IntrospectedSchema) => string | { skip: string });
  variables?: Record<string, unknown>;
}

/** The parts of an introspection result the operations read. */
export interface IntrospectedSchema {
  queryType: { name: string };
  types: IntrospectedType[];
}
export interface IntrospectedType {
  name: string;
  kind: string;
  fields: Array<{ name: string; args: Array<{ name: string; type: TypeReference }>; type: TypeReference }> | null;
}
export interface TypeReference {
  kind: string;
  name: string | null;
  ofType: TypeReference | null;
}

const namedType = (reference: TypeReference): TypeReference =>
  reference.ofType ? namedType(reference.ofType) : reference;

/**
 * Every scalar and enum field of a type without required arguments, and of its object fields down to `depth`: a
 * generic selection for a report whose shape this benchmark does not know yet.
 */
export function selectEverything(schema: IntrospectedSchema, typeName: string, depth: number): string {
  const type = schema.types.find((candidate) => candidate.name === typeName);
  const parts: string[] = [];
  for (const field of type?.fields ?? []) {
    if (field.name.startsWith('__') || field.args.some((arg) => arg.type.kind === 'NON_NULL')) continue;
    const target = namedType(field.type);
    if (target.kind === 'SCALAR' || target.kind === 'ENUM') parts.push(field.name);
    else if (target.kind === 'OBJECT' && depth > 0) {
      const inner = selectEverything(schema, target.name!, depth - 1);
      if (inner !== '__typename') parts.push(`${field.name} { ${inner} }`);
    }
  }
  return parts.length > 0 ? parts.join(' ') : '__typename';
}

/** (e): the network report, once another issue adds `networkReport`; until then skipped. */
function networkReportQuery(schema: IntrospectedSchema): string | { skip: string } {
  const query = schema.types.find((type) => type.name === schema.queryType.name);
  const field = query?.fields?.find((candidate) => candidate.name === 'networkReport');
  if (!field) return { skip: 'the schema has no Query.networkReport yet' };
  const required = field.args.filter((arg) => arg.type.kind === 'NON_NULL').map((arg) => arg.name);
  if (required.length > 0) {
    return {
      skip: `Query.networkReport needs arguments (${required.join(', ')}): give this operation its query in tools/src/load-operations.ts`,
    };
  }
  return `{ networkReport { ${selectEverything(schema, namedType(field.type).name!, 2)} } }`;
}

export const LOAD_OPERATIONS: readonly LoadOperation[] = [
  {
    key: 'a',
    label: '(a) cities(first: 50) { name country }',
    query: `{ cities(first: 50) { edges { node { name country } } } }`,
  },
  {
    key: 'b',
    label: '(b) 20 cities + policies, events, educationReach',
    query: `{ cities(first: 20) { totalCount edges { node { id name country region
      policies(first: 3) { totalCount edges { node { title status adoptedIn } } }
      events(first: 5) { totalCount edges { node { title startsAt format } } }
      educationReach(year: 2023) { programs cohorts enrolled completed completionRate } } } } }`,
  },
  {
    key: 'c',
    label: '(c) policy search "housing", 20 ranked',
    query: `{ policies(first: 20, filter: { search: "housing" }) { totalCount edges { node { title adoptedIn city { name } } } } }`,
  },
  {
    key: 'd',
    label: '(d) forum edition 2023, all subgraphs',
    query: `{ forumEdition(year: 2023) { number year theme startsOn endsOn format
      hostCity { name country policies(first: 3) { totalCount edges { node { title } } }
        educationReach(year: 2023) { programs enrolled completionRate } }
      events(first: 20) { totalCount edges { node { title startsAt format hostCity { name }
        programs(first: 3) { totalCount edges { node { title } } } } } } } }`,
  },
  {
    key: 'e',
    label: '(e) network report',
    requiresRootField: 'networkReport',
    query: networkReportQuery,
  },
];
