import { readFileSync } from 'node:fs';

/** Linux counts a process's CPU time in ticks of 1/100 s (USER_HZ, `getconf CLK_TCK`). */
const TICKS_PER_SECOND = 100;

/** CPU seconds, user and system, that a process has used so far. */
export interface ProcessCpu {
  /** All its threads together. */
  total: number;
  /**
   * Its threads other than the main one: for Node, V8's compiler and collector threads, libuv's
   * pool and workers (SQLite's checkpointer); for MariaDB, its connection and background threads.
   */
  helpers: number;
}

/** The CPU time a process and its threads have used so far, from /proc; null where there is none. */
export function processCpu(pid: number | undefined): ProcessCpu | null {
  if (pid === undefined) return null;
  const total = cpuOfStat(`/proc/${pid}/stat`);
  if (total === null) return null;
  // The process's own line counts every thread, ended ones included; its main thread is the task
  // whose id is the process's.
  const main = cpuOfStat(`/proc/${pid}/task/${pid}/stat`) ?? total;
  return { total, helpers: Math.max(0, total - main) };
}

function cpuOfStat(path: string): number | null {
  let stat: string;
  try {
    stat = readFileSync(path, 'utf8');
  } catch {
    return null;
  }
  // The command's name, in parentheses, may hold spaces: count the fields after the last ')'.
  // utime and stime are fields 14 and 15 of the line, the 12th and 13th after the name.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}
