// CPU time of another process (all its threads), read from /proc/<pid>/stat: utime + stime in clock ticks.
// Measuring from outside means neither server needs a debug endpoint, and time spent by other processes on a
// shared machine does not count against the server being measured.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

let ticksPerSecond: number | undefined;

function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

function cpuMsOfStat(stat: string): number {
  // The command name (field 2) may contain spaces and parentheses: count fields after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return ((utime + stime) * 1000) / clockTicks();
}

/** Milliseconds of CPU the process has used so far (user + system, every thread). */
export function processCpuMs(pid: number): number {
  return cpuMsOfStat(readFileSync(`/proc/${pid}/stat`, 'utf8'));
}

/**
 * CPU used so far (ms) by each process named `command`, by pid (a local PostgreSQL's postmaster, backends and
 * background workers are all `postgres`); undefined when none runs here (a remote database).
 */
export function commandCpuSnapshot(command: string): Map<number, number> | undefined {
  const byPid = new Map<number, number>();
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      continue; // exited since the listing
    }
    if (stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')) === command) byPid.set(Number(pid), cpuMsOfStat(stat));
  }
  return byPid.size ? byPid : undefined;
}

/**
 * CPU (ms) used between two snapshots by the processes alive at the second: a process started in between counts
 * whole. One that exited in between is left out with what it used meanwhile: a pool closing idle connections would
 * otherwise subtract their whole lives.
 */
export function cpuMsBetween(before: Map<number, number>, after: Map<number, number>): number {
  let total = 0;
  for (const [pid, ms] of after) total += ms - (before.get(pid) ?? 0);
  return total;
}
