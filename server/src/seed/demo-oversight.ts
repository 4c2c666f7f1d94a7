import { addDays, beijingDate, currentScreeningPeriod } from '@xinfang/shared/clocks';
import type { FastifyInstance } from 'fastify';
import { type AuditActor, recordAudit } from '../audit/audit-log';
import { newId } from '../db/ids';

/**
 * The resolution plan (化解方案) of the repeat matter in the demo's register; the overdue case's plan
 * is the one its 包案领导 took it with (demo-cases.ts).
 */
const PLANS: { title: string; plan: string }[] = [
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

const DAY_MS = 24 * 3600_000;

/**
 * Prevention in the demo: a graded dispute 综采一队's liaison officer registered this week (not yet
 * reported), last week's B-grade item now past its deadline (red, its head told by the job), 西河煤矿's nil report for last week, and the group leader's reception day a week ahead
 * with free slots.
 */
export async function seedDemoPrevention(
  app: FastifyInstance,
  actor: AuditActor,
  people: { liaisonId: string; xhHeadId: string; receptionId: string; leaderId: string },
  now: Date,
): Promise<void> {
  const at = now.toISOString();
  const today = beijingDate(at);
  const unit = async (code: string) =>
    (await app.db.selectFrom('org_unit').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
  const itemId = newId(now.getTime());
  const lateItemId = newId(now.getTime());
  const dayId = newId(now.getTime());
  const leaderUnit = await app.db
    .selectFrom('staff_account')
    .select('unit_id')
    .where('id', '=', people.leaderId)
    .executeTakeFirstOrThrow();
  const lastWeek = currentScreeningPeriod(new Date(now.getTime() - 7 * DAY_MS).toISOString());
  const xh = await unit('JA-XH');
  const team = await unit('JA-DS-ZC-1');
  await app.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('screening_item')
      .values({
        id: itemId,
        unit_id: team,
        period: currentScreeningPeriod(at),
        subject: '夜班补贴核算方式调整后部分职工有意见',
        involved: '综采一队部分夜班职工',
        headcount: 12,
        grade: 'B',
        responsible: '吴磊',
        measures: '队长当面解释核算办法，人力资源科一周内核对补贴明细。',
        deadline: addDays(today, 10),
        status: 'open',
        closing_note: null,
        closed_at: null,
        reported_by: people.liaisonId,
        created_at: at,
      })
      .execute();
    // Past its deadline and not closed: red on the ladder, raised to 东山煤矿's head (issue 15).
    await trx
      .insertInto('screening_item')
      .values({
        id: lateItemId,
        unit_id: team,
        period: lastWeek,
        subject: '井下澡堂热水供应时断时续，职工多次反映',
        involved: '综采一队早班职工',
        headcount: 30,
        grade: 'B',
        responsible: '吴磊',
        measures: '机电科检修锅炉循环泵，检修期间由相邻澡堂错峰供应热水。',
        deadline: addDays(today, -2),
        status: 'open',
        closing_note: null,
        closed_at: null,
        reported_by: people.liaisonId,
        created_at: new Date(now.getTime() - 9 * DAY_MS).toISOString(),
      })
      .execute();
    await trx
      .insertInto('screening_report')
      .values({
        unit_id: xh,
        period: lastWeek,
        nil: 1,
        item_count: 0,
        late: 0,
        reported_by: people.xhHeadId,
        reported_at: new Date(now.getTime() - 3 * DAY_MS).toISOString(),
      })
      .execute();
    await trx
      .insertInto('reception_day')
      .values({
        id: dayId,
        leader_id: people.leaderId,
        unit_id: leaderUnit.unit_id,
        date: addDays(today, 7),
        place: '集团信访接待室（办公楼一层）',
        topics: '工资待遇、安全生产、职工住房',
        slots: JSON.stringify([
          { from: '09:00', to: '09:30', capacity: 2 },
          { from: '09:30', to: '10:00', capacity: 2 },
          { from: '10:00', to: '10:30', capacity: 2 },
        ]),
        created_by: people.receptionId,
        created_at: at,
      })
      .execute();
    for (const [action, type, id] of [
      ['screening.register', 'screening_item', itemId],
      ['screening.register', 'screening_item', lateItemId],
      ['reception.publish', 'reception_day', dayId],
    ] as const) {
      await recordAudit(trx, actor, { action, outcome: 'success', target: { type, id } }, now);
    }
  });
}
