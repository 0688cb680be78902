/*
 * The one registry of the hub's subgraphs. The tools (npm start, schema, migrations), the gateway's defaults, the
 * tests and the compose check all read this table; adding a subgraph is its own package plus one row here.
 */

export interface SubgraphEntry {
  /** The subgraph's name: its package folder (services/<name>), its PostgreSQL schema and its supergraph name. */
  name: string;
  /** The port it listens on by default, and the URL the committed supergraph names. */
  port: number;
  /** Public non-GraphQL path prefixes the gateway forwards to it, signed as the public (GET and HEAD only). */
  publicRoutes: readonly string[];
  /** Non-GraphQL paths that take a POST with the caller's token, forwarded with its identity (CSV imports). */
  tokenRoutes?: readonly string[];
  /** The kinds of record partners contribute to it, reviewed in the secretariat's moderation queue. */
  contributedKinds: readonly string[];
}

export const GATEWAY_PORT = 4000;

export const SUBGRAPHS: readonly SubgraphEntry[] = [
  {
    name: 'cities',
    port: 4001,
    publicRoutes: [],
    tokenRoutes: ['/imports/indicator-values.csv'],
    contributedKinds: ['POLICY', 'INDICATOR_VALUE'],
  },
  { name: 'events', port: 4002, publicRoutes: ['/calendar/'], contributedKinds: ['EVENT'] },
  { name: 'education', port: 4003, publicRoutes: [], contributedKinds: ['PROGRAM'] },
];

export function subgraphNamed(name: string): SubgraphEntry {
  const entry = SUBGRAPHS.find((subgraph) => subgraph.name === name);
  if (!entry) throw new Error(`No subgraph named "${name}" in the registry`);
  return entry;
}

/** Every contributed kind across the hub, in registry order. */
export function contributedKinds(): string[] {
  return SUBGRAPHS.flatMap((subgraph) => subgraph.contributedKinds);
}

/** The environment variable that tells the gateway where a subgraph runs, for example `CITIES_SUBGRAPH_URL`. */
export function subgraphUrlVariable(entry: Pick<SubgraphEntry, 'name'>): string {
  return `${entry.name.toUpperCase()}_SUBGRAPH_URL`;
}

/** The port a service listens on when PORT is unset: the gateway's, or a subgraph's row (the images' healthcheck). */
export function defaultPortOf(service: string): number {
  return service === 'gateway' ? GATEWAY_PORT : subgraphNamed(service).port;
}

/** 127.0.0.1 rather than localhost: Node may resolve localhost to ::1, where the services do not listen. */
export function subgraphUrl(entry: SubgraphEntry, port = entry.port, host = '127.0.0.1'): string {
  return `http://${host}:${port}/graphql`;
}
