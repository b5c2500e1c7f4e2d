// CPU time of a process from /proc/<pid>/stat (Linux): utime + stime, clock ticks -> ms.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';

const ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;

/** `pid`: one process, or several (Azurite's services) whose CPU is added up. */
export function cpuMs(pid) {
  if (Array.isArray(pid)) return pid.reduce((sum, one) => sum + cpuMs(one), 0);
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces) start at field 3; utime is 14, stime 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
}

/** Reads every named pid now; call the result again later for the CPU ms each used in between. */
export function cpuMeter(pids) {
  const read = () => Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, cpuMs(pid)]));
  const before = read();
  return () => {
    const after = read();
    return Object.fromEntries(Object.keys(pids).map((name) => [name, after[name] - before[name]]));
  };
}

export const cpuTickMs = 1000 / ticksPerSecond;

/**
 * Starts measuring the whole machine; the returned function gives the share of all cores (0-1)
 * that processes other than `ourMs` (the benchmark's own CPU ms over the same span) kept busy.
 * On a shared machine this says how much a figure was disturbed.
 */
export function otherLoadMeter() {
  const busyMs = () => {
    const [user, nice, system, , , irq, softirq, steal] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    return ((user + nice + system + irq + softirq + steal) * 1000) / ticksPerSecond;
  };
  const [busyBefore, wallBefore] = [busyMs(), performance.now()];
  return (ourMs) => {
    const busy = busyMs() - busyBefore;
    const wall = performance.now() - wallBefore;
    return Math.max(0, (busy - ourMs) / (wall * os.availableParallelism()));
  };
}

/**
 * Before a measurement: waits, up to `maxSeconds`, until processes outside the benchmark (not in
 * `pids`) use less than `threshold` of the machine. Returns the last share seen; measures anyway.
 */
export async function quietMachine(pids, { threshold = 0.25, maxSeconds = 30 } = {}) {
  if (maxSeconds <= 0) return null;
  const deadline = Date.now() + maxSeconds * 1000;
  for (;;) {
    const ours = cpuMeter(pids);
    const others = otherLoadMeter();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const share = others(Object.values(ours()).reduce((a, b) => a + b, 0));
    if (share < threshold || Date.now() > deadline) return share;
  }
}
