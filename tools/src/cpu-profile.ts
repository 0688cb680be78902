import path from 'node:path';

import { REPOSITORY_ROOT } from './paths';

/** The parts of a V8 `.cpuprofile` (what `node --cpu-prof` writes) the summary reads. */
export interface CpuProfile {
  nodes: Array<{
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
    hitCount?: number;
    children?: number[];
  }>;
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface SelfTime {
  name: string;
  /** Milliseconds of self time. */
  ms: number;
  /** Share of busy time (everything but idle), 0 to 1. */
  share: number;
}

export interface CpuProfileSummary {
  totalMs: number;
  idleMs: number;
  busyMs: number;
  byCategory: SelfTime[];
  byPackage: SelfTime[];
  byFunction: SelfTime[];
}

/** Families of packages the issue talks about, so "MikroORM" is one line however many @mikro-orm packages share it. */
const CATEGORIES: Array<[RegExp, string]> = [
  [/^@mikro-orm\//, 'MikroORM'],
  [/^knex$/, 'knex'],
  [
    /^(pg|pg-protocol|pg-pool|pg-types|pg-connection-string|postgres-array|postgres-bytea|postgres-date|postgres-interval)$/,
    'pg (driver)',
  ],
  [/^graphql$/, 'graphql-js'],
  [/^(@apollo\/|@apollographql\/|@graphql-tools\/|@whatwg-node\/)/, 'Apollo / graphql-tools'],
  [/^(type-graphql|class-validator|class-transformer|reflect-metadata)$/, 'type-graphql / validators'],
  [/^dataloader$/, 'dataloader'],
  [
    /^(pino|pino-std-serializers|sonic-boom|fast-redact|thread-stream|on-exit-leak-free|quick-format-unescaped)$/,
    'pino (logging)',
  ],
  [/^(prom-client|tdigest|bintrees)$/, 'prom-client (metrics)'],
  [/^(undici|node-fetch|make-fetch-happen)$/, 'undici (HTTP client)'],
  [/^@hrc\//, 'hub code (@hrc/*)'],
];

const NATIVE = '(V8 builtins and native functions)';

/** A file, shortened to its path inside its package or this repository. */
function shortLocation(url: string): string {
  const file = url.startsWith('file://') ? decodeURIComponent(new URL(url).pathname) : url;
  const marker = `${path.sep}node_modules${path.sep}`;
  const at = file.lastIndexOf(marker);
  if (at >= 0) return file.slice(at + marker.length);
  const relative = path.relative(REPOSITORY_ROOT, file);
  return relative.startsWith('..') ? file : relative;
}

/** Where a function's code lives: a package from node_modules, a workspace of this repository, Node or V8. */
export function packageOf(url: string, functionName: string): string {
  if (functionName === '(garbage collector)') return '(garbage collector)';
  if (functionName === '(program)') return '(program: V8 and native, unattributed)';
  if (functionName === '(idle)') return '(idle)';
  if (functionName === '(root)') return '(root)';
  if (!url) return NATIVE;
  // Node's fetch is undici, bundled in core: named apart, since the gateway's subgraph calls go through it.
  if (url.startsWith('node:internal/deps/undici/')) return "undici (Node's fetch)";
  if (url.startsWith('node:internal/deps/')) return `node:${url.slice('node:internal/deps/'.length).split('/')[0]}`;
  if (url.startsWith('node:')) return url.startsWith('node:internal/') ? url.split('/').slice(0, 2).join('/') : url;
  if (url.startsWith('wasm:')) return "WebAssembly (in Node: undici's llhttp)";
  const file = url.startsWith('file://') ? decodeURIComponent(new URL(url).pathname) : url;
  const marker = `${path.sep}node_modules${path.sep}`;
  const at = file.lastIndexOf(marker);
  if (at >= 0) {
    const parts = file.slice(at + marker.length).split(path.sep);
    return parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
  }
  const relative = path.relative(REPOSITORY_ROOT, file);
  if (!relative.startsWith('..')) {
    const match = /^(services\/kit\/[^/]+|services\/[^/]+|gateway|tools)\//.exec(relative.split(path.sep).join('/'));
    return match ? `@hrc/${workspaceName(match[1]!)}` : relative;
  }
  return file;
}

function workspaceName(folder: string): string {
  if (folder.startsWith('services/kit/')) return `${folder.slice('services/kit/'.length)}-kit`;
  if (folder.startsWith('services/')) return folder.slice('services/'.length);
  return folder;
}

export function categoryOf(packageName: string): string {
  if (packageName.startsWith('(')) return packageName === '(garbage collector)' ? 'garbage collection' : packageName;
  if (packageName.startsWith('undici') || packageName.startsWith('WebAssembly')) return 'undici (HTTP client)';
  if (packageName.startsWith('node:')) return 'node (core modules)';
  return CATEGORIES.find(([pattern]) => pattern.test(packageName))?.[1] ?? packageName;
}

function ranked(totals: Map<string, number>, busyMs: number): SelfTime[] {
  return [...totals.entries()]
    .map(([name, ms]) => ({ name, ms, share: busyMs > 0 ? ms / busyMs : 0 }))
    .sort((left, right) => right.ms - left.ms);
}

/**
 * A span of the monotonic clock in microseconds: V8 stamps profiles with it, and another process on the same
 * machine reads the same clock as `process.hrtime.bigint() / 1000n`.
 */
export interface MonotonicWindow {
  fromMicros: number;
  toMicros: number;
}

/** Now, on the clock V8's profiles use. */
export function monotonicMicros(): number {
  return Number(process.hrtime.bigint() / 1000n);
}

/**
 * Self time per category, package and function. Each sample's duration is the gap to the next sample (V8's
 * timeDeltas), attributed to the frame on top of the stack (for packages, native frames go to their caller); idle time is left out of the shares. With a window, only
 * samples taken inside it count (to leave out start-up).
 */
export function summariseCpuProfile(profile: CpuProfile, window?: MonotonicWindow): CpuProfileSummary {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const parents = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
  // Native and V8 builtin frames have no URL; charge them to the nearest JavaScript caller, whose package made the call.
  const ownerPackage = new Map<number, string>();
  const packageCharged = (id: number): string => {
    const known = ownerPackage.get(id);
    if (known) return known;
    const { url, functionName } = nodes.get(id)!.callFrame;
    const own = packageOf(url, functionName);
    const parent = parents.get(id);
    const charged =
      own === NATIVE && parent !== undefined && nodes.get(parent)!.callFrame.functionName !== '(root)'
        ? packageCharged(parent)
        : own;
    ownerPackage.set(id, charged);
    return charged;
  };
  let sampledAt = profile.startTime;
  const byPackage = new Map<string, number>();
  const byCategory = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let idleMs = 0;
  let totalMs = 0;
  for (let index = 0; index < profile.samples.length; index += 1) {
    sampledAt += profile.timeDeltas[index] ?? 0;
    if (window && (sampledAt < window.fromMicros || sampledAt > window.toMicros)) continue;
    const next = profile.timeDeltas[index + 1];
    const ms = (next ?? 0) / 1000;
    const node = nodes.get(profile.samples[index]!);
    if (!node) continue;
    totalMs += ms;
    const { functionName, url, lineNumber } = node.callFrame;
    const packageName = packageCharged(node.id);
    if (packageName === '(idle)') {
      idleMs += ms;
      continue;
    }
    byPackage.set(packageName, (byPackage.get(packageName) ?? 0) + ms);
    const category = categoryOf(packageName);
    byCategory.set(category, (byCategory.get(category) ?? 0) + ms);
    const where = url ? ` ${shortLocation(url)}:${lineNumber + 1}` : '';
    const label = `${functionName || '(anonymous)'}${where}`;
    byFunction.set(label, (byFunction.get(label) ?? 0) + ms);
  }
  const busyMs = totalMs - idleMs;
  return {
    totalMs,
    idleMs,
    busyMs,
    byCategory: ranked(byCategory, busyMs),
    byPackage: ranked(byPackage, busyMs),
    byFunction: ranked(byFunction, busyMs),
  };
}

/** The summary as printed by `npm run bench -- --profile <service>`. */
export function formatCpuProfileSummary(summary: CpuProfileSummary, top = 12): string {
  const row = (entry: SelfTime) =>
    `  ${(entry.share * 100).toFixed(1).padStart(5)}%  ${(entry.ms / 1000).toFixed(2).padStart(7)} s  ${entry.name}`;
  return [
    `Sampled ${(summary.totalMs / 1000).toFixed(1)} s: busy ${(summary.busyMs / 1000).toFixed(1)} s, idle ${(summary.idleMs / 1000).toFixed(1)} s. ` +
      'Shares are of busy time, by self time; in the category and package tables, native and V8 builtin frames count for the JavaScript that called them.',
    'By category:',
    ...summary.byCategory.slice(0, top).map(row),
    'By package:',
    ...summary.byPackage.slice(0, top).map(row),
    'Top functions:',
    ...summary.byFunction.slice(0, top).map(row),
  ].join('\n');
}
