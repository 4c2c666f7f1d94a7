import type { UnitRef } from '@xinfang/shared/lifecycle';
import { type Actors, buildPetition } from './build-petition';

/**
 * A seeding worker (a child process): builds the petitions it is sent (the lifecycle, the clocks,
 * the rows, the signatures — the expensive part) and sends them back in batches; the parent
 * writes them and answers 'written' for each. At most two batches are in flight, so a database
 * slower than the workers (MariaDB with durable commits) holds them back instead of the parent's
 * queue growing until it runs out of memory (a 1,000,000 seed did, at 4 GB).
 */
export interface SeedJob {
  first: number;
  owners: string[];
  /** The petition numbers' serials start after this. */
  serialBase: number;
  units: [string, UnitRef][];
  actors: Actors;
  now: number;
  batch: number;
}

export type Built = ReturnType<typeof buildPetition>;

const send = (message: Built[] | 'done') =>
  new Promise<void>((resolve, reject) =>
    process.send?.(message, (error: Error | null) => (error ? reject(error) : resolve())),
  );

const IN_FLIGHT = 2;
let inFlight = 0;
let onWritten: (() => void) | null = null;
const written = async (atMost: number) => {
  while (inFlight > atMost) await new Promise<void>((resolve) => (onWritten = resolve));
};

process.once('message', async (job: SeedJob) => {
  process.on('message', (message) => {
    if (message !== 'written') return;
    inFlight -= 1;
    onWritten?.();
  });
  const units = new Map(job.units);
  const unit = (code: string): UnitRef => {
    const found = units.get(code);
    if (!found) throw new Error(`the demo organisation has no unit ${code}`);
    return found;
  };
  for (let start = 0; start < job.owners.length; start += job.batch) {
    const built: Built[] = [];
    for (let i = start; i < Math.min(job.owners.length, start + job.batch); i += 1) {
      built.push(
        buildPetition(
          job.first + i,
          job.serialBase + i + 1,
          job.owners[i] as string,
          unit,
          job.actors,
          job.now,
        ),
      );
    }
    await send(built);
    inFlight += 1;
    await written(IN_FLIGHT - 1);
  }
  // Every batch written before 'done': the parent sends nothing to a worker that has exited.
  await written(0);
  await send('done');
  process.exit(0);
});
