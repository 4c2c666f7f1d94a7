import { readFileSync } from 'node:fs';

/** Linux counts a process's CPU time in ticks of 1/100 s (USER_HZ, `getconf CLK_TCK`). */
const TICKS_PER_SECOND = 100;

/**
 * The CPU seconds, user and system, a process and its threads have used so far (the checkpointer,
 * the garbage collector's threads), from /proc; null where there is no /proc or no such process.
 */
export function cpuSeconds(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  // The command's name, in parentheses, may hold spaces: count the fields after the last ')'.
  // utime and stime are fields 14 and 15 of the line, the 12th and 13th after the name.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}
