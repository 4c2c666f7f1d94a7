import type { FastifyInstance } from 'fastify';
import { type AuditActor, recordAudit } from '../audit/audit-log';

/** Resolution plans (化解方案) the demo's registers show: the overdue case's, and the repeat matter's. */
const PLANS: { title: string; plan: string }[] = [
  {
    title: '井下艰苦岗位津贴标准调整后未执行',
    plan: '人力资源科本周内核对一月以来的工资表，差额随下月工资补发；矿长约谈信访人说明原因。',
  },
  {
    title: '再次反映机电一队夜班加班费少算',
    plan: '西河煤矿成立核查组，调取考勤机记录逐月核对，十日内答复并当面回访。',
  },
];

export async function seedDemoPlans(
  app: FastifyInstance,
  actor: AuditActor,
  staffId: string,
  now: Date,
): Promise<void> {
  for (const { title, plan } of PLANS) {
    const petition = await app.db
      .selectFrom('petition')
      .select('id')
      .where('title', '=', title)
      .orderBy('received_at', 'desc')
      .executeTakeFirstOrThrow();
    await app.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('resolution_plan')
        .values({ petition_id: petition.id, plan, updated_by: staffId, updated_at: now.toISOString() })
        .execute();
      await recordAudit(
        trx,
        actor,
        { action: 'register.plan', outcome: 'success', target: { type: 'petition', id: petition.id } },
        now,
      );
    });
  }
}
