import { type Insertable, type Kysely, type Selectable, sql, type Transaction } from 'kysely';
import { dialectOf } from '../../db/dialect';
import type { DB, OutboxTable } from '../../db/schema';

type Db = Kysely<DB> | Transaction<DB>;

export type OutboxRow = Selectable<OutboxTable>;

/**
 * The outbox's rows in and out. Claiming is the delicate part: several dispatchers (threads of one
 * server, or several servers) may claim at once, and each row must go to one of them at a time.
 *
 * - MySQL/MariaDB (10.6+): `SELECT … FOR UPDATE SKIP LOCKED` in a short READ COMMITTED transaction,
 *   so a claimer skips rows another is claiming instead of waiting for them, and takes no gap locks
 *   that would make it wait for — or deadlock with — a change inserting new rows. A deadlock,
 *   lock timeout or Galera certification conflict that still happens is retried where every
 *   transaction starts (db/conflict-retry.ts), never surfaced.
 * - SQLite has one writer: a claim is a single `UPDATE … WHERE id IN (SELECT … LIMIT n) RETURNING`,
 *   atomic even between processes sharing the file.
 *
 * A claim stamps the rows `sending` with a fresh lease token and moves `due_at` to the lease's end;
 * a row still `sending` past its `due_at` belongs to a dispatcher that died and is claimed again.
 * Every later update names the token, so an answer from a claim that was taken over changes nothing.
 */
export async function insertOutbox(db: Db, rows: Insertable<OutboxTable>[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('outbox').values(rows).execute();
}

export interface Claim {
  token: string;
  now: Date;
  leaseMs: number;
  limit: number;
}

export async function claimDue(db: Kysely<DB>, claim: Claim): Promise<OutboxRow[]> {
  // Expired leases first (rare: a dispatcher died), then messages waiting their turn.
  const taken = await claimWithStatus(db, 'sending', claim, claim.limit);
  if (taken.length >= claim.limit) return taken;
  return [...taken, ...(await claimWithStatus(db, 'pending', claim, claim.limit - taken.length))];
}

async function claimWithStatus(
  db: Kysely<DB>,
  status: 'pending' | 'sending',
  claim: Claim,
  limit: number,
): Promise<OutboxRow[]> {
  const now = claim.now.toISOString();
  const stamp = {
    status: 'sending' as const,
    lease_token: claim.token,
    due_at: new Date(claim.now.getTime() + claim.leaseMs).toISOString(),
    attempts: sql<number>`attempts + 1`,
    updated_at: now,
  };
  const due = (q: Db) =>
    q
      .selectFrom('outbox')
      .select('id')
      .where('status', '=', status)
      .where('due_at', '<=', now)
      .orderBy('due_at')
      .limit(limit);

  if (dialectOf(db) === 'sqlite') {
    return db.updateTable('outbox').set(stamp).where('id', 'in', due(db)).returningAll().execute();
  }
  return db
    .transaction()
    .setIsolationLevel('read committed')
    .execute(async (trx) => {
      const ids = (await due(trx).forUpdate().skipLocked().execute()).map((r) => r.id);
      if (ids.length === 0) return [];
      await trx.updateTable('outbox').set(stamp).where('id', 'in', ids).execute();
      return trx.selectFrom('outbox').selectAll().where('id', 'in', ids).execute();
    });
}

/**
 * Extends this claim's lease on one row to `dueAt`, just before it is sent: false when the row is
 * no longer this claim's (its lease ran out and another dispatcher claimed it, or it was settled).
 */
export async function renewLease(db: Db, id: string, token: string, dueAt: string): Promise<boolean> {
  const result = await db
    .updateTable('outbox')
    .set({ due_at: dueAt })
    .where('id', '=', id)
    .where('lease_token', '=', token)
    .where('status', '=', 'sending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Marks rows this claim still holds as sent. */
export async function markSent(db: Db, ids: readonly string[], token: string, at: string): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('outbox')
    .set({ status: 'sent', sent_at: at, updated_at: at, lease_token: null, last_error: null })
    .where('id', 'in', ids)
    .where('lease_token', '=', token)
    .execute();
}

/**
 * Ends this claim of one row: tried again later, dead-lettered, or handed to another channel. True
 * if it still held the row. `spareTry`: the claim's try is given back (a provider's limit, not a
 * failure of the message, stopped it).
 */
export async function release(
  db: Db,
  id: string,
  token: string,
  change: {
    status: 'pending' | 'dead' | 'fallback' | 'cancelled';
    dueAt?: string;
    lastError: string;
    at: string;
    spareTry?: boolean;
  },
): Promise<boolean> {
  const result = await db
    .updateTable('outbox')
    .set({
      status: change.status,
      ...(change.dueAt ? { due_at: change.dueAt } : {}),
      ...(change.spareTry ? { attempts: sql<number>`attempts - 1` } : {}),
      last_error: change.lastError.slice(0, 500),
      lease_token: null,
      updated_at: change.at,
    })
    .where('id', '=', id)
    .where('lease_token', '=', token)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Withdraws the SMS still waiting to go to `recipientId` about a petition: kept as `cancelled` (the
 * notice stays on record, nobody re-sends it) with `reason` as the last error. How many it withdrew.
 */
export async function cancelPendingSms(
  db: Db,
  to: { petitionId: string; recipientId: string; reason: string; at: string },
): Promise<number> {
  const result = await db
    .updateTable('outbox')
    .set({ status: 'cancelled', last_error: to.reason, lease_token: null, updated_at: to.at })
    .where('channel', '=', 'sms')
    .where('status', '=', 'pending')
    .where('recipient_id', '=', to.recipientId)
    .where('notification_id', 'in', (eb) =>
      eb.selectFrom('notification').select('id').where('petition_id', '=', to.petitionId),
    )
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** An administrator's page of dead or waiting messages, newest first. */
export async function listOutbox(
  db: Db,
  filter: { status: 'dead' | 'pending'; before?: string; limit: number },
): Promise<OutboxRow[]> {
  let query = db
    .selectFrom('outbox')
    .selectAll()
    .where('status', 'in', filter.status === 'dead' ? ['dead'] : ['pending', 'sending'])
    .orderBy('id', 'desc')
    .limit(filter.limit);
  if (filter.before) query = query.where('id', '<', filter.before);
  return query.execute();
}

/** How many messages are undeliverable after every try, how many wait, and since when the oldest waits. */
export async function outboxBacklog(
  db: Db,
): Promise<{ dead: number; waiting: number; oldestWaitingSince: string | null }> {
  const rows = await db
    .selectFrom('outbox')
    .select([
      'status',
      (eb) => eb.fn.countAll<number | string | bigint>().as('count'),
      (eb) => eb.fn.min('created_at').as('oldest'),
    ])
    .where('status', 'in', ['dead', 'pending', 'sending'])
    .groupBy('status')
    .execute();
  const waiting = rows.filter((r) => r.status !== 'dead');
  const oldest = waiting
    .map((r) => r.oldest)
    .filter((at): at is string => typeof at === 'string')
    .sort()[0];
  return {
    dead: Number(rows.find((r) => r.status === 'dead')?.count ?? 0),
    waiting: waiting.reduce((sum, r) => sum + Number(r.count), 0),
    oldestWaitingSince: oldest ?? null,
  };
}

export async function findOutbox(db: Db, id: string): Promise<OutboxRow | undefined> {
  return db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * Another delivery of the same notice, sent or on its way: a statutory WeChat notice dead-lettered
 * and handed to SMS, say. Re-sending the row would tell the person twice.
 */
export interface OtherDelivery {
  id: string;
  channel: string;
  sent: boolean;
}

/**
 * For each of these rows, another delivery of its notice that was sent (first choice) or waits to
 * go, if any. `lock`: the rows read are locked for the transaction (MySQL; SQLite has one writer),
 * so a re-send decided on them cannot cross another administrator's re-send of the other one.
 */
export async function otherDeliveries(
  db: Db,
  rows: readonly Pick<OutboxRow, 'id' | 'notification_id'>[],
  options: { lock?: boolean } = {},
): Promise<Map<string, OtherDelivery>> {
  const found = new Map<string, OtherDelivery>();
  const notices = [...new Set(rows.flatMap((r) => (r.notification_id ? [r.notification_id] : [])))];
  if (notices.length === 0) return found;
  // Every delivery of the notices, whatever its status: all of them locked, the row itself too.
  const query = db
    .selectFrom('outbox')
    .select(['id', 'notification_id', 'channel', 'status'])
    .where('notification_id', 'in', notices);
  const all = await (options.lock && dialectOf(db) === 'mysql' ? query.forUpdate() : query).execute();
  const others = all.filter((o) => o.status === 'sent' || o.status === 'pending' || o.status === 'sending');
  for (const row of rows) {
    const mine = others.filter((o) => o.notification_id === row.notification_id && o.id !== row.id);
    const other = mine.find((o) => o.status === 'sent') ?? mine[0];
    if (other) found.set(row.id, { id: other.id, channel: other.channel, sent: other.status === 'sent' });
  }
  return found;
}

/**
 * Puts a dead-lettered message back in line with fresh tries. False when it is not dead. Its
 * caller first makes sure no other delivery of the notice went (`otherDeliveries`).
 */
export async function resend(db: Db, id: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable('outbox')
    .set({ status: 'pending', attempts: 0, due_at: at, lease_token: null, updated_at: at })
    .where('id', '=', id)
    .where('status', '=', 'dead')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
