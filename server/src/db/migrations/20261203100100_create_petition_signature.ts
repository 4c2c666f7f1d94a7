import { type Kysely, SqliteAdapter, sql } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
// Text signatures of petitions (min-hash bands), so that repeat detection finds a person's similar
// petitions through an index instead of reading their history; computed here for the petitions
// already there. The algorithm below is version 1 of modules/petitions/signature.ts, copied so that
// this migration stays what it was (a test holds the two together while they agree); a new
// version of the signature comes with a migration that computes them all again.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('petition_signature')
    .addColumn('petitioner_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('band', 'integer', (c) => c.notNull())
    .addColumn('petition_id', 'varchar(26)', (c) => c.notNull().references('petition.id'))
    .addPrimaryKeyConstraint('petition_signature_pk', ['petitioner_id', 'band', 'petition_id'])
    // SQLite: the rows in their key's b-tree alone (as InnoDB keeps them), one page less per write.
    .$call((t) => (db.getExecutor().adapter instanceof SqliteAdapter ? t.modifyEnd(sql`without rowid`) : t))
    .execute();

  let after = '';
  for (;;) {
    const petitions = await db
      .selectFrom('petition')
      .select(['id', 'petitioner_id', 'concerned_unit_id', 'title', 'content'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(500)
      .execute();
    const last = petitions.at(-1);
    if (!last) break;
    after = last.id;
    const rows = petitions.flatMap((p) =>
      bandsV1(`${p.title}\n${p.content}`, p.concerned_unit_id).map((band) => ({
        petitioner_id: p.petitioner_id,
        band,
        petition_id: p.id,
      })),
    );
    if (rows.length > 0) await db.insertInto('petition_signature').values(rows).execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('petition_signature').execute();
}

/** Signature version 1: 16 bands of 2 min-hashes of the text's character bigrams, with the unit. */
export function bandsV1(text: string, unitId: string): number[] {
  const chars = [...text.toLowerCase().replace(/[\s\p{P}\p{S}]/gu, '')];
  const grams = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i += 1) grams.add(`${chars[i]}${chars[i + 1]}`);
  if (grams.size === 0 && chars.length > 0) grams.add(chars.join(''));
  if (grams.size === 0) return [];
  const hashes = [...grams].map(fnv);
  const bands = new Set<number>();
  for (let band = 0; band < 16; band += 1) {
    let key = mix(fnv(unitId) ^ Math.imul(band + 1, 0x85ebca6b));
    for (const seed of [mix(0x9e3779b9 * (2 * band + 1)), mix(0x9e3779b9 * (2 * band + 2))]) {
      key = mix(key ^ Math.min(...hashes.map((h) => mix(h ^ seed))));
    }
    bands.add(key & 0x7fffffff);
  }
  return [...bands];
}

function fnv(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

function mix(value: number): number {
  let h = value >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
