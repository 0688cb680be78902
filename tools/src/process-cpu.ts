import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/*
 * CPU time of processes from Linux's /proc, for the load benchmark's "CPU seconds per 1,000 requests". Where /proc
 * is missing (macOS) every reading is null and the benchmark prints "n/a".
 */

let clockTicks: number | undefined;

/** Kernel clock ticks per second, the unit of /proc/<pid>/stat's times (100 on Linux almost everywhere). */
function ticksPerSecond(): number {
  if (clockTicks === undefined) {
    try {
      clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      clockTicks = 100;
    }
  }
  return clockTicks;
}

interface ProcessStat {
  command: string;
  parent: number;
  /** utime + stime, in seconds. */
  own: number;
  /** cutime + cstime: children that exited and were waited for, in seconds. */
  reapedChildren: number;
}

function readStat(pid: number): ProcessStat | null {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  // The command sits in parentheses and may itself contain spaces or parentheses: split after the last one.
  const close = text.lastIndexOf(')');
  const command = text.slice(text.indexOf('(') + 1, close);
  const fields = text.slice(close + 2).split(' ');
  const ticks = ticksPerSecond();
  // Fields from 3 (state): ppid is field 4, utime 14, stime 15, cutime 16, cstime 17 (proc(5)).
  return {
    command,
    parent: Number(fields[1]),
    own: (Number(fields[11]) + Number(fields[12])) / ticks,
    reapedChildren: (Number(fields[13]) + Number(fields[14])) / ticks,
  };
}

/** CPU seconds (user + system) one process has used so far; null when it is gone or /proc is unavailable. */
export function processCpuSeconds(pid: number): number | null {
  return readStat(pid)?.own ?? null;
}

/**
 * CPU seconds used so far by a PostgreSQL server: the postmaster, every live child (backends, walwriter,
 * autovacuum, …) and, through the postmaster's cutime/cstime, every child that has already exited. That is the
 * whole server, including other databases' and other clients' work.
 */
export function postgresServerCpuSeconds(postmasterPid: number): number | null {
  const postmaster = readStat(postmasterPid);
  if (!postmaster) return null;
  let total = postmaster.own + postmaster.reapedChildren;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(Number(entry));
    if (stat?.parent === postmasterPid) total += stat.own;
  }
  return total;
}

/**
 * CPU seconds used so far by the live backends connected to one database, found by PostgreSQL's process title
 * ("postgres: <cluster>: <user> <database> <client> <activity>"). Backends that exit take their time with them, so
 * this is a lower bound; it leaves out other databases' clients, which the whole-server figure includes.
 */
export function postgresDatabaseCpuSeconds(postmasterPid: number, database: string): number | null {
  if (!readStat(postmasterPid)) return null;
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(Number(entry));
    if (stat?.parent !== postmasterPid) continue;
    let title: string;
    try {
      title = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ');
    } catch {
      continue;
    }
    // The cluster name ("15/main:") is there only when cluster_name is set.
    const words = title.trim().split(/\s+/);
    const client = words[1]?.endsWith(':') ? words.slice(2) : words.slice(1);
    if (words[0] === 'postgres:' && client[1] === database) total += stat.own;
  }
  return total;
}

/**
 * The postmaster of the server a backend belongs to (its parent), when that server runs on this machine and in
 * this process namespace; null otherwise (a remote or containerised server).
 */
export function postmasterOf(backendPid: number): number | null {
  const backend = readStat(backendPid);
  if (!backend || !backend.command.startsWith('postgres')) return null;
  const parent = readStat(backend.parent);
  return parent && parent.command.startsWith('postgres') ? backend.parent : null;
}
