import { loadConfig } from '@xinfang/server/config';
import { openDatabase } from '@xinfang/server/db/database';
import { migrations } from '@xinfang/server/db/migrations';
import { silentMonitorLog } from '@xinfang/server/db/monitor';
import { createTestDatabase, testDialect } from '@xinfang/server/testing';
import { Migrator, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PetitionKit } from '../petitions/kit';

/**
 * Document numbers are allocated in the transaction that issues the notice: fifty notices issued
 * at once by one unit get fifty distinct, consecutive numbers (on MySQL, fifty transactions really
 * at once), and each prefix's series starts again at 1 in a new year. Numbers issued before they
 * were counted per prefix are never printed again.
 */

const CONCURRENT = 50;
let kit: PetitionKit;

beforeAll(async () => {
  kit = await PetitionKit.start();
});
afterAll(() => kit?.close());

function sequenceOf(number: string | null): number {
  const match = /〔(\d{4})〕(\d+)号$/.exec(number ?? '');
  if (!match) throw new Error(`not a document number: ${number}`);
  return Number(match[2]);
}

describe('document numbers', () => {
  it(`${CONCURRENT} notices issued at once by one unit get ${CONCURRENT} distinct consecutive numbers`, async () => {
    const ids: string[] = [];
    for (let i = 0; i < CONCURRENT; i += 1) {
      const { petition } = await kit.register('ds.reception', { channel: 'letter' });
      ids.push(petition.id);
    }
    const responses = await Promise.all(
      ids.map((id, i) => kit.send('ds.reception', id, 'notify', { message: `请补充材料（第${i + 1}件）。` })),
    );
    // On failure, the server's own error (a deadlock would show here) says more than the 500.
    const errors = () => kit.logs.lines.filter((line) => line.includes('"level":50')).join('\n');
    for (const response of responses) expect(response.statusCode, errors()).toBe(200);

    const notices = (
      await Promise.all(
        ids.map(async (id) =>
          (await kit.documents('ds.reception', id)).filter((d) => d.type === 'general_notice'),
        ),
      )
    ).flat();
    expect(notices).toHaveLength(CONCURRENT);
    for (const notice of notices) expect(notice.number).toMatch(/^东山煤矿信告〔2026〕\d+号$/);
    const sequence = notices.map((n) => sequenceOf(n.number)).sort((a, b) => a - b);
    const first = sequence[0] as number;
    expect(sequence).toEqual(Array.from({ length: CONCURRENT }, (_, i) => first + i));
  }, 180_000);

  it('starts each unit’s series again at 1 in a new year', async () => {
    kit.setTime('2027-01-04T01:00:00.000Z');
    const { petition } = await kit.register('ds.reception', { channel: 'letter' });
    await kit.act('ds.reception', petition.id, 'notify', { message: '新年第一份告知。' });
    const [notice] = await kit.documents('ds.reception', petition.id);
    expect(notice?.number).toBe('东山煤矿信告〔2027〕1号');
  });
});

describe('20261207140000: numbers counted per printed prefix', () => {
  const at = '2026-12-01T00:00:00.000Z';
  const document = (id: string, unit: string, series: string | null, seq: number | null, number: string) => ({
    id,
    petition_id: 'a',
    type: series ? 'acceptance_notice' : 'delivery_receipt',
    stage: 'first',
    visibility: 'petitioner' as const,
    issuing_unit_id: unit,
    series,
    year: series ? 2026 : null,
    seq,
    number,
    answer_id: series ? null : 'd3',
    event_seq: 1,
    facts: '{}',
    issued_at: at,
  });

  it('goes on after the highest number each prefix printed; back to counters per unit, and up again', async () => {
    const database = await createTestDatabase();
    const { db, destroy } = openDatabase(database.url, { bounds: loadConfig({}).db, log: silentMonitorLog });
    const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
    try {
      expect((await migrator.migrateTo('20261207110000_create_counted_calendar_year')).error).toBeUndefined();
      await db
        .insertInto('org_unit')
        .values({
          id: 'u1',
          path: '/u1/',
          depth: 0,
          code: 'U',
          name: '单位',
          kind: 'group',
          created_at: at,
          updated_at: at,
        })
        .execute();
      await db
        .insertInto('petitioner_account')
        .values({ id: 'p1', status: 'active', created_at: at, updated_at: at } as never)
        .execute();
      await db
        .insertInto('petition')
        .values({
          id: 'a',
          number: 'XF-1',
          query_code_hash: 'h',
          petitioner_id: 'p1',
          kind: 'request',
          channel: 'online',
          category_code: 'wages',
          title: '标题',
          content: '内容',
          state: 'registered',
          stage: 'first',
          version: 1,
          receiving_unit_id: 'u1',
          concerned_unit_id: 'u1',
          received_at: at,
          next_due_at: at,
          lifecycle: '{}',
          created_at: at,
          updated_at: at,
        } as never)
        .execute();
      // Two sections named 综采区 numbered apart by unit; a long prefix; an answer and its 送达回证.
      await db
        .insertInto('document')
        .values([
          document('d1', 'zc-east', '告', 3, '综采区信告〔2026〕3号'),
          document('d2', 'zc-west', '告', 5, '综采区信告〔2026〕5号'),
          document('d3', 'u1', '复', 1, '东山煤矿信复〔2026〕1号'),
          document('d4', 'u1', null, null, '东山煤矿信复〔2026〕1号'),
          document('d5', 'u1', '告', 1, '东山煤矿机运区机电设备运输信告〔2026〕1号'),
        ])
        .execute();

      expect((await migrator.migrateTo('20261207140000_number_documents_by_prefix')).error).toBeUndefined();
      const counters = await db
        .selectFrom('document_prefix_counter')
        .select(['prefix', 'series', 'year', 'last_number'])
        .orderBy('prefix')
        .orderBy('series')
        .execute();
      expect(counters).toEqual([
        { prefix: '', series: '', year: 0, last_number: 0 },
        { prefix: '东山煤矿', series: '复', year: 2026, last_number: 1 },
        { prefix: '综采区', series: '告', year: 2026, last_number: 5 },
      ]);

      expect((await migrator.migrateDown()).error).toBeUndefined();
      const perUnit = await sql<{ unit_id: string; series: string; last_number: number }>`
        select unit_id, series, last_number from document_counter order by unit_id, series
      `.execute(db);
      expect(perUnit.rows.map((r) => [r.unit_id, r.series, Number(r.last_number)])).toEqual([
        ['', '', 0],
        ['u1', '告', 1],
        ['u1', '复', 1],
        ['zc-east', '告', 3],
        ['zc-west', '告', 5],
      ]);

      expect((await migrator.migrateTo('20261207140000_number_documents_by_prefix')).error).toBeUndefined();
      // A unit that took a new prefix this year numbers from 1 again: no key forbids it any more.
      await db
        .insertInto('document')
        .values(document('d6', 'zc-east', '告', 3, '东山综采信告〔2026〕3号'))
        .execute();
      // The rebuilt table (SQLite) keeps its keys and indexes.
      await expect(
        db
          .insertInto('document')
          .values({ ...document('d7', 'u1', '告', 9, 'x'), petition_id: 'nobody' })
          .execute(),
      ).rejects.toThrow();
      if (testDialect() === 'sqlite') {
        const names = await sql<{ name: string }>`
          select name from sqlite_master where type = 'index' and tbl_name = 'document'
        `.execute(db);
        expect(names.rows.map((r) => r.name)).toEqual(
          expect.arrayContaining(['document_petition', 'document_type_issued']),
        );
      }
    } finally {
      await destroy();
      await database.drop();
    }
  }, 180_000);
});
