import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addStaff } from '../identity/support';
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
  it('registers the details the clerk typed; the person joins it to their account by saying it is theirs', async () => {
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

    // He comes back: the desk finds him among the people it knows, and registers for him again.
    kit.tick({ hours: 1 });
    const found = await kit.http('ds.reception', 'POST', '/api/petitioners/search', {
      phone: '+8613700000055',
    });
    expect(found.statusCode, found.body).toBe(200);
    expect(found.json()).toEqual([
      expect.objectContaining({ id: first.petition.petitioner?.id, realName: '周大海' }),
    ]);
    const second = await kit.register('ds.reception', {
      channel: 'letter',
      receivedAt: bj('2026-03-02T08:00:00'),
      petitioner: { id: first.petition.petitioner?.id },
    });
    expect(second.petition.petitioner?.id).toBe(first.petition.petitioner?.id);
    const people = await kit.app.db
      .selectFrom('petitioner_account')
      .select('id')
      .where('real_name', '=', '周大海')
      .execute();
    expect(people).toHaveLength(1);
    const audit = await kit.audit(first.petition.petitioner?.id as string);
    expect(audit.filter((a) => a.action === 'petitioner.create')).toHaveLength(1);

    // He signs in with that phone: nothing is his until he says so, and he is asked.
    expect(await kit.listAll('13700000055')).toEqual([]);
    const asked = await kit.http('13700000055', 'GET', '/api/me/registrations');
    expect(asked.statusCode, asked.body).toBe(200);
    expect(asked.json()).toEqual([
      expect.objectContaining({
        petitionId: second.petition.id,
        number: second.petition.number,
        channel: 'letter',
      }),
      expect.objectContaining({
        petitionId: first.petition.id,
        number: first.petition.number,
        registeredName: '周*海',
        receivingUnit: expect.objectContaining({ code: 'JA-DS' }),
      }),
    ]);
    // What he is shown is what a receipt shows: not the matter, not the address.
    expect(asked.body).not.toContain('矿工路');
    expect(asked.body).not.toContain(first.petition.title);
    const left = await kit.claim('13700000055', first.petition.id, true);
    expect(left.map((r) => r.petitionId)).toEqual([second.petition.id]);
    expect(await kit.claim('13700000055', second.petition.id, false)).toEqual([]);
    expect((await kit.listAll('13700000055')).map((p) => p.id)).toEqual([first.petition.id]);
    expectError(
      await kit.http('13700000055', 'GET', `/api/petitions/${second.petition.id}`),
      404,
      'NOT_FOUND',
    );
    // A claim is answered once, and only by the phone it was made for.
    expectError(
      await kit.http('13700000055', 'POST', `/api/me/registrations/${second.petition.id}`, { mine: true }),
      404,
      'NOT_FOUND',
    );
    // What the desk wrote down fills what his profile lacked.
    const me = await kit.http('13700000055', 'GET', '/api/auth/me');
    expect(me.json()).toMatchObject({ realName: '周大海', address: '东山区矿工路 3 号' });
    // The desk still sees the case it registered, now with his account behind it.
    const detail = await kit.detail('ds.reception', first.petition.id);
    expect(detail.petitioner?.id).toBe(me.json().id);
    const actions = (await kit.audit(first.petition.id)).map((a) => a.action);
    expect(actions).toContain('petition.claim_confirmed');
    expect((await kit.audit(second.petition.id)).map((a) => a.action)).toContain('petition.claim_declined');
  });

  it('a clerk who types someone else’s phone learns nothing about them, and reaches nobody’s account', async () => {
    // A clerk of 西河煤矿, who has never handled 张伟's cases, "registers a letter" for his phone.
    await addStaff(kit.app, { username: 'xh.reception', unitCode: 'JA-XH', roles: ['reception'] });
    await kit.refreshDirectory();
    const zhang = (await kit.http(WORKER, 'GET', '/api/auth/me')).json();
    const fake = await kit.register('xh.reception', {
      concernedUnitId: kit.unit('JA-XH-AQK'),
      petitioner: { realName: '假名', phone: WORKER },
    });
    expect(fake.petition.petitioner).toMatchObject({ realName: '假名', phone: '138****0001', address: null });
    expect(fake.petition.petitioner?.id).not.toBe(zhang.id);
    for (const secret of [zhang.realName, zhang.address, zhang.id]) {
      if (secret) expect(JSON.stringify(fake), secret).not.toContain(secret);
    }
    // Revealing gives back what he typed, nothing of 张伟's.
    const revealed = await kit.http(
      'xh.reception',
      'POST',
      `/api/petitions/${fake.petition.id}/petitioner/reveal`,
      {
        reason: '核对来信人',
      },
    );
    expect(revealed.json()).toEqual({ realName: '假名', phone: WORKER, idNumber: null, address: null });
    // Searching the phone finds only what he himself registered; naming 张伟's account is refused.
    const found = await kit.http('xh.reception', 'POST', '/api/petitioners/search', { phone: WORKER });
    expect(found.json().map((m: { id: string }) => m.id)).toEqual([fake.petition.petitioner?.id]);
    const byId = await kit.http(
      'xh.reception',
      'POST',
      '/api/petitions/register',
      {
        ...kit.submission(),
        channel: 'visit',
        receivedAt: new Date().toISOString(),
        petitioner: { id: zhang.id },
      },
      { 'idempotency-key': `reg-${Math.random().toString(36).slice(2)}xyz` },
    );
    expect(expectError(byId, 400, 'VALIDATION_FAILED').details).toEqual([
      { path: '/body/petitioner/id', message: 'is not a petitioner' },
    ]);
    // 张伟's own list does not change; he is asked, and says it is not his.
    expect((await kit.listAll(WORKER)).map((p) => p.id)).not.toContain(fake.petition.id);
    const asked = (await kit.http(WORKER, 'GET', '/api/me/registrations')).json();
    expect(asked).toEqual([expect.objectContaining({ petitionId: fake.petition.id, registeredName: '假*' })]);
    await kit.claim(WORKER, fake.petition.id, false);
    expect((await kit.listAll(WORKER)).map((p) => p.id)).not.toContain(fake.petition.id);
    // The desk that registered it is told, to find the real petitioner: the number, nothing more.
    const told = await kit.app.db
      .selectFrom('notification')
      .select(['recipient_id', 'body', 'statutory'])
      .where('petition_id', '=', fake.petition.id)
      .where('event', '=', 'registration_disowned')
      .execute();
    expect(told).toEqual([
      { recipient_id: kit.staffId('xh.reception'), body: expect.any(String), statutory: 0 },
    ]);
    expect(told[0]?.body).toContain(fake.petition.number);
    for (const secret of ['假名', WORKER, WORKER.slice(-4)]) expect(told[0]?.body).not.toContain(secret);
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
    // Before the calendar's first year is a slip of the keyboard, not a letter found in a drawer:
    // it was registered overdue at once. A day that does not exist is no time received either.
    for (const receivedAt of ['0100-01-01T00:00:00Z', '1999-12-31T08:00:00Z', '2026-02-29T08:00:00Z']) {
      const slip = await post('ds.reception', '/api/petitions/register', { ...base, receivedAt });
      expect(expectError(slip, 400, 'VALIDATION_FAILED').details, receivedAt).toEqual([
        { path: '/body/receivedAt', message: expect.any(String) },
      ]);
    }
    // Half a surrogate pair, which no database stores as sent: its search terms were two keys
    // before and one after (a 500 on MySQL), and the text came back changed.
    for (const register of [false, true]) {
      const lone = register
        ? await post('ds.reception', '/api/petitions/register', { ...base, content: '\ud800a\udbffa正文' })
        : await post(WORKER, '/api/petitions', kit.submission({ content: '\ud800a\udbffa正文' }));
      expect(expectError(lone, 400, 'VALIDATION_FAILED').details).toEqual([
        { path: '/body/content', message: 'must be well-formed Unicode without control characters' },
      ]);
    }
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
    // With the address written down, it is not unclear: the notice is owed.
    const known = await kit.http(
      'ds.reception',
      'POST',
      '/api/petitions/register',
      {
        ...kit.submission(),
        channel: 'letter',
        receivedAt: new Date(Date.now() - 3600_000).toISOString(),
        contactUnclear: true,
        petitioner: { realName: '王大爷', address: '东山矿区三号楼二单元' },
      },
      { 'idempotency-key': `k-known-${Date.now()}` },
    );
    expect(expectError(known, 422, 'LIFECYCLE_REFUSED').details).toMatchObject({
      rule: 'register.contact_known',
      article: 'Art 23 ¶2',
      param: 'contactUnclear',
    });
    expect(known.json().error.message).toContain('第二十三条第二款');
  });
});

describe('reception finds a petitioner by phone', () => {
  it('answers the people it knows, masked, with the phone in the body; audits every search; reception only', async () => {
    const search = (who: string, phone: string) =>
      kit.http(who, 'POST', '/api/petitioners/search', { phone });
    // Nobody at a desk knows 张伟 until he brings a petition there.
    expect((await search('ds.reception', WORKER)).json()).toEqual([]);
    await kit.submit(WORKER, { concernedUnitId: kit.unit('JA-DS-AQK') });
    const found = await search('ds.reception', WORKER);
    expect(found.statusCode, found.body).toBe(200);
    expect(found.json()).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ realName: '张伟', phone: '138****0001', worker: true }),
      ]),
    );
    expect(found.body).not.toContain('13800000001');
    const unknown = await search('ds.reception', '13912345678');
    expect(unknown.json()).toEqual([]);
    const searches = await kit.app.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'petitioner.search')
      .where('actor_id', '=', kit.staffId('ds.reception'))
      .orderBy('at')
      .orderBy('id')
      .execute();
    expect(searches.slice(-3).map((s) => JSON.parse(s.details ?? '{}').found)).toEqual([false, true, false]);
    expectError(await search('ds.handler', WORKER), 403, 'FORBIDDEN');
    expectError(await search('ds.reception', '12345'), 400, 'VALIDATION_FAILED');
    // Never in a URL.
    expectError(
      await kit.http('ds.reception', 'GET', `/api/petitioners/search?phone=${WORKER}`),
      404,
      'NOT_FOUND',
    );
  });
});

describe('collective petitions (Art 20)', () => {
  it('a headcount with one to five representatives; more than five, none, or more than the people, is refused', async () => {
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
    const outnumbered = await post(
      WORKER,
      '/api/petitions',
      kit.submission({ headcount: 2, representatives: ['甲', '乙', '丙'] }),
    );
    expect(outnumbered.json().error.message).toBe(
      '代表从提出信访的人中推选，代表人数不能多于信访人数（《信访工作条例》第二十条）',
    );
    expect(expectError(outnumbered, 422, 'LIFECYCLE_REFUSED').details).toMatchObject({
      rule: 'collective.more_representatives_than_people',
      param: 'representatives',
    });
  });
});
