import type { Category } from '@xinfang/shared/schemas/petitions';
import type { Kysely, Transaction } from 'kysely';
import { assertWithinScope } from '../../access/scope';
import { type AuditEntry, recordAudit } from '../../audit/audit-log';
import type { DB } from '../../db/schema';
import { AppError } from '../../errors';
import type { RequestContext } from '../../http/request-context';
import { findRootUnitRef } from '../org/org.repository';
import { findCategory, listCategories, lockOtherActiveCategories, saveCategory } from './category.repository';
import { categoryCodes, setCategoryOrder } from './category-order.repository';

/** What the category service works with — no more. */
export interface CategoryServiceDeps {
  db: Kysely<DB>;
}

/** A category as an admin creates or changes it; what is left out stays as it was. */
export interface CategoryChange {
  name: string;
  hint?: string | null;
  sortOrder?: number;
  active?: boolean;
}

type AuditValue = NonNullable<AuditEntry['details']>[string];

const AUDITED = ['name', 'hint', 'sortOrder', 'active'] as const;

/**
 * What a save changed, for the audit entry: each changed field's value before and after
 * (`nameFrom`, `nameTo` …; a new category's fields from null).
 */
function changesOf(before: Category | null, after: Category | null): Record<string, AuditValue> {
  const details: Record<string, AuditValue> = {};
  for (const field of AUDITED) {
    const from = before?.[field] ?? null;
    const to = after?.[field] ?? null;
    if (from === to) continue;
    details[`${field}From`] = from;
    details[`${field}To`] = to;
  }
  return details;
}

/** Subject categories (工资待遇, 安全生产 …): the list petitioners choose from, kept by the admin. */
export function createCategoryService(deps: CategoryServiceDeps) {
  const { db } = deps;

  /** The list serves the whole organisation: only an admin at its top may change it. */
  async function assertAtTop(context: RequestContext): Promise<void> {
    assertWithinScope(context.principal, await findRootUnitRef(db));
  }

  /**
   * Petitioners choose a category to submit at all: the last one in use is not retired. The others
   * in use are locked until the commit (MySQL), so two retirements at once cannot both pass.
   */
  async function keepOneInUse(trx: Transaction<DB>, code: string): Promise<void> {
    if ((await lockOtherActiveCategories(trx, code)).length > 0) return;
    throw new AppError('IN_USE', '至少保留一个在用的分类：信访人提交时要从中选择', { active: 1 });
  }

  /** The categories in their order: those in use, or all of them. */
  function list(options: { all: boolean }): Promise<Category[]> {
    return listCategories(db, options);
  }

  /** Creates the category or changes it (retired with `active: false`), audited. */
  async function save(context: RequestContext, code: string, change: CategoryChange): Promise<Category> {
    await assertAtTop(context);
    await db.transaction().execute(async (trx) => {
      const before = await findCategory(trx, code);
      if (before?.active && change.active === false) await keepOneInUse(trx, code);
      const existed = await saveCategory(trx, code, {
        name: change.name.trim(),
        ...(change.hint !== undefined ? { hint: change.hint } : {}),
        ...(change.sortOrder !== undefined ? { sort_order: change.sortOrder } : {}),
        ...(change.active !== undefined ? { active: change.active ? 1 : 0 } : {}),
        updated_at: context.now.toISOString(),
      });
      await recordAudit(
        trx,
        context.actor,
        {
          action: existed ? 'category.update' : 'category.create',
          outcome: 'success',
          target: { type: 'category', id: code },
          details: changesOf(before, await findCategory(trx, code)),
        },
        context.now,
      );
    });
    const category = await findCategory(db, code);
    if (!category) throw new AppError('NOT_FOUND', '没有这个分类');
    return category;
  }

  /**
   * Puts the categories in this order, all at once (moving one up or down rewrites the list rather
   * than racing two writes). Every code must be named: a list changed meanwhile is refused.
   */
  async function reorder(context: RequestContext, codes: readonly string[]): Promise<void> {
    await assertAtTop(context);
    await db.transaction().execute(async (trx) => {
      const known = await categoryCodes(trx);
      const missing = known.filter((code) => !codes.includes(code));
      const unknown = codes.filter((code) => !known.includes(code));
      if (missing.length > 0 || unknown.length > 0) {
        throw new AppError('VALIDATION_FAILED', '分类列表已有变化，请刷新后再排序', [
          ...missing.map((code) => ({ path: '/body/codes', message: `missing ${code}` })),
          ...unknown.map((code) => ({ path: '/body/codes', message: `unknown ${code}` })),
        ]);
      }
      await setCategoryOrder(trx, codes, context.now.toISOString());
      await recordAudit(
        trx,
        context.actor,
        { action: 'category.reorder', outcome: 'success', details: { count: codes.length } },
        context.now,
      );
    });
  }

  return { list, save, reorder };
}
