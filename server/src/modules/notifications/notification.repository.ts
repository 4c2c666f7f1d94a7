import type { Insertable, Kysely, Selectable, Transaction } from 'kysely';
import { sql } from 'kysely';
import { onConflictUpdate } from '../../db/dialect';
import { preparedBy, rowInserter } from '../../db/prepared';
import type { DB, NotificationSettingTable, NotificationTable } from '../../db/schema';

type Db = Kysely<DB> | Transaction<DB>;

export type NotificationRow = Selectable<NotificationTable>;
export type RecipientType = NotificationTable['recipient_type'];

/** The message centre's rows, a person's choices, and what we know of how to reach them. */

export const insertNotifications: (db: Db, rows: Insertable<NotificationTable>[]) => Promise<void> =
  rowInserter('notification');

/** A person's messages, newest first, after the cursor (the last id seen). */
export async function listNotifications(
  db: Db,
  recipientId: string,
  options: { before?: string; limit: number },
): Promise<NotificationRow[]> {
  let query = db
    .selectFrom('notification')
    .selectAll()
    .where('recipient_id', '=', recipientId)
    .orderBy('id', 'desc')
    .limit(options.limit);
  if (options.before) query = query.where('id', '<', options.before);
  return query.execute();
}

export async function unreadCount(db: Db, recipientId: string): Promise<number> {
  const row = await db
    .selectFrom('notification')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('recipient_id', '=', recipientId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Marks some (or all) of a person's unread messages read; other people's ids change nothing.
 * Answers how many were marked.
 */
export async function markRead(
  db: Db,
  recipientId: string,
  ids: readonly string[] | 'all',
  at: string,
): Promise<number> {
  let query = db
    .updateTable('notification')
    .set({ read_at: at })
    .where('recipient_id', '=', recipientId)
    .where('read_at', 'is', null);
  if (ids !== 'all') query = query.where('id', 'in', ids);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export type SettingRow = Selectable<NotificationSettingTable>;

export async function saveSetting(db: Db, row: Insertable<NotificationSettingTable>): Promise<void> {
  await onConflictUpdate(db, db.insertInto('notification_setting').values(row), ['recipient_id'], {
    non_statutory: row.non_statutory,
    channel: row.channel,
    updated_at: row.updated_at,
  }).execute();
}

/** How a person can be reached — a WeChat openid (petitioners only), a phone on file — and what they chose. */
export interface Contact {
  type: RecipientType;
  id: string;
  openid: string | null;
  phoneCipher: string | null;
  /** Their saved choices; undefined: the defaults. */
  setting: Pick<SettingRow, 'non_statutory' | 'channel'> | undefined;
}

const settingOf = (row: { non_statutory: number | null; channel: SettingRow['channel'] | null }) =>
  row.non_statutory === null || row.channel === null
    ? undefined
    : { non_statutory: row.non_statutory, channel: row.channel };

export async function findContacts(
  db: Db,
  people: readonly { type: RecipientType; id: string }[],
): Promise<Map<string, Contact>> {
  const petitionerIds = [...new Set(people.filter((p) => p.type === 'petitioner').map((p) => p.id))];
  const staffIds = [...new Set(people.filter((p) => p.type === 'staff').map((p) => p.id))];
  const found = new Map<string, Contact>();
  if (petitionerIds.length > 0) {
    const { rows } = await petitionerContacts(db, petitionerIds);
    for (const r of rows)
      found.set(r.id, {
        type: 'petitioner',
        id: r.id,
        openid: r.wechat_openid,
        phoneCipher: r.phone_cipher,
        setting: settingOf(r),
      });
  }
  if (staffIds.length > 0) {
    const { rows } = await staffContacts(db, staffIds);
    for (const r of rows)
      found.set(r.id, {
        type: 'staff',
        id: r.id,
        openid: null,
        phoneCipher: r.phone_cipher,
        setting: settingOf(r),
      });
  }
  return found;
}

// Prepared: every change that tells someone runs them (db/prepared.ts).
const petitionerContacts = preparedBy(
  (ids: string[]) => String(ids.length),
  (db, ids) =>
    db
      .selectFrom('petitioner_account as a')
      .leftJoin('notification_setting as s', 's.recipient_id', 'a.id')
      .select(['a.id', 'a.wechat_openid', 'a.phone_cipher', 's.non_statutory', 's.channel'])
      .where('a.id', 'in', ids)
      .where('a.status', '=', 'active'),
);
const staffContacts = preparedBy(
  (ids: string[]) => String(ids.length),
  (db, ids) =>
    db
      .selectFrom('staff_account as a')
      .leftJoin('notification_setting as s', 's.recipient_id', 'a.id')
      .select(['a.id', 'a.phone_cipher', 's.non_statutory', 's.channel'])
      .where('a.id', 'in', ids)
      .where('a.status', '=', 'active'),
);

/** One-time subscriptions left, per person and template. */
export async function subscriptionsOf(
  db: Db,
  petitionerIds: readonly string[],
): Promise<Map<string, Map<string, number>>> {
  const result = new Map<string, Map<string, number>>();
  if (petitionerIds.length === 0) return result;
  const rows = await db
    .selectFrom('wechat_subscription')
    .select(['petitioner_id', 'template_id', 'remaining'])
    .where('petitioner_id', 'in', [...new Set(petitionerIds)])
    .execute();
  for (const r of rows) {
    const own = result.get(r.petitioner_id) ?? new Map<string, number>();
    own.set(r.template_id, Number(r.remaining));
    result.set(r.petitioner_id, own);
  }
  return result;
}

/** Adds accepted one-time subscriptions (WeChat keeps at most one per tap; the count is ours). */
export async function addSubscriptions(
  db: Db,
  petitionerId: string,
  templateIds: readonly string[],
  at: string,
): Promise<void> {
  for (const template_id of templateIds) {
    await onConflictUpdate(
      db,
      db
        .insertInto('wechat_subscription')
        .values({ petitioner_id: petitionerId, template_id, remaining: 1, updated_at: at }),
      ['petitioner_id', 'template_id'],
      { remaining: sql`remaining + 1`, updated_at: at },
    ).execute();
  }
}

/** Uses `count` subscriptions (never below zero): `count = 'all'` when WeChat says none is left (43101). */
export async function useSubscriptions(
  db: Db,
  petitionerId: string,
  templateId: string,
  count: number | 'all',
  at: string,
): Promise<void> {
  const remaining =
    count === 'all'
      ? sql<number>`0`
      : sql<number>`case when remaining > ${count} then remaining - ${count} else 0 end`;
  await db
    .updateTable('wechat_subscription')
    .set({ remaining, updated_at: at })
    .where('petitioner_id', '=', petitionerId)
    .where('template_id', '=', templateId)
    .execute();
}
