import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clock, expectError, PetitionKit } from './kit';

/**
 * Coming in: online submission by the petitioner and registration by reception (Art 17, 19–23) —
 * who may do which, the petitioner found by phone or created, the clocks starting at receipt, and
 * the refusals with their field or rule.
 */

const WORKER = '13800000001';
const bj = (local: string) => new Date(`${local}+08:00`).toISOString();

let kit: PetitionKit;

beforeAll(async () => {
  kit = await PetitionKit.start({ at: bj('2026-03-02T09:00:00') });
});
afterAll(() => kit?.close());

const post = (who: string, url: string, body: unknown) =>
  kit.http(who, 'POST', url, body, { 'idempotency-key': `reg-${Math.random().toString(36).slice(2)}xyz` });

describe('who brings a petition in', () => {
  it('only petitioners submit online, only reception registers, nobody anonymous', async () => {
    expectError(await post('ds.reception', '/api/petitions', kit.submission()), 403, 'FORBIDDEN');
    expectError(await post('ds.handler', '/api/petitions', kit.submission()), 403, 'FORBIDDEN');
    const registration = {
      ...kit.submission(),
      channel: 'visit',
      receivedAt: bj('2026-03-02T08:00:00'),
      petitioner: { realName: '张伟', phone: WORKER },
    };
    expectError(await post('ds.handler', '/api/petitions/register', registration), 403, 'FORBIDDEN');
    expectError(await post('ds.head', '/api/petitions/register', registration), 403, 'FORBIDDEN');
    expectError(await post(WORKER, '/api/petitions/register', registration), 403, 'FORBIDDEN');
    const anonymous = await kit.http(null, 'POST', '/api/petitions', kit.submission(), {
      'idempotency-key': 'anonymous-key-1',
    });
    expectError(anonymous, 401, 'UNAUTHENTICATED');
    // Online is the petitioner's own channel.
    const online = await post('ds.reception', '/api/petitions/register', {
      ...registration,
      channel: 'online',
    });
    expect(expectError(online, 400, 'VALIDATION_FAILED').details).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: '/body/channel' })]),
    );
  });
});

describe('registration by reception', () => {
  it('finds the petitioner by phone, or creates one the person can later sign in as', async () => {
    const first = await kit.register('ds.reception', {
      channel: 'call',
      receivedAt: bj('2026-02-27T16:30:00'),
      petitioner: { realName: '周大海', phone: '13700000055', address: '东山区矿工路 3 号' },
    });
    // The clocks start at receipt, not at registration: 27 Feb + 15 = 14 March (Saturday) → 16 March.
    expect(first.petition.receivedAt).toBe(bj('2026-02-27T16:30:00'));
    expect(clock(first.petition, 'triage')).toMatchObject({ dueDate: '2026-03-16' });
    expect(first.petition.channel).toBe('call');
    expect(first.petition.units.receiving.code).toBe('JA-DS');
    expect(first.petition.petitioner).toMatchObject({
      realName: '周大海',
      phone: '137****0055',
      worker: false,
    });
    expect(first.petition.timeline[0]).toMatchObject({ type: 'registered', actorRole: 'reception' });

    kit.tick({ hours: 1 });
    const second = await kit.register('ds.reception', {
      channel: 'letter',
      receivedAt: bj('2026-03-02T08:00:00'),
      petitioner: { realName: '周大海', phone: '+8613700000055' },
    });
    expect(second.petition.petitioner?.id).toBe(first.petition.petitioner?.id);
    const people = await kit.app.db
      .selectFrom('petitioner_account')
      .select('id')
      .where('real_name', '=', '周大海')
      .execute();
    expect(people).toHaveLength(1);

    // The person signs in with that phone and finds both, registered on their behalf.
    const theirs = await kit.listAll('13700000055');
    expect(theirs.map((p) => p.id).sort()).toEqual([first.petition.id, second.petition.id].sort());
    // By account id, too.
    const third = await kit.register('ds.reception', {
      petitioner: { id: first.petition.petitioner?.id },
    });
    expect(third.petition.petitioner?.id).toBe(first.petition.petitioner?.id);
    const audit = await kit.audit(first.petition.petitioner?.id as string);
    expect(audit.filter((a) => a.action === 'petitioner.create')).toHaveLength(1);
  });

  it('refuses what cannot be: a future receipt, an unknown person, unit or category', async () => {
    const base = {
      ...kit.submission(),
      channel: 'visit',
      receivedAt: bj('2026-03-02T08:00:00'),
      petitioner: { realName: '张伟', phone: WORKER },
    };
    const future = await post('ds.reception', '/api/petitions/register', {
      ...base,
      receivedAt: new Date(Date.now() + 3600_000).toISOString(),
    });
    expect(expectError(future, 422, 'LIFECYCLE_REFUSED').details).toMatchObject({
      rule: 'register.received_at_in_future',
      param: 'receivedAt',
    });
    const unknownPerson = await post('ds.reception', '/api/petitions/register', {
      ...base,
      petitioner: { id: '01ARZ3NDEKTSV4RRFFQ69G5FAV' },
    });
    expect(expectError(unknownPerson, 400, 'VALIDATION_FAILED').details).toEqual([
      { path: '/body/petitioner/id', message: 'is not a petitioner' },
    ]);
    const unknownUnit = await post('ds.reception', '/api/petitions/register', {
      ...base,
      concernedUnitId: 'no-such-unit',
    });
    expect(expectError(unknownUnit, 400, 'VALIDATION_FAILED').details).toEqual([
      { path: '/body/concernedUnitId', message: 'is not an active unit' },
    ]);
    const unknownCategory = await post(WORKER, '/api/petitions', kit.submission({ categoryCode: 'lottery' }));
    expect(expectError(unknownCategory, 400, 'VALIDATION_FAILED').details).toEqual([
      { path: '/body/categoryCode', message: 'is not a category' },
    ]);
    const notMine = await post(
      WORKER,
      '/api/petitions',
      kit.submission({ attachmentIds: ['01ARZ3NDEKTSV4RRFFQ69G5FAV'] }),
    );
    expectError(notMine, 400, 'VALIDATION_FAILED');
    const blank = await post(WORKER, '/api/petitions', kit.submission({ title: '   ' }));
    expect(expectError(blank, 400, 'VALIDATION_FAILED').details).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: '/body/title' })]),
    );
    const long = await post(WORKER, '/api/petitions', kit.submission({ content: '长'.repeat(5001) }));
    expectError(long, 400, 'VALIDATION_FAILED');
  });

  it('no written notice is owed when the name or address is unclear (Art 23 ¶2)', async () => {
    const unclear = await kit.register('ds.reception', {
      channel: 'letter',
      contactUnclear: true,
      petitioner: { realName: '匿名' },
    });
    expect(unclear.petition.contactUnclear).toBe(true);
    expect(unclear.petition.clocks.map((c) => c.name)).not.toContain('notice');
    expect(unclear.petition.clocks.map((c) => c.name)).toContain('triage');
  });
});

describe('reception finds a petitioner by phone', () => {
  it('answers the match masked, nothing for an unknown number, audits every search, and is for reception only', async () => {
    const found = await kit.http('ds.reception', 'GET', '/api/petitioners/search?phone=13800000001');
    expect(found.statusCode, found.body).toBe(200);
    expect(found.json()).toEqual([
      expect.objectContaining({ realName: '张伟', phone: '138****0001', worker: true }),
    ]);
    expect(found.body).not.toContain('13800000001');
    const unknown = await kit.http('ds.reception', 'GET', '/api/petitioners/search?phone=13912345678');
    expect(unknown.json()).toEqual([]);
    const searches = await kit.app.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'petitioner.search')
      .execute();
    expect(searches.map((s) => JSON.parse(s.details ?? '{}').found)).toEqual([true, false]);
    expect(
      (await kit.http('ds.handler', 'GET', '/api/petitioners/search?phone=13800000001')).statusCode,
    ).toBe(403);
    expect((await kit.http('ds.reception', 'GET', '/api/petitioners/search?phone=12345')).statusCode).toBe(
      400,
    );
  });
});

describe('collective petitions (Art 20)', () => {
  it('a headcount with one to five representatives; more than five, or none, is refused', async () => {
    const ok = await kit.submit(WORKER, { headcount: 12, representatives: ['张伟', '赵磊', '孙丽'] });
    expect(ok.petition.collective).toEqual({ headcount: 12, representatives: ['张伟', '赵磊', '孙丽'] });
    const six = await post(
      WORKER,
      '/api/petitions',
      kit.submission({ headcount: 12, representatives: ['甲', '乙', '丙', '丁', '戊', '己'] }),
    );
    // The schema holds the limit, and answers as the lifecycle does: the rule and its article, in Chinese.
    expect(six.json().error.message).toBe('代表人数不超过5人（《信访工作条例》第二十条）');
    expect(expectError(six, 422, 'LIFECYCLE_REFUSED').details).toMatchObject({
      rule: 'collective.too_many_representatives',
      article: 'Art 20',
      param: 'representatives',
    });
    const none = await post(WORKER, '/api/petitions', kit.submission({ headcount: 12 }));
    expect(expectError(none, 422, 'LIFECYCLE_REFUSED').details).toMatchObject({
      rule: 'collective.representatives_required',
      article: 'Art 20',
    });
    const alone = await post(
      WORKER,
      '/api/petitions',
      kit.submission({ headcount: 1, representatives: ['甲'] }),
    );
    expectError(alone, 400, 'VALIDATION_FAILED');
  });
});
