import { maskName } from '@xinfang/shared/masking';
import {
  isOwedLimit,
  type LedgerFilter,
  type LedgerPage,
  type LedgerRow,
  MET_ON_TIME,
} from '@xinfang/shared/schemas/figures';
import { type Kysely, sql } from 'kysely';
import { accuserHiddenFor } from '../../access/accuser-firewall';
import type { StaffPrincipal } from '../../access/principal';
import { decodeCursor, encodeCursor } from '../../db/cursor';
import type { DB } from '../../db/schema';
import { withinPath } from '../../db/subtree';
import { AppError } from '../../errors';
import type { FigureScope } from '../figures/figures.query';
import { petitionsWithTerms } from './search-index';
import { termsOf } from './terms';

const NUMBER = /^XF(\d{4})-?(\d{1,6})$/i;

/**
 * The ledger (台账): the petitions behind a figure — those that count in `filter.figure` (the
 * intake by default) on a day of the period, for a unit of the scope — narrowed by the other
 * filters, newest day first, by keyset pages. Every petition counted for a unit of the caller's
 * subtree is one that subtree sees (its figure unit is always one of the units that see it), so
 * the ledger and the figure list the same cases; only the cases the caller is recused from
 * (Art 28) are left out.
 */
export async function ledgerPage(
  db: Kysely<DB>,
  staff: StaffPrincipal,
  scope: FigureScope,
  filter: LedgerFilter & { cursor?: string | undefined; limit?: number | undefined },
  now: Date,
): Promise<LedgerPage> {
  const limit = filter.limit ?? 20;
  let query = ledgerQuery(db, staff, scope, filter, now);
  if (filter.cursor) {
    const [day, id] = decodeCursor(filter.cursor, 2) as [string, string];
    query = query.where((eb) =>
      eb.or([eb('f.day', '<', day), eb.and([eb('f.day', '=', day), eb('f.petition_id', '<', id)])]),
    );
  }
  const rows = await query.limit(limit + 1).execute();
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => toLedgerRow(row, staff, now)),
    nextCursor: rows.length > limit && last ? encodeCursor([last.day, last.id]) : null,
  };
}

/**
 * What the filter's figure adds up to over the petitions it lists: their number, or for 人次
 * (`collective_people`) the people they brought — the number the figure shows.
 */
export async function ledgerTotal(
  db: Kysely<DB>,
  staff: StaffPrincipal,
  scope: FigureScope,
  filter: LedgerFilter,
  now: Date,
): Promise<number> {
  const row = await ledgerQuery(db, staff, scope, filter, now)
    .clearSelect()
    .clearOrderBy()
    .select((eb) => eb.fn.sum<number>('f.value').as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n ?? 0);
}

/**
 * The count of the limits met on time kept for the same petition and due day as a limit owed
 * (`MET_ON_TIME`): none, or as many as were owed that day and met. Refused for any other figure.
 */
export function metOnTimeOf(filter: LedgerFilter) {
  const figure = filter.figure ?? 'received';
  if (!isOwedLimit(figure))
    throw new AppError('VALIDATION_FAILED', '只有应办结、分办或告知期限届满的台账可以按是否按期筛选', [
      { path: '/querystring/late', message: 'applies to a limit owed only' },
    ]);
  return sql<number | null>`(select m.value from figure_fact m
    where m.petition_id = f.petition_id and m.day = f.day and m.metric = ${MET_ON_TIME[figure]})`;
}

function ledgerQuery(
  db: Kysely<DB>,
  staff: StaffPrincipal,
  scope: FigureScope,
  filter: LedgerFilter,
  now: Date,
) {
  let q = db
    .selectFrom('figure_fact as f')
    .innerJoin('petition as p', 'p.id', 'f.petition_id')
    .innerJoin('org_unit as u', 'u.id', 'f.unit_id')
    .leftJoin('org_unit as h', 'h.id', 'p.handling_unit_id')
    .leftJoin('category as c', 'c.code', 'p.category_code')
    .innerJoin('petitioner_account as a', 'a.id', 'p.petitioner_id')
    .select([
      'p.id',
      'p.number',
      'p.title',
      'p.kind',
      'p.channel',
      'p.category_code',
      'c.name as category_name',
      'p.state',
      'p.stage',
      'p.received_at',
      'p.concerned_unit_id',
      'p.headcount',
      'p.next_due_at',
      'f.day',
      'u.name as unit_name',
      'h.name as handling_unit_name',
      'a.real_name',
    ])
    .where('f.metric', '=', filter.figure ?? 'received')
    .where((eb) =>
      scope.subtree
        ? eb(
            'f.unit_id',
            'in',
            eb
              .selectFrom('org_unit')
              .select('org_unit.id')
              .where(withinPath('org_unit.path', scope.unit.path)),
          )
        : eb('f.unit_id', '=', scope.unit.id),
    )
    .where(({ eb, selectFrom }) =>
      eb(
        'p.id',
        'not in',
        selectFrom('petition_recusal')
          .select('petition_recusal.petition_id')
          .where('petition_recusal.staff_id', '=', staff.id),
      ),
    );
  if (filter.from) q = q.where('f.day', '>=', filter.from);
  if (filter.to) q = q.where('f.day', '<=', filter.to);
  if (filter.channel) q = q.where('p.channel', '=', filter.channel);
  if (filter.kind) q = q.where('p.kind', '=', filter.kind);
  if (filter.categoryCode) q = q.where('p.category_code', '=', filter.categoryCode);
  if (filter.state) q = q.where('p.state', '=', filter.state);
  const at = now.toISOString();
  if (filter.overdue !== undefined) q = q.where('p.next_due_at', filter.overdue ? '<' : '>=', at);
  // By the facts the figures counted, so the filter lists what the figure says: a repeat is linked
  // to an earlier petition, a collective petition brought COLLECTIVE_MIN_PEOPLE or more.
  for (const [wanted, metric] of [
    [filter.repeat, 'repeat'],
    [filter.collective, 'collective'],
  ] as const) {
    if (wanted === undefined) continue;
    q = q.where(({ eb, selectFrom }) =>
      eb(
        'p.id',
        wanted ? 'in' : 'not in',
        selectFrom('figure_fact as x').select('x.petition_id').where('x.metric', '=', metric),
      ),
    );
  }
  // Art 34–36: late are the limits owed that day not all met on time, as the rates count them.
  if (filter.late !== undefined) {
    const met = metOnTimeOf(filter);
    q = q.where(filter.late ? sql<boolean>`f.value > coalesce(${met}, 0)` : sql<boolean>`${met} is not null`);
  }
  if (filter.search) {
    const phrase = filter.search.trim();
    const number = NUMBER.exec(phrase);
    if (number) {
      q = q.where('p.number', '=', `XF${number[1]}-${(number[2] ?? '').padStart(6, '0')}`);
    } else {
      const indexed = petitionsWithTerms(db, termsOf(phrase));
      const words = `%${phrase.replace(/[%_\\]/g, '')}%`;
      // The petitions holding every term of the phrase, by the index; then the phrase itself.
      if (indexed) q = q.where('p.id', 'in', indexed);
      q = q.where((eb) =>
        eb.or([eb('p.title', 'like', words), eb('p.content', 'like', words), eb('p.number', 'like', words)]),
      );
    }
  }
  return q.orderBy('f.day', 'desc').orderBy('f.petition_id', 'desc');
}

type Row = Awaited<ReturnType<ReturnType<typeof ledgerQuery>['execute']>>[number];

function toLedgerRow(row: Row, staff: StaffPrincipal, now: Date): LedgerRow {
  // Art 30: staff of an accused unit never learn who accused it, not even masked.
  const withheld = accuserHiddenFor({ kind: row.kind, concerned_unit_id: row.concerned_unit_id }, staff);
  return {
    id: row.id,
    number: row.number,
    title: row.title,
    kind: row.kind as LedgerRow['kind'],
    channel: row.channel as LedgerRow['channel'],
    categoryCode: row.category_code,
    categoryName: row.category_name ?? row.category_code,
    state: row.state as LedgerRow['state'],
    stage: row.stage,
    receivedAt: row.received_at,
    day: row.day,
    unitName: row.unit_name,
    handlingUnitName: row.handling_unit_name ?? null,
    headcount: row.headcount === null ? null : Number(row.headcount),
    overdue: row.next_due_at < now.toISOString(),
    petitionerName: withheld || !row.real_name ? null : maskName(row.real_name),
    accuserWithheld: withheld,
  };
}
