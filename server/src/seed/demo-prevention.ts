import { addDays, beijingDate } from '@xinfang/shared/clocks';
import type { FastifyInstance } from 'fastify';
import type { StaffPrincipal } from '../access/principal';
import { type AuditActor, recordAudit } from '../audit/audit-log';
import { newId } from '../db/ids';
import { countPetitionById } from '../modules/figures/figures.effect';
import { petitionDeps } from '../modules/petitions/petition.deps';
import { createPetitionService } from '../modules/petitions/petition.service';
import { createVisitService } from '../modules/visits/visit.service';
import type { caseSeeder } from './demo-case-seeder';

type Seeder = Awaited<ReturnType<typeof caseSeeder>>;

const DAY_MS = 24 * 3600_000;

/**
 * The demo's oversight beyond the case loop: a suggestion to improve work adopted in part (from the
 * supervised case and its 督办单) and one awaiting 西河煤矿's answer; the leader's held 下访 to 东山煤矿
 * with the petition met there, and one planned; a sensitive period declared in ten days' time.
 */
export async function seedDemoPreventionWork(
  app: FastifyInstance,
  actor: AuditActor,
  people: { supervisorId: string; dsHeadId: string; leaderId: string; receptionId: string },
  now: Date,
): Promise<void> {
  const today = beijingDate(now.toISOString());
  const ago = (days: number) => new Date(now.getTime() - days * DAY_MS).toISOString();
  const unit = async (code: string) =>
    (await app.db.selectFrom('org_unit').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
  const petition = async (title: string) =>
    (
      await app.db
        .selectFrom('petition')
        .select('id')
        .where('title', '=', title)
        .orderBy('received_at', 'desc')
        .executeTakeFirstOrThrow()
    ).id;
  const [ds, xh] = [await unit('JA-DS'), await unit('JA-XH')];
  const supervised = await petition('井下艰苦岗位津贴标准调整后未执行');
  const repeated = await petition('再次反映机电一队夜班加班费少算');
  const met = await petition('综采一队井口浴室冬季热水供应不足');

  await app.db.transaction().execute(async (trx) => {
    const suggestion = (
      id: string,
      petitionId: string,
      unitId: string,
      text: string,
      issuedDaysAgo: number,
    ) => ({
      id,
      petition_id: petitionId,
      supervision_no: null as number | null,
      unit_id: unitId,
      issued_by: people.supervisorId,
      issued_at: ago(issuedDaysAgo),
      suggestion: text,
      due_date: addDays(beijingDate(ago(issuedDaysAgo)), 10),
      answer: null,
      answered_by: null,
      answered_at: null,
      adoption: null,
      adoption_note: null,
      decided_by: null,
      decided_at: null,
    });
    const adopted = newId(now.getTime());
    const waiting = newId(now.getTime());
    await trx
      .insertInto('improvement_suggestion')
      .values([
        {
          ...suggestion(
            adopted,
            supervised,
            ds,
            '津贴标准调整后，工资核算口径应同步更新并在区队公示，避免同类拖延。',
            8,
          ),
          supervision_no: 1,
          answer: '已修订工资核算办法，津贴标准调整后次月起执行，并在各区队公示。',
          answered_by: people.dsHeadId,
          answered_at: ago(3),
          adoption: 'partly_adopted',
          adoption_note: '核算办法已修订；公示改为按季度，继续跟踪。',
          decided_by: people.supervisorId,
          decided_at: ago(1),
        },
        suggestion(waiting, repeated, xh, '对夜班加班费实行考勤机数据与工资表月度核对，减少重复来访。', 2),
      ])
      .execute();
    for (const id of [supervised, repeated]) await countPetitionById(trx, id, app.calendar);

    const held = newId(now.getTime());
    const planned = newId(now.getTime());
    await trx
      .insertInto('grassroots_visit')
      .values([
        {
          id: held,
          leader_id: people.leaderId,
          unit_id: ds,
          place: '东山煤矿综采一队会议室',
          date: beijingDate(ago(6)),
          topic: '井下作业条件和职工生活保障',
          status: 'held',
          summary: '与综采一队职工座谈两小时，听取意见九条，当场登记来访一件。',
          people: 18,
          held_at: ago(6),
          created_by: people.receptionId,
          created_at: ago(12),
        },
        {
          id: planned,
          leader_id: people.leaderId,
          unit_id: xh,
          place: '西河煤矿机电一队',
          date: addDays(today, 5),
          topic: '夜班加班费核算',
          status: 'planned',
          summary: null,
          people: null,
          held_at: null,
          created_by: people.receptionId,
          created_at: ago(1),
        },
      ])
      .execute();
    await trx.insertInto('grassroots_visit_case').values({ visit_id: held, petition_id: met }).execute();

    const sensitive = newId(now.getTime());
    await trx
      .insertInto('sensitive_period')
      .values({
        id: sensitive,
        name: '全国性重要会议期间',
        from_date: addDays(today, 10),
        to_date: addDays(today, 14),
        declared_by: people.supervisorId,
        declared_at: ago(1),
      })
      .execute();
    for (const [action, type, id] of [
      ['suggestion.issue', 'suggestion', adopted],
      ['suggestion.issue', 'suggestion', waiting],
      ['visit.plan', 'visit', held],
      ['visit.hold', 'visit', held],
      ['visit.plan', 'visit', planned],
      ['screening.declare_sensitive_period', 'sensitive_period', sensitive],
    ] as const) {
      await recordAudit(trx, actor, { action, outcome: 'success', target: { type, id } }, now);
    }
  });
}

/** Why the group's desk called off the leader's 下访 to 东山煤矿 (demo tour). */
export const DEMO_CANCELLED_VISIT_REASON = '领导临时参加集团安全会议，改期另行安排';

/**
 * A 下访 that will not happen: the group's desk planned 陈国栋's visit to 东山煤矿 four days ago
 * for the day after tomorrow, then cancelled it yesterday with its reason. It stays in the 下访
 * list as 已取消 with the reason, and leaves the counts (Art 18).
 */
export async function seedDemoCancelledVisit(app: FastifyInstance, seeder: Seeder, now: Date): Promise<void> {
  const visits = createVisitService({
    db: app.db,
    pii: app.pii,
    petitions: createPetitionService(petitionDeps(app)),
  });
  const desk = seeder.principal('reception') as StaffPrincipal;
  const planned = seeder.contextAt('reception', 4 * DAY_MS);
  const date = addDays(beijingDate(now.toISOString()), 2);
  const { body: visit } = await visits.plan(
    planned,
    desk,
    {
      leaderId: seeder.principal('leader').id,
      unitId: seeder.unitId('JA-DS'),
      place: '东山煤矿掘进一队会议室',
      date,
      topic: '掘进作业面防尘和职工防护用品发放',
    },
    { scope: 'demo-seed', key: 'demo-cancelled-visit', requestHash: date },
  );
  await visits.cancel(seeder.contextAt('reception', DAY_MS), desk, visit.id, {
    reason: DEMO_CANCELLED_VISIT_REASON,
  });
}
