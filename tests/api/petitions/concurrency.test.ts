import { randomUUID } from 'node:crypto';
import { recountRollups, storedRollups } from '@xinfang/server/modules/figures/figures.recount';
import { keptTallies, recountTallies } from '@xinfang/server/petitions/inbox-tally';
import type { PetitionDetail } from '@xinfang/shared/schemas/petitions';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, PetitionKit, uniqueText } from './kit';

/**
 * Optimistic concurrency: many people act on one petition at once with the version they saw.
 * Exactly one wins per version; every loser gets 409 VERSION_CONFLICT with the current version,
 * and nothing is written twice or silently overwritten.
 */

const WORKER = '13800000001';
const ACTORS = ['ds.handler', 'ds.head'];

let kit: PetitionKit;

beforeAll(async () => {
  kit = await PetitionKit.start();
  for (const who of [...ACTORS, 'ds.reception', WORKER]) await kit.sessions.token(who);
});
afterAll(() => kit?.close());

async function handlingPetition(): Promise<PetitionDetail> {
  const { petition } = await kit.submit(WORKER);
  await kit.act('ds.reception', petition.id, 'assign', {
    unit: kit.unit('JA-DS-AQK'),
    reportBackBy: kit.beijingDate(30),
  });
  return kit.act('ds.handler', petition.id, 'accept');
}

function outcome(responses: LightMyRequestResponse[]) {
  const won = responses.filter((r) => r.statusCode === 200);
  const lost = responses.filter((r) => r.statusCode !== 200);
  return { won, lost };
}

async function auditCount(id: string, action: string): Promise<number> {
  return (await kit.audit(id)).filter((e) => e.action === action).length;
}

describe('one winner per version', () => {
  it('ten notes sent at once with the same version: one is kept, nine get 409 with the current version', async () => {
    const p = await handlingPetition();
    const version = p.version;
    const events = await kit.eventCount(p.id);
    const responses = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        kit.send(ACTORS[i % 2] as string, p.id, 'add_note', { text: `并发备注 ${i}` }, version),
      ),
    );
    const { won, lost } = outcome(responses);
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(9);
    for (const r of lost) {
      const error = expectError(r, 409, 'VERSION_CONFLICT');
      expect(error.details).toMatchObject({ currentVersion: version + 1, state: 'handling' });
    }
    expect(await kit.eventCount(p.id)).toBe(events + 1);
    expect(await auditCount(p.id, 'petition.add_note')).toBe(1);
    const after = await kit.detail('ds.handler', p.id);
    expect(after.version).toBe(version + 1);
    const kept = after.timeline.filter((e) => e.type === 'note_added');
    expect(kept).toHaveLength(1);
    const winner = won[0] as LightMyRequestResponse;
    expect((winner.json() as PetitionDetail).timeline.at(-1)?.data).toEqual(kept[0]?.data);
  });

  it('accept and object race on an assignment: exactly one takes effect', async () => {
    for (let round = 0; round < 3; round += 1) {
      const { petition } = await kit.submit(WORKER);
      const assigned = await kit.act('ds.reception', petition.id, 'assign', {
        unit: kit.unit('JA-DS-AQK'),
        reportBackBy: kit.beijingDate(30),
      });
      const events = await kit.eventCount(petition.id);
      const responses = await Promise.all([
        kit.send('ds.handler', petition.id, 'accept', {}, assigned.version),
        kit.send('ds.head', petition.id, 'object', { reasons: '不属于本单位职责' }, assigned.version),
        kit.send('ds.head', petition.id, 'accept', {}, assigned.version),
        kit.send('ds.handler', petition.id, 'object', { reasons: '应由通风科办理' }, assigned.version),
      ]);
      const { won, lost } = outcome(responses);
      expect(won).toHaveLength(1);
      for (const r of lost) expectError(r, 409, 'VERSION_CONFLICT');
      const winner = won[0]?.json() as PetitionDetail;
      const after = await kit.detail('ds.reception', petition.id);
      expect(after.state).toBe(winner.state);
      expect(['handling', 'objected']).toContain(after.state);
      expect(after.version).toBe(assigned.version + 1);
      expect(await kit.eventCount(petition.id)).toBe(events + 1);
    }
  });

  it('successive rounds: every version has exactly one winner and the versions count the events', async () => {
    const p = await handlingPetition();
    let version = p.version;
    const start = await kit.eventCount(p.id);
    for (let round = 0; round < 4; round += 1) {
      const responses = await Promise.all(
        Array.from({ length: 5 }, (_, i) =>
          kit.send(
            ACTORS[i % 2] as string,
            p.id,
            i % 2 ? 'record_investigation' : 'send_message',
            i % 2 ? { summary: `调查 ${round}-${i}` } : { text: `留言 ${round}-${i}` },
            version,
          ),
        ),
      );
      const { won, lost } = outcome(responses);
      expect(won).toHaveLength(1);
      for (const r of lost)
        expect(expectError(r, 409, 'VERSION_CONFLICT').details).toMatchObject({
          currentVersion: version + 1,
        });
      version += 1;
    }
    expect(await kit.eventCount(p.id)).toBe(start + 4);
    expect((await kit.detail('ds.head', p.id)).version).toBe(version);
  });

  it('a stale version is refused even alone, and the answer tells the current one', async () => {
    const p = await handlingPetition();
    await kit.act('ds.handler', p.id, 'add_note', { text: '第一条' });
    const stale = await kit.send('ds.head', p.id, 'add_note', { text: '基于旧版本' }, p.version);
    const error = expectError(stale, 409, 'VERSION_CONFLICT');
    expect(error.details).toEqual({ currentVersion: p.version + 1, state: 'handling' });
    // A version from the future is no better.
    expectError(
      await kit.send('ds.head', p.id, 'add_note', { text: '未来' }, p.version + 50),
      409,
      'VERSION_CONFLICT',
    );
    // A refused action does not move the version.
    await kit.refused('ds.handler', p.id, 'approve_extension', {}, 'auth.role_not_permitted');
    expect((await kit.detail('ds.handler', p.id)).version).toBe(p.version + 1);
  });
});

describe('links at once', () => {
  it('the same link asked for five times at once is made once; linking and unlinking race without a 5xx', async () => {
    const a = (await kit.submit(WORKER)).petition.id;
    const b = (await kit.submit(WORKER)).petition.id;
    const responses = await Promise.all([
      ...Array.from({ length: 3 }, () =>
        kit.http('ds.reception', 'POST', `/api/petitions/${a}/links`, { petitionId: b }),
      ),
      ...Array.from({ length: 2 }, () =>
        kit.http('ds.head', 'POST', `/api/petitions/${b}/links`, { petitionId: a }),
      ),
    ]);
    expect(
      responses.map((r) => r.statusCode),
      responses.map((r) => r.body.slice(0, 200)).join('\n'),
    ).toEqual(Array(5).fill(200));
    const rows = await kit.app.db
      .selectFrom('petition_link')
      .select(['petition_id', 'linked_id'])
      .where((eb) => eb.or([eb('petition_id', '=', a), eb('petition_id', '=', b)]))
      .execute();
    expect(rows).toHaveLength(2);

    const mixed = await Promise.all([
      kit.http('ds.reception', 'DELETE', `/api/petitions/${a}/links/${b}`),
      kit.http('ds.head', 'POST', `/api/petitions/${a}/links`, { petitionId: b }),
      kit.http('ds.reception', 'DELETE', `/api/petitions/${b}/links/${a}`),
      kit.http('ds.head', 'POST', `/api/petitions/${b}/links`, { petitionId: a }),
    ]);
    expect(
      mixed.map((r) => r.statusCode),
      mixed.map((r) => r.body.slice(0, 200)).join('\n'),
    ).toEqual(Array(4).fill(200));
    // Either both directions or neither: a link is never one-sided.
    const after = (await kit.detail('ds.reception', a)).links.length;
    expect((await kit.detail('ds.reception', b)).links.length).toBe(after);
  });
});

describe('repeat detection at once', () => {
  it('four copies of one matter sent at once all arrive, each linked to the first', async () => {
    const matter = {
      title: '井口澡堂热水经常中断',
      content: '井口澡堂的热水这个月经常中断，下井后没法洗澡，请后勤尽快修好锅炉。',
    };
    const first = (await kit.submit(WORKER, matter)).petition.id;
    const answers = await Promise.all(
      ['一', '二', '三', '四'].map((n, i) =>
        kit.http(
          '13800000001',
          'POST',
          '/api/petitions',
          kit.submission({ ...matter, title: `${matter.title}${n}` }),
          {
            'idempotency-key': `copy-${i}-${first}`,
          },
        ),
      ),
    );
    expect(
      answers.map((a) => a.statusCode),
      answers.map((a) => a.body.slice(0, 200)).join('\n'),
    ).toEqual(Array(4).fill(201));
    const links = (await kit.detail('ds.reception', first)).links.map((l) => l.petitionId);
    for (const answer of answers) expect(links).toContain(answer.json().petition.id);
  });
});

describe('a unit moved in the tree while its cases change', () => {
  it('the inbox tallies still equal a recount after moves racing actions and submissions', async () => {
    // Other petitioners: WORKER's daily submissions are spent by the tests above.
    const [petitioner, another] = ['13800000002', '13900000003'];
    for (const who of [petitioner, another, 'admin']) await kit.sessions.token(who);
    const cases: PetitionDetail[] = [];
    for (let i = 0; i < 12; i += 1) {
      const { petition } = await kit.submit(petitioner);
      await kit.act('ds.reception', petition.id, 'assign', {
        unit: kit.unit('JA-DS-AQK'),
        reportBackBy: kit.beijingDate(30),
      });
      cases.push(await kit.act('ds.handler', petition.id, 'accept'));
    }
    const letter = {
      request: '补发工资',
      factsAndReasons: '经核实，确有拖欠。',
      decision: '于本月底前补发。',
      legalBasis: '《工资支付暂行规定》',
      outcome: 'support',
    };
    // 安全科 goes to the other mine and back; each move recounts every tally while the cases held
    // there move to the approval queue and new ones arrive, counted under their units' ancestors.
    for (let round = 0; round < 6; round += 1) {
      const responses = await Promise.all([
        ...cases
          .slice(round * 2, round * 2 + 2)
          .map((c) => kit.send('ds.handler', c.id, 'draft_reply', letter, c.version)),
        kit.http(petitioner, 'POST', '/api/petitions', kit.submission(), {
          'idempotency-key': `moving-${randomUUID()}`,
        }),
        // One about the other mine, outside the moving subtree: the recount must not lose it either.
        kit.http(
          another,
          'POST',
          '/api/petitions',
          kit.submission({ concernedUnitId: kit.unit('JA-XH-AQK') }),
          {
            'idempotency-key': `beside-${randomUUID()}`,
          },
        ),
        kit.http('admin', 'PATCH', `/api/org/units/${kit.unit('JA-DS-AQK')}`, {
          parentId: kit.unit(round % 2 === 0 ? 'JA-XH' : 'JA-DS'),
        }),
      ]);
      expect(
        responses.map((r) => r.statusCode),
        responses.map((r) => r.body.slice(0, 200)).join('\n'),
      ).toEqual([200, 200, 201, 201, 200]);
      // Each round: the next move's recount would hide what this one lost.
      expect(await keptTallies(kit.app.db), `round ${round}`).toEqual(await recountTallies(kit.app.db));
    }
  });
});

describe('a case counted in the figures while it changes', () => {
  it('the rollups equal a recount after assignments race suggestions, links and repeats', async () => {
    // Two petitioners of their own, each well inside the day's submissions.
    const petitioners = ['13700000004', '13700000005'];
    for (const who of [...petitioners, 'supervisor']) await kit.sessions.token(who);
    const earlier = new Map<string, string>();
    const cases: { id: string; linked: boolean }[] = [];
    for (let round = 0; round < 10; round += 1) {
      const who = petitioners[round % 2] as string;
      const matter = {
        title: `井下巷道积水${round}`,
        content: `第${round}号巷道积水严重，${uniqueText(40)}`,
      };
      const { petition } = await kit.submit(who, matter);
      const previous = earlier.get(who);
      earlier.set(who, petition.id);
      cases.push({ id: petition.id, linked: previous !== undefined });
      // Each transaction counts the case again: none may count it from a snapshot missing another.
      const responses = await Promise.all([
        kit.send(
          'ds.reception',
          petition.id,
          'assign',
          { unit: kit.unit('JA-DS-AQK'), reportBackBy: kit.beijingDate(30) },
          petition.version,
        ),
        kit.http(
          'supervisor',
          'POST',
          '/api/suggestions',
          {
            petitionId: petition.id,
            unitId: kit.unit('JA-DS-AQK'),
            suggestion: `完善巷道排水巡查制度（${round}）。`,
            dueDate: kit.beijingDate(30),
          },
          { 'idempotency-key': `racing-suggestion-${randomUUID()}` },
        ),
        // Linked to the person's earlier case, it is a repeat (重复信访); the copy is one of it.
        ...(previous
          ? [
              kit.http('ds.reception', 'POST', `/api/petitions/${petition.id}/links`, {
                petitionId: previous,
              }),
            ]
          : []),
        kit.http(who, 'POST', '/api/petitions', kit.submission(matter), {
          'idempotency-key': `racing-copy-${randomUUID()}`,
        }),
      ]);
      expect(
        responses.map((r) => r.statusCode),
        responses.map((r) => r.body.slice(0, 200)).join('\n'),
      ).toEqual(previous ? [200, 201, 200, 201] : [200, 201, 201]);
    }
    const facts = await kit.app.db
      .selectFrom('figure_fact')
      .select(['petition_id', 'metric'])
      .where(
        'petition_id',
        'in',
        cases.map((c) => c.id),
      )
      .execute();
    for (const { id, linked } of cases) {
      const metrics = facts.filter((f) => f.petition_id === id).map((f) => f.metric);
      expect(metrics, id).toEqual(expect.arrayContaining(['triaged', 'improvement_suggested']));
      expect(metrics.includes('repeat'), id).toBe(linked);
    }
    expect(await storedRollups(kit.app.db)).toEqual(await recountRollups(kit.app.db, kit.app.calendar));
  });
});

/**
 * An action resent after its answer was lost (a phone underground) or tapped twice: under one
 * Idempotency-Key it is taken once, and every resend answers with the case as it is — not a
 * conflict that invites a third tap and a second message.
 */
describe('an action under an Idempotency-Key', () => {
  const message = (id: string, version: number, text: string, key: string) =>
    kit.http(
      WORKER,
      'POST',
      `/api/petitions/${id}/actions`,
      {
        type: 'petitioner_message',
        params: { text },
        version,
      },
      { 'idempotency-key': key },
    );
  const messages = async (id: string) =>
    (await kit.detail(WORKER, id)).timeline.filter((e) => e.type === 'petitioner_wrote');

  it('is taken once however often it is sent, at once or later, and answers each time', async () => {
    const { id, version } = await handlingPetition();
    const key = `act-${randomUUID()}`;
    const burst = await Promise.all(Array.from({ length: 4 }, () => message(id, version, '请尽快处理', key)));
    expect(burst.map((r) => r.statusCode)).toEqual([200, 200, 200, 200]);
    const later = await message(id, version, '请尽快处理', key);
    expect(later.statusCode, later.body).toBe(200);
    expect(later.headers['idempotent-replayed']).toBe('true');
    expect(later.json().version).toBe(version + 1);
    expect(await messages(id)).toHaveLength(1);
    expect(await auditCount(id, 'petition.petitioner_message')).toBe(1);
    // The key is for that one action: with other words it is refused, not taken.
    expectError(await message(id, version, '另一句话', key), 422, 'IDEMPOTENCY_KEY_REUSED');
    // Without a key, the version alone still keeps a resend from happening twice.
    const unkeyed = await kit.http(WORKER, 'POST', `/api/petitions/${id}/actions`, {
      type: 'petitioner_message',
      params: { text: '请尽快处理' },
      version,
    });
    expectError(unkeyed, 409, 'VERSION_CONFLICT');
    expect(await messages(id)).toHaveLength(1);
  });
});
