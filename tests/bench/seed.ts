import { fork } from 'node:child_process';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import {
  monthlyDeltas,
  type RollupDelta,
  rollupKey,
} from '@xinfang/server/modules/figures/figure.repository';
import { sumTallies, type TallyRow } from '@xinfang/server/petitions/tallies';
import type { Actor, UnitRef } from '@xinfang/shared/lifecycle';
import type { Actors } from './build-petition';
import type { BenchDriver } from './driver';
import { ulid } from './ids';
import type { Built, SeedJob } from './seed-worker';

/**
 * Bulk seeding for the benchmarks: N petitions in realistic states, written straight into the
 * tables in batched transactions. Each petition goes through `shared`'s `register` and `decide`,
 * and its rows — the row, the events, the units that see it, the text signature, the inbox
 * tallies, the figures' facts and rollups — are built by the server's write path's own functions
 * (build-petition.ts), so they cannot drift from what the server writes; only faster, built in
 * worker processes, without audit entries, and with receipt dates spread over the past two years.
 */
const DAY = 24 * 3600_000;

interface UnitRow {
  id: string;
  code: string;
  path: string;
}

interface StaffRow {
  id: string;
  username: string;
}

export interface SeedWorld {
  units: Map<string, UnitRef & { code: string }>;
  staff: Map<string, string>;
  petitioners: { id: string; phone: string | null }[];
}

export interface SeedPlan {
  size: number;
  /** Petitions of each demo petitioner: a long history, as a frequent petitioner has. */
  perDemoPetitioner: number;
  /** Extra petitioner accounts (no phone), over which the rest of the petitions are spread. */
  otherPetitioners: number;
  /** Accounts without any petition, one for each first submission the bench makes. */
  newcomers: number;
  workers: number;
}

export function planFor(size: number, newcomers: number, workers = cpus().length): SeedPlan {
  return {
    size,
    perDemoPetitioner: Math.min(2000, Math.floor(size * 0.02)),
    otherPetitioners: Math.max(1, Math.floor(size / 20)),
    newcomers,
    workers,
  };
}

export async function loadWorld(db: BenchDriver): Promise<SeedWorld> {
  const units = await db.query<UnitRow>('select id, code, path from org_unit');
  const staff = await db.query<StaffRow>('select id, username from staff_account');
  const petitioners = await db.query<{ id: string; phone_hash: string | null }>(
    'select id, phone_hash from petitioner_account order by created_at, id',
  );
  return {
    units: new Map(
      units.map((u) => [u.code, { id: u.id, code: u.code, path: u.path.split('/').filter(Boolean) }]),
    ),
    staff: new Map(staff.map((s) => [s.username, s.id])),
    petitioners: petitioners.map((p) => ({ id: p.id, phone: p.phone_hash })),
  };
}

/** Seeds the plan's petitions; returns how long it took and the accounts without history. */
export async function seedPetitions(
  db: BenchDriver,
  world: SeedWorld,
  plan: SeedPlan,
): Promise<{ ms: number; newcomers: string[] }> {
  const started = Date.now();
  const now = Date.now();
  const others = await createPetitioners(db, plan.otherPetitioners, now, '信访人');
  const newcomers = await createPetitioners(db, plan.newcomers, now, '新来的信访人');
  await openSessions(db, newcomers, now);
  const owners: string[] = [];
  for (const p of world.petitioners) for (let i = 0; i < plan.perDemoPetitioner; i += 1) owners.push(p.id);
  while (owners.length < plan.size) owners.push(others[owners.length % others.length] as string);

  const unit = (code: string): UnitRef => {
    const found = world.units.get(code);
    if (!found) throw new Error(`the demo organisation has no unit ${code}`);
    return { id: found.id, path: found.path };
  };
  const actors: Actors = {
    groupReception: staffActor(world, 'reception', ['reception'], unit('JA')),
    dsReception: staffActor(world, 'ds.reception', ['reception'], unit('JA-DS')),
    ds: {
      handler: staffActor(world, 'ds.handler', ['handler'], unit('JA-DS-AQK')),
      head: staffActor(world, 'ds.head', ['unit_head'], unit('JA-DS')),
    },
    xh: {
      handler: staffActor(world, 'xh.handler', ['handler'], unit('JA-XH-AQK')),
      head: staffActor(world, 'xh.head', ['unit_head'], unit('JA-XH')),
    },
  };

  // Each worker builds a contiguous share of the petitions.
  const share = Math.ceil(plan.size / plan.workers);
  let tallies: TallyRow[] = [];
  const rollups = new Map<string, RollupDelta>();
  let writes = Promise.resolve();
  await Promise.all(
    Array.from({ length: plan.workers }, (_, w) => {
      const job: SeedJob = {
        first: w * share,
        owners: owners.slice(w * share, (w + 1) * share),
        serialBase: w * share,
        units: [...world.units].map(([code, u]) => [code, { id: u.id, path: u.path }]),
        actors,
        now,
        batch: 500,
      };
      return new Promise<void>((resolve, reject) => {
        // A process rather than a worker thread: Node 20 will not start a thread on a .ts file.
        const worker = fork(fileURLToPath(new URL('./seed-worker.ts', import.meta.url)), [], {
          execArgv: ['--import', 'tsx'],
          serialization: 'advanced',
        });
        worker.send(job);
        worker.on('message', (message: 'done' | Built[]) => {
          if (message === 'done') {
            writes.then(resolve, reject);
            return;
          }
          // Writes one batch at a time, in arrival order, while the workers build the next.
          writes = writes.then(async () => {
            await db.transaction(async () => {
              await db.insertMany(
                'petition',
                message.map((b) => b.petition),
              );
              await db.insertMany(
                'petition_event',
                message.flatMap((b) => b.events),
              );
              await db.insertMany(
                'petition_unit',
                message.flatMap((b) => b.units),
              );
              await db.insertMany(
                'petition_signature',
                message.flatMap((b) => b.signature ?? []),
              );
              await db.insertMany(
                'figure_fact',
                message.flatMap((b) => b.facts),
              );
            });
            tallies = sumTallies([...tallies, ...message.flatMap((b) => b.tallies)]);
            for (const delta of message.flatMap((b) => b.rollups)) {
              const key = rollupKey(delta);
              const sum = rollups.get(key);
              rollups.set(key, sum ? { ...sum, delta: sum.delta + delta.delta } : delta);
            }
            worker.send('written');
          });
        });
        worker.on('error', reject);
      });
    }),
  );
  await writes;
  await db.transaction(() => db.insertMany('inbox_tally', tallies as unknown as Record<string, unknown>[]));
  const rollupRows = (deltas: RollupDelta[], period: 'day' | 'month') =>
    deltas.map((r) => ({
      metric: r.metric,
      [period]: r.day,
      unit_id: r.unitId,
      channel: r.channel,
      kind: r.kind,
      category_code: r.categoryCode,
      value: r.delta,
    }));
  const days = [...rollups.values()];
  for (const [table, rows] of [
    ['figure_rollup', rollupRows(days, 'day')],
    ['figure_rollup_month', rollupRows(monthlyDeltas(days), 'month')],
  ] as const) {
    for (let start = 0; start < rows.length; start += 5000)
      await db.transaction(() => db.insertMany(table, rows.slice(start, start + 5000)));
  }
  const year = new Date(now + 8 * 3600_000).getUTCFullYear();
  await db.query('delete from petition_counter where year = ?', [year]);
  await db.query('insert into petition_counter (year, last_number) values (?, ?)', [year, plan.size]);
  return { ms: Date.now() - started, newcomers };
}

function staffActor(world: SeedWorld, username: string, roles: Actor['roles'], unit: UnitRef): Actor {
  const id = world.staff.get(username);
  if (!id) throw new Error(`the demo has no staff account ${username}`);
  return { id, roles, unit };
}

/**
 * A live session for each newcomer, its family id the petitioner's own id: an access token works
 * only while the session it names lives (the bench signs the newcomers' tokens itself, run.ts).
 */
async function openSessions(db: BenchDriver, ids: readonly string[], now: number): Promise<void> {
  const at = new Date(now).toISOString();
  const until = new Date(now + 30 * DAY).toISOString();
  for (let start = 0; start < ids.length; start += 1000) {
    await db.transaction(() =>
      db.insertMany(
        'refresh_token',
        ids.slice(start, start + 1000).map((id) => ({
          id: ulid(now),
          family_id: id,
          subject_type: 'petitioner',
          subject_id: id,
          token_hash: `bench:${id}`,
          created_at: at,
          expires_at: until,
          family_expires_at: until,
          used_at: null,
          revoked_at: null,
        })),
      ),
    );
  }
}

async function createPetitioners(
  db: BenchDriver,
  count: number,
  now: number,
  name: string,
): Promise<string[]> {
  const at = new Date(now - 800 * DAY).toISOString();
  const ids = Array.from({ length: count }, () => ulid(now - 800 * DAY));
  for (let start = 0; start < ids.length; start += 1000) {
    await db.transaction(() =>
      db.insertMany(
        'petitioner_account',
        ids.slice(start, start + 1000).map((id, i) => ({
          id,
          wechat_openid: null,
          wechat_unionid: null,
          phone_cipher: null,
          phone_hash: null,
          real_name: `${name}${start + i + 1}`,
          id_number_cipher: null,
          id_number_hash: null,
          address: null,
          employee_number: null,
          worker_unit_id: null,
          status: 'active',
          created_at: at,
          updated_at: at,
        })),
      ),
    );
  }
  return ids;
}
