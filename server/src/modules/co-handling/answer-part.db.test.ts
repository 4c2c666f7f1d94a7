import { addDays, beijingDate } from '@xinfang/shared/clocks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaffPrincipal } from '../../access/principal';
import { loadPrincipal } from '../../access/principal.repository';
import { auditActorOf } from '../../audit/audit-log';
import { AppError } from '../../errors';
import { seedDemoIfEmpty } from '../../seed/demo';
import { seedDemoCases } from '../../seed/demo-cases';
import { buildTestApp, type TestApp } from '../../testing/test-app';
import { petitionDeps } from '../petitions/petition.deps';
import { loadPetition } from '../petitions/petition.repository';
import { createPetitionService } from '../petitions/petition.service';
import { createPartAnswering } from './answer-part';

/**
 * An assisting unit's answer (Art 24) goes in on the case as it is when the lead unit changed it
 * meanwhile, a bounded number of times; when the lead unit keeps changing it, the conflict it
 * answers says nothing of the case, which the assisting unit does not see (its state, its version).
 * Here the lead handler adds a note just before each try, so every try but the ones let through
 * loses the race.
 */
describe('an assisting unit answering while the lead unit acts', () => {
  let t: TestApp;
  let service: ReturnType<typeof createPetitionService>;
  let lead: StaffPrincipal;
  let assisting: StaffPrincipal;
  let petitionId = '';
  let notes = 0;

  const staff = async (username: string) => {
    const { id } = await t.app.db
      .selectFrom('staff_account')
      .select('id')
      .where('username', '=', username)
      .executeTakeFirstOrThrow();
    return (await loadPrincipal(t.app.db, 'staff', id)) as StaffPrincipal;
  };
  const context = (principal: StaffPrincipal) => ({
    principal,
    actor: auditActorOf(principal, '127.0.0.1', null),
    ip: '127.0.0.1',
    now: new Date(),
  });
  const version = async () => (await loadPetition(t.app.db, petitionId))?.petition.version ?? 0;
  /** The answering, with the lead handler's note written before each of its first `interrupted` tries. */
  const answering = (interrupted: number) => {
    let tries = 0;
    return createPartAnswering({
      db: t.app.db,
      petitions: {
        apply: async (...args: Parameters<typeof service.apply>) => {
          tries += 1;
          if (tries <= interrupted) {
            notes += 1;
            await service.apply(context(lead), lead, petitionId, {
              type: 'add_note',
              params: { text: `牵头单位备注 ${notes}` },
              version: await version(),
            });
          }
          return service.apply(...args);
        },
      },
    });
  };
  /** A part asked of 西河煤矿安全科 (xh.handler's unit) on the demo case 东山煤矿安全科 handles. */
  const askPart = async (part: string) => {
    await service.apply(context(lead), lead, petitionId, {
      type: 'request_assist',
      // A week on: within the case's own deadline, as a part must be (Art 34).
      params: { unit: assisting.unit.id, part, dueDate: addDays(beijingDate(new Date().toISOString()), 7) },
      version: await version(),
    });
    const parts = await t.app.db
      .selectFrom('assist_part')
      .select('no')
      .where('petition_id', '=', petitionId)
      .execute();
    return Math.max(...parts.map((p) => p.no));
  };

  beforeAll(async () => {
    t = await buildTestApp();
    await seedDemoIfEmpty(t.app.db, t.app.pii);
    await seedDemoCases(t.app);
    service = createPetitionService(petitionDeps(t.app));
    lead = await staff('ds.handler');
    assisting = await staff('xh.handler');
    const { id } = await t.app.db
      .selectFrom('petition')
      .select('id')
      .where('title', '=', '借调西河煤矿期间的井下津贴没有发')
      .executeTakeFirstOrThrow();
    petitionId = id;
  }, 120_000);
  afterAll(() => t?.close());

  it('is tried again on the case as it now is, and goes in', async () => {
    const no = await askPart('请再核实张伟九月的下井记录。');
    const answered = await answering(2)(
      context(assisting),
      assisting,
      { petitionId, no },
      { answer: '九月下井 22 个班。' },
    );
    expect(answered).toMatchObject({ petitionId, no, status: 'answered' });
  });

  it('gives up after a few tries, with a conflict that tells nothing of the case', async () => {
    const no = await askPart('请核实张伟十月的下井记录。');
    const before = notes;
    const failure = await answering(Number.POSITIVE_INFINITY)(
      context(assisting),
      assisting,
      { petitionId, no },
      { answer: '十月下井 20 个班。' },
    ).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AppError);
    expect(failure).toMatchObject({ code: 'VERSION_CONFLICT', details: undefined });
    expect(notes - before).toBe(5);
  });
});
