import type { Calendar } from '@xinfang/shared/clocks';
import type { Petition } from '@xinfang/shared/lifecycle';
import { type Start, type Step, start, step, walk } from '@xinfang/shared/testing/walks';
import fc from 'fast-check';
import type { Kysely } from 'kysely';
import { SYSTEM_AUDIT_ACTOR } from '../audit/audit-log';
import { newId } from '../db/ids';
import type { DB } from '../db/schema';
import { countPetition, createFiguresEffect } from '../modules/figures/figures.effect';
import { indexNewPetition } from '../modules/ledger/search-index.effect';
import type { LoadedPetition } from '../modules/petitions/petition.repository';
import { linkRepeats, unlink } from '../modules/petitions/repeats';
import { createWritePath, type PetitionWrite } from '../modules/petitions/write-path';

/**
 * Random petitions for the figures' database tests: `shared`'s lifecycle walks (whose units are
 * group → mine1 → section1 → team1, mine1 → section2, group → mine2), written step by step with
 * the figures effect in each step's transaction, and repeat links made and undone between them.
 */
export const WALK_UNITS: readonly string[][] = [
  ['group'],
  ['group', 'mine1'],
  ['group', 'mine1', 'section1'],
  ['group', 'mine1', 'section1', 'team1'],
  ['group', 'mine1', 'section2'],
  ['group', 'mine2'],
];
export const WALK_CATEGORIES = ['wages', 'safety'];
const TITLES = ['工资拖欠', '井下照明不足', '宿舍漏水', '安全帽发放', '食堂卫生'];

export interface WalkCase {
  s: Start;
  steps: Step[];
  category: string;
  /** Link to (true) or unlink from (false) an earlier petition, picked by index. */
  link: [number, boolean] | null;
}

/** A suggestion to improve work issued from a petition picked by index, adopted later or not (Art 40). */
export interface WalkSuggestion {
  target: number;
  days: number;
  adoption: 'adopted' | 'partly_adopted' | 'not_adopted' | null;
}

export const walkCase: fc.Arbitrary<WalkCase> = fc.record({
  s: start,
  steps: fc.array(step, { minLength: 3, maxLength: 25 }),
  category: fc.constantFrom(...WALK_CATEGORIES),
  link: fc.option(fc.tuple(fc.nat(), fc.boolean()), { nil: null }),
});

export const walkSuggestion: fc.Arbitrary<WalkSuggestion> = fc.record({
  target: fc.nat(),
  days: fc.integer({ min: 0, max: 60 }),
  adoption: fc.constantFrom('adopted', 'partly_adopted', 'not_adopted', null),
});

/** The walks' units, a petitioner `p1` and the categories, in an empty database. */
export async function prepareWalkDatabase(db: Kysely<DB>): Promise<void> {
  const at = new Date().toISOString();
  for (const path of WALK_UNITS) {
    const id = path.at(-1) as string;
    await db
      .insertInto('org_unit')
      .values({
        id,
        parent_id: path.at(-2) ?? null,
        path: `/${path.join('/')}/`,
        depth: path.length - 1,
        code: id,
        name: id,
        kind: path.length === 1 ? 'group' : 'unit',
        address: null,
        reception_hours: null,
        phone: null,
        retired_at: null,
        created_at: at,
        updated_at: at,
      })
      .execute();
  }
  await db
    .insertInto('petitioner_account')
    .values({ id: 'p1', status: 'active', real_name: '张三', created_at: at, updated_at: at })
    .execute();
}

/** Writes each case's walk, then its link; returns the petitions as they ended. */
export async function writeWalks(
  db: Kysely<DB>,
  calendar: Calendar,
  cases: readonly WalkCase[],
  earlier: Petition[] = [],
): Promise<Petition[]> {
  // The server's write path with the effects these tests are about.
  const writer = createWritePath({
    calendar,
    effects: [createFiguresEffect({ calendar }), indexNewPetition],
  });
  const written = [...earlier];
  for (const c of cases) {
    const id = newId(Date.now());
    let before: LoadedPetition | null = null;
    for (const { petition } of walk(c.s, c.steps)) {
      const after: Petition = { ...petition, id, petitionerId: 'p1' };
      const events = after.events.slice(before?.petition.events.length ?? 0);
      const created = {
        number: `XF2026-${id.slice(-6)}`,
        query_code_hash: 'x',
        registered_by: null,
        category_code: c.category,
        title: `${TITLES[(c.s.kind.length + c.steps.length) % TITLES.length]}${id.slice(-4)}`,
        content: `${TITLES[c.steps.length % TITLES.length]}，请求处理。`,
        location: null,
        headcount: after.collective?.headcount ?? null,
      };
      const input: PetitionWrite = {
        before,
        after,
        events,
        created: before ? undefined : created,
        audit: { actor: SYSTEM_AUDIT_ACTOR, action: 'petition.walk' },
        now: new Date(after.events.at(-1)?.at ?? after.receivedAt),
      };
      const saved: LoadedPetition | null = await db.transaction().execute((trx) => writer.write(trx, input));
      if (!saved) throw new Error('lost the lock');
      before = saved;
    }
    const last = (before as LoadedPetition).petition;
    const other = c.link ? written[c.link[0] % Math.max(written.length, 1)] : undefined;
    if (c.link && other) {
      const linked = c.link[1];
      await db.transaction().execute(async (trx) => {
        if (linked)
          await linkRepeats(
            trx,
            last.id,
            [{ petitionId: other.id, similarity: 0.9 }],
            'staff',
            's',
            new Date(),
          );
        else await unlink(trx, last.id, other.id);
        for (const p of [last, other]) await countPetition(trx, p, calendar);
      });
    }
    written.push(last);
  }
  return written;
}

/** Issues each suggestion from one of the petitions, then records its adoption, recounting after each (as the service does). */
export async function writeSuggestions(
  db: Kysely<DB>,
  calendar: Calendar,
  petitions: readonly Petition[],
  suggestions: readonly WalkSuggestion[],
): Promise<void> {
  if (petitions.length === 0) return;
  for (const s of suggestions)
    await suggest(db, calendar, petitions[s.target % petitions.length] as Petition, s);
}

async function suggest(
  db: Kysely<DB>,
  calendar: Calendar,
  petition: Petition,
  s: WalkSuggestion,
): Promise<void> {
  const id = newId(Date.now());
  const issuedAt = new Date(Date.parse(petition.receivedAt) + s.days * 86_400_000).toISOString();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('improvement_suggestion')
      .values({
        id,
        petition_id: petition.id,
        supervision_no: null,
        unit_id: petition.units.receiving.id,
        issued_by: 's',
        issued_at: issuedAt,
        suggestion: '改进',
        due_date: issuedAt.slice(0, 10),
        answer: null,
        answered_by: null,
        answered_at: null,
        adoption: null,
        adoption_note: null,
        decided_by: null,
        decided_at: null,
      })
      .execute();
    await countPetition(trx, petition, calendar);
  });
  if (!s.adoption) return;
  const decidedAt = new Date(Date.parse(issuedAt) + 5 * 86_400_000).toISOString();
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('improvement_suggestion')
      .set({
        answer: '已改进',
        answered_at: decidedAt,
        adoption: s.adoption,
        adoption_note: '记录',
        decided_at: decidedAt,
      })
      .where('id', '=', id)
      .execute();
    await countPetition(trx, petition, calendar);
  });
}
