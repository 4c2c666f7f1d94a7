import type { Attachment } from '@xinfang/shared/schemas/petitions';
import type { Insertable, Kysely, Selectable, Transaction } from 'kysely';
import type { AttachmentTable, DB } from '../../db/schema';

type Db = Kysely<DB> | Transaction<DB>;

/** An attachment's row; who may see it is read where access is decided (`findAttachmentOwnership`). */
export type AttachmentRow = Omit<Selectable<AttachmentTable>, 'visibility'>;

const COLUMNS = [
  'id',
  'owner_type',
  'owner_id',
  'petition_id',
  'kind',
  'mime',
  'byte_size',
  'sha256',
  'storage_key',
  'thumbnail_key',
  'width',
  'height',
  'created_at',
] as const;

export async function insertAttachment(db: Db, row: Insertable<AttachmentTable>): Promise<void> {
  await db.insertInto('attachment').values(row).execute();
}

export async function findAttachment(db: Db, id: string): Promise<AttachmentRow | undefined> {
  return db.selectFrom('attachment').select(COLUMNS).where('id', '=', id).executeTakeFirst();
}

/**
 * Who an attachment belongs to and, once used, the petition it is part of, that petition's kind and
 * who in it may see the attachment.
 */
export async function findAttachmentOwnership(db: Db, id: string) {
  return db
    .selectFrom('attachment as a')
    .leftJoin('petition as p', 'p.id', 'a.petition_id')
    .select(['a.id', 'a.owner_id', 'a.petition_id', 'a.visibility', 'p.kind as petition_kind'])
    .where('a.id', '=', id)
    .executeTakeFirst();
}

/** An owner's uploads not yet in a petition, made at or after `since`, oldest first (at most `limit`). */
export async function unusedSince(db: Db, ownerId: string, since: string, limit: number) {
  return db
    .selectFrom('attachment')
    .select(['id', 'created_at'])
    .where('owner_id', '=', ownerId)
    .where('created_at', '>=', since)
    .where('petition_id', 'is', null)
    .orderBy('created_at')
    .limit(limit)
    .execute();
}

/** Uploads never used in a petition and made before `before`, oldest first. */
export async function unusedBefore(db: Db, before: string, limit: number) {
  return db
    .selectFrom('attachment')
    .select(['id', 'storage_key', 'thumbnail_key'])
    .where('petition_id', 'is', null)
    .where('created_at', '<', before)
    .orderBy('created_at')
    .limit(limit)
    .execute();
}

/** Deletes an upload only while it is still unused: a petition claiming it meanwhile wins. */
export async function deleteIfUnused(db: Db, id: string): Promise<boolean> {
  const result = await db
    .deleteFrom('attachment')
    .where('id', '=', id)
    .where('petition_id', 'is', null)
    .executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

/** The row as the API shows it (the same shape a petition's detail lists). */
export function toAttachment(row: AttachmentRow): Attachment {
  return {
    id: row.id,
    kind: row.kind,
    mime: row.mime,
    byteSize: row.byte_size,
    width: row.width,
    height: row.height,
    hasThumbnail: row.thumbnail_key !== null,
    createdAt: row.created_at,
  };
}
