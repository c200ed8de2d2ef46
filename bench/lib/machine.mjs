// @ts-check
/**
 * How busy the machine was with work that is not ours while a run went on:
 * CPU time of the whole machine (/proc/stat) minus that of this process and
 * of the run's browser (its process group). Linux only; elsewhere NaN.
 */
import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** Busy CPU ticks of the whole machine. */
function machineBusyTicks() {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
  // cpu user nice system idle iowait irq softirq steal ...
  const f = line.trim().split(/\s+/).map(Number);
  let busy = 0;
  for (const i of [1, 2, 3, 6, 7, 8]) busy += f[i] ?? 0;
  return busy;
}

/**
 * CPU ticks of this process plus every process in the given process groups.
 * @param {Set<number>} groups
 */
function ourTicks(groups) {
  let total = 0;
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    let stat;
    try {
      stat = readFileSync(`/proc/${name}/stat`, 'utf8');
    } catch {
      continue; // gone
    }
    // Fields after the parenthesised command: state ppid pgrp ... utime(14) stime(15)
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const pgrp = Number(rest[2]);
    if (Number(name) === process.pid || groups.has(pgrp)) total += Number(rest[11]) + Number(rest[12]);
  }
  return total;
}

/**
 * Starts counting; `stop()` gives the CPU used by others during the interval,
 * in cores (0.25 = a quarter of one core on average).
 * @param {() => number[]} groups process groups that are ours (the browser's)
 */
export function watchForeignCpu(groups) {
  if (process.platform !== 'linux') return { stop: () => Number.NaN };
  const t0 = performance.now();
  const busy0 = machineBusyTicks();
  const ours0 = ourTicks(new Set(groups()));
  return {
    stop: () => {
      const seconds = (performance.now() - t0) / 1000;
      const busy = machineBusyTicks() - busy0;
      // Our browser's processes did not exist at the start, so their full count is this run's.
      const ours = ourTicks(new Set(groups())) - ours0;
      return Math.max(0, (busy - ours) / TICKS_PER_SECOND / seconds);
    },
  };
}

/**
 * Machine-wide busy cores over `ms` (nothing of ours should be running then).
 * @param {number} ms
 */
export async function busyCores(ms) {
  if (process.platform !== 'linux') return Number.NaN;
  const t0 = performance.now();
  const b0 = machineBusyTicks();
  await new Promise((resolve) => setTimeout(resolve, ms));
  return (machineBusyTicks() - b0) / TICKS_PER_SECOND / ((performance.now() - t0) / 1000);
}

/**
 * Waits until the machine is quiet (under `threshold` busy cores over 3 s), at most `maxMs`.
 * @param {number} threshold
 * @param {number} maxMs
 * @returns {Promise<{ quiet: boolean, waitedMs: number, busy: number }>}
 */
export async function waitForQuiet(threshold, maxMs) {
  const t0 = performance.now();
  let busy = await busyCores(3000);
  while (!(busy < threshold) && performance.now() - t0 < maxMs) busy = await busyCores(3000);
  return { quiet: busy < threshold, waitedMs: performance.now() - t0, busy };
}
