import { addDays, beijingDate, startOfBeijingDay } from '@xinfang/shared/clocks';
import type { CaseActionBody } from '@xinfang/shared/schemas/actions';
import type { FastifyInstance } from 'fastify';
import type { Principal, StaffPrincipal } from '../access/principal';
import { loadPrincipal } from '../access/principal.repository';
import { auditActorOf } from '../audit/audit-log';
import type { RequestContext } from '../http/request-context';
import { petitionDeps } from '../modules/petitions/petition.deps';
import { createPetitionService } from '../modules/petitions/petition.service';
import { demoClaims } from './demo-claims';
import { DEMO_PETITIONERS } from './demo-people';
import { demoPhotoUploader } from './demo-photos';

/** How demo cases are written down and made: each step through the petition service, in the past. */

export const HOUR = 3600_000;
export const DAY = 24 * HOUR;

export type Who = string; // a demo staff username, or a demo petitioner's phone

export interface Step {
  /** How long before the seeding this step happened. */
  ago: number;
  who: Who;
  type: CaseActionBody['type'];
  params?: Record<string, unknown>;
  /** Date parameters as "this many days after the step" (Beijing date; negative: before it). */
  dates?: Record<string, number>;
  /** Date-time parameters as "this many hours after the step" (an instant). */
  times?: Record<string, number>;
  /** Photos the actor uploads just before, sent as the step's `attachmentIds` (补充材料). */
  photos?: number;
}

export interface DemoCase {
  /** What a new user will find it as. */
  story: string;
  ago: number;
  /** Submitted online by this petitioner, or registered by this staff member. */
  by: Who;
  registration?: {
    channel: 'letter' | 'visit';
    petitioner: { realName: string; phone?: string; address?: string };
    /**
     * The title of an earlier case of the same list whose petitioner comes again: the desk names
     * that person, whom it knows, so that the new petition is theirs and a repeat (重信重访).
     */
    again?: string;
  };
  kind: 'suggestion' | 'accusation' | 'request';
  concerned: string;
  categoryCode: string;
  title: string;
  content: string;
  location?: string;
  headcount?: number;
  representatives?: string[];
  steps: Step[];
  /** Received on the seeding day (Beijing), whatever its hour: see `withinToday`. */
  today?: boolean;
  /** After the steps, the holder of the registered phone signs in and says whether it is theirs. */
  claim?: { ago: number; mine: boolean };
}

/** A demo case as made: its petition's id. */
export interface MadeCase {
  demo: DemoCase;
  id: string;
}

/** A decision letter's parameters, outcome first. */
export const decisionLetter = (
  outcome: string,
  request: string,
  factsAndReasons: string,
  decision: string,
  legalBasis: string,
) => ({
  request,
  factsAndReasons,
  decision,
  legalBasis,
  outcome,
});

/**
 * A case of the seeding day keeps its times within that day (Beijing), whatever the hour: before
 * its hours have gone by (seeded at 01:00, say) they shrink to fit the time since midnight, in
 * their order, so that "this month" and "today" hold it even on the first of a month.
 */
export function withinToday(demo: DemoCase, now: Date): DemoCase {
  if (!demo.today) return demo;
  const sinceMidnight = now.getTime() - Date.parse(startOfBeijingDay(beijingDate(now.toISOString())));
  const scale = Math.min(1, sinceMidnight / (demo.ago + 1));
  const fit = (ago: number) => Math.floor(ago * scale);
  return { ...demo, ago: fit(demo.ago), steps: demo.steps.map((step) => ({ ...step, ago: fit(step.ago) })) };
}

/**
 * Makes cases the way the API does, each step at its time before `now` — the demo cases, and the
 * demo's history (demo-history.ts). A case declined on arrival (the same matter already pending or
 * final) takes no further steps, as in life.
 */
export async function caseSeeder(app: FastifyInstance, now: Date) {
  const service = createPetitionService(petitionDeps(app));
  const uploadPhoto = demoPhotoUploader(app);
  const claim = demoClaims(app);
  const principals = await demoPrincipals(app);
  const principal = (who: Who): Principal => {
    const found = principals.get(who);
    if (!found) throw new Error(`demo cases name an unknown person ${who}`);
    return found;
  };
  const units = new Map(
    (await app.db.selectFrom('org_unit').select(['id', 'code']).execute()).map((u) => [u.code, u.id]),
  );
  const unitId = (code: string) => {
    const id = units.get(code);
    if (!id) throw new Error(`demo cases name an unknown unit ${code}`);
    return id;
  };
  const contextAt = (who: Who, ago: number): RequestContext => {
    const p = principal(who);
    return {
      principal: p,
      actor: auditActorOf(p, 'demo-seed', null),
      ip: 'demo-seed',
      now: new Date(now.getTime() - ago),
    };
  };

  async function seed(cases: readonly DemoCase[], keyPrefix: string): Promise<MadeCase[]> {
    const made: MadeCase[] = [];
    for (const [index, listed] of cases.entries()) {
      const demo = withinToday(listed, now);
      const content = {
        kind: demo.kind,
        concernedUnitId: unitId(demo.concerned),
        categoryCode: demo.categoryCode,
        title: demo.title,
        content: demo.content,
        ...(demo.location ? { location: demo.location } : {}),
        ...(demo.headcount ? { headcount: demo.headcount, representatives: demo.representatives } : {}),
      };
      const context = contextAt(demo.by, demo.ago);
      const idem = { scope: 'demo-seed', key: `${keyPrefix}-${index + 1}`, requestHash: demo.title };
      const again = demo.registration?.again;
      const { body } = demo.registration
        ? await service.registerOffline(
            context,
            principal(demo.by) as StaffPrincipal,
            {
              ...content,
              channel: demo.registration.channel,
              receivedAt: context.now.toISOString(),
              petitioner: again ? { id: await petitionerOf(made, again) } : demo.registration.petitioner,
            },
            idem,
          )
        : await service.submit(context, principal(demo.by).id, content, idem);
      // The desk's receipt carries the query code its petitioner types to say 「是我的」; the demo
      // has no paper, so the log shows it for those who can sign in (development data only:
      // production refuses the seed).
      if (demo.registration && DEMO_PETITIONERS.some((p) => p.phone === demo.registration?.petitioner.phone))
        app.log.info(
          `演示数据：${demo.registration.petitioner.realName}的${body.petition.number}，回执查询码 ${body.queryCode}`,
        );
      const { id } = body.petition;
      made.push({ demo: listed, id });
      if (body.petition.state === 'declined') continue;
      let version = body.petition.version;
      for (const [stepIndex, step] of demo.steps.entries()) {
        const at = contextAt(step.who, step.ago);
        const params: Record<string, unknown> = { ...step.params };
        if (step.photos) {
          const key = `${keyPrefix}-${index + 1}-step-${stepIndex + 1}-photo`;
          const ids: string[] = [];
          for (let n = 1; n <= step.photos; n++)
            ids.push(await uploadPhoto(at, principal(step.who), `${key}-${n}`));
          params.attachmentIds = ids;
        }
        if (typeof params.unit === 'string') params.unit = unitId(params.unit);
        if (typeof params.staffId === 'string') params.staffId = principal(params.staffId).id;
        for (const [name, days] of Object.entries(step.dates ?? {}))
          params[name] = addDays(beijingDate(at.now.toISOString()), days);
        for (const [name, hours] of Object.entries(step.times ?? {}))
          params[name] = new Date(at.now.getTime() + hours * HOUR).toISOString();
        const detail = await service
          .act(at, principal(step.who), id, {
            type: step.type,
            params,
            version,
          } as CaseActionBody & { version: number })
          .catch((error: unknown) => {
            throw new Error(`demo case "${demo.story}": ${step.type} by ${step.who} failed`, {
              cause: error,
            });
          });
        version = detail.version;
      }
      const phone = demo.registration?.petitioner.phone;
      if (demo.claim && phone) {
        const at = new Date(now.getTime() - demo.claim.ago);
        await claim(at, phone, id, { mine: demo.claim.mine, queryCode: body.queryCode });
      }
    }
    return made;
  }

  /** The petitioner of the case made earlier under this title. */
  async function petitionerOf(made: readonly MadeCase[], title: string): Promise<string> {
    const earlier = made.find((m) => m.demo.title === title);
    if (!earlier) throw new Error(`demo cases name an earlier case that was not made: ${title}`);
    const row = await app.db
      .selectFrom('petition')
      .select('petitioner_id')
      .where('id', '=', earlier.id)
      .executeTakeFirstOrThrow();
    return row.petitioner_id;
  }

  return { principal, contextAt, seed, unitId };
}

/** The demo's staff by username and its petitioners by phone, as the routes would load them. */
async function demoPrincipals(app: FastifyInstance): Promise<Map<Who, Principal>> {
  const found = new Map<Who, Principal>();
  const staff = await app.db.selectFrom('staff_account').select(['id', 'username']).execute();
  for (const row of staff) {
    const p = await loadPrincipal(app.db, 'staff', row.id);
    if (p) found.set(row.username, p);
  }
  const byHash = new Map(DEMO_PETITIONERS.map(({ phone }) => [app.pii.lookupHash('phone', phone), phone]));
  const petitioners = await app.db
    .selectFrom('petitioner_account')
    .select(['id', 'phone_hash'])
    .where('phone_hash', 'in', [...byHash.keys()])
    .execute();
  for (const row of petitioners) {
    const phone = row.phone_hash ? byHash.get(row.phone_hash) : undefined;
    if (phone) found.set(phone, { kind: 'petitioner', id: row.id });
  }
  return found;
}
