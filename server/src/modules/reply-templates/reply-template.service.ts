import type { ReplyTemplate, ReplyTemplateBody } from '@xinfang/shared/schemas/petitions';
import type { Kysely, Transaction } from 'kysely';
import type { TargetScope } from '../../access/policy';
import type { StaffPrincipal } from '../../access/principal';
import { assertWithinScope } from '../../access/scope';
import { recordAudit } from '../../audit/audit-log';
import { newId } from '../../db/ids';
import type { DB } from '../../db/schema';
import { AppError } from '../../errors';
import { type IdempotencyRequest, once } from '../../http/idempotency';
import type { RequestContext } from '../../http/request-context';
import type { PiiCipher } from '../../security/pii';
import { findCategory } from '../categories/category.repository';
import { findUnitRef } from '../org/org.repository';
import {
  findTemplate,
  insertTemplate,
  listTemplates,
  templateUnit,
  updateTemplate,
} from './reply-template.repository';

/** What the reply-template service works with — no more. */
export interface ReplyTemplateServiceDeps {
  db: Kysely<DB>;
  /** Keeps the first answer to a create, encrypted, for its retries. */
  pii: PiiCipher;
}

/** Which templates to list, beyond the viewer's units. */
export interface TemplateFilter {
  categoryCode?: string;
  kind?: string;
  includeRetired?: boolean;
}

/**
 * Reusable wording for decision letters, per subject category. A unit's templates serve it and
 * every unit below; a handler sees those of their unit and above.
 */
export function createReplyTemplateService(deps: ReplyTemplateServiceDeps) {
  const { db, pii } = deps;

  /** A template's place in the organisation, for the access check: the unit that keeps it. */
  async function scope(id: string): Promise<TargetScope | null> {
    const unit = await templateUnit(db, id);
    return unit ? { units: [unit] } : null;
  }

  /** The templates of the staff member's unit and the units above it, nearest first. */
  function list(staff: StaffPrincipal, filter: TemplateFilter): Promise<ReplyTemplate[]> {
    return listTemplates(db, { unitIds: staff.unit.path, ...filter });
  }

  /**
   * Keeps a new template for the body's unit (the route's access check put it in the subtree), once
   * per Idempotency-Key: a retry is answered with the first template.
   */
  async function create(
    context: RequestContext,
    staff: StaffPrincipal,
    body: ReplyTemplateBody,
    idem: IdempotencyRequest,
  ) {
    const id = newId(context.now.getTime());
    const at = context.now.toISOString();
    return once(
      db,
      pii,
      idem,
      context.now,
      async () => null,
      async (trx) => {
        await assertOfferedCategory(trx, body);
        await insertTemplate(trx, {
          id,
          ...columnsOf(body),
          created_by: staff.id,
          created_at: at,
          updated_at: at,
        });
        const template = await findTemplate(trx, id);
        if (!template) throw new Error(`template ${id} vanished after it was made`);
        await recordAudit(
          trx,
          context.actor,
          {
            action: 'reply_template.create',
            outcome: 'success',
            target: { type: 'reply_template', id },
            details: changesOf(null, template),
          },
          context.now,
        );
        return { status: 201, body: template };
      },
    );
  }

  /** Changes or retires a template; moving it to another unit needs that unit in the subtree too. */
  async function update(
    context: RequestContext,
    id: string,
    body: ReplyTemplateBody,
  ): Promise<ReplyTemplate> {
    assertWithinScope(context.principal, await findUnitRef(db, body.unitId));
    await db.transaction().execute(async (trx) => {
      const before = await findTemplate(trx, id);
      if (!before) throw new AppError('NOT_FOUND', '没有这个模板');
      await assertOfferedCategory(trx, body);
      await updateTemplate(trx, id, { ...columnsOf(body), updated_at: context.now.toISOString() });
      const after = await findTemplate(trx, id);
      if (!after) throw new AppError('NOT_FOUND', '没有这个模板');
      await recordAudit(
        trx,
        context.actor,
        {
          action: 'reply_template.update',
          outcome: 'success',
          target: { type: 'reply_template', id },
          details: changesOf(before, after),
        },
        context.now,
      );
    });
    const template = await findTemplate(db, id);
    if (!template) throw new AppError('NOT_FOUND', '没有这个模板');
    return template;
  }

  return { scope, list, create, update };
}

/**
 * A template is offered by its category (and kind): one for a category that does not exist is
 * never offered to anyone, nor is an active one for a category no longer in use.
 */
async function assertOfferedCategory(trx: Transaction<DB>, body: ReplyTemplateBody): Promise<void> {
  if (!body.categoryCode) return;
  const category = await findCategory(trx, body.categoryCode);
  const problem = !category
    ? '没有这个分类'
    : !category.active && body.active !== false
      ? '该分类已停用：请改选分类，或停用这个模板'
      : null;
  if (problem) {
    throw new AppError('VALIDATION_FAILED', problem, [
      { path: '/body/categoryCode', message: category ? 'is a retired category' : 'is not a category' },
    ]);
  }
}

/** The fields an audit entry names by value; the texts only by whether they changed. */
const NAMED = ['title', 'active', 'categoryCode', 'kind'] as const;
const TEXTS = ['factsAndReasons', 'decision', 'legalBasis'] as const;

/**
 * What a save changed, for its audit entry: the fields changed, the short ones before and after
 * (a new template's from null), the unit by id and name. The decision texts are not copied into
 * the log: that they changed is what tells a rewrite from a retirement.
 */
function changesOf(
  before: ReplyTemplate | null,
  after: ReplyTemplate,
): Record<string, string | boolean | null> {
  const details: Record<string, string | boolean | null> = {};
  const changed: string[] = [];
  for (const field of NAMED) {
    const from = before ? before[field] : null;
    if (before && from === after[field]) continue;
    changed.push(field);
    details[`${field}.before`] = from;
    details[`${field}.after`] = after[field];
  }
  if (!before || before.unit.id !== after.unit.id) {
    changed.push('unitId');
    details['unitId.before'] = before?.unit.id ?? null;
    details['unitId.after'] = after.unit.id;
    details['unitName.before'] = before?.unit.name ?? null;
    details['unitName.after'] = after.unit.name;
  }
  for (const field of TEXTS) if (!before || before[field] !== after[field]) changed.push(field);
  return { fields: changed.join(','), ...details };
}

/** The columns a template's body sets, the same on creation and on change. */
function columnsOf(body: ReplyTemplateBody) {
  return {
    unit_id: body.unitId,
    category_code: body.categoryCode ?? null,
    kind: body.kind ?? null,
    title: body.title.trim(),
    facts_and_reasons: body.factsAndReasons,
    decision: body.decision,
    legal_basis: body.legalBasis ?? null,
    active: body.active === false ? 0 : 1,
  };
}
