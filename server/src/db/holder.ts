import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';

/**
 * A name for one holder of leases (`host:pid:random`): unique across instances, restarts and the
 * several apps a test builds in one process, and readable enough that an operator looking at
 * `job_run` knows which server ran what.
 */
export function newHolderName(): string {
  return `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`.slice(-96);
}
