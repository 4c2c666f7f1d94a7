import type { ReplyTemplate, ReplyTemplateBody } from '@xinfang/shared/schemas/petitions';
import type { Kysely } from 'kysely';
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
        await insertTemplate(trx, {
          id,
          ...columnsOf(body),
          created_by: staff.id,
          created_at: at,
          updated_at: at,
        });
        await recordAudit(
          trx,
          context.actor,
          { action: 'reply_template.create', outcome: 'success', target: { type: 'reply_template', id } },
          context.now,
        );
        const template = await findTemplate(trx, id);
        if (!template) throw new Error(`template ${id} vanished after it was made`);
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
      await updateTemplate(trx, id, { ...columnsOf(body), updated_at: context.now.toISOString() });
      await recordAudit(
        trx,
        context.actor,
        { action: 'reply_template.update', outcome: 'success', target: { type: 'reply_template', id } },
        context.now,
      );
    });
    const template = await findTemplate(db, id);
    if (!template) throw new AppError('NOT_FOUND', '没有这个模板');
    return template;
  }

  return { scope, list, create, update };
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
