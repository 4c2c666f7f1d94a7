import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  call,
  type IdentityApp,
  multipartFile,
  petitionerSignIn,
  staffSignIn,
  startIdentityApp,
  TINY_PNG,
  unitIds,
} from '../support';
import { petitionBody } from './kit';

/**
 * The accuser firewall on every surface (Art 30, issue 10): for an accusation naming a person at
 * each level — a handler, a unit head, the group's leader, supervisor and administrator — every
 * route that person can call, with every id and search that could lead there, reveals nothing that
 * identifies the accuser. "Identifies" is checked as the link an attacker needs: no answer (and no
 * single entry of a list) mentions the accusation and, with it, the accuser's account or desk record
 * id, name, phone (whole or masked), address, or another of his petitions. Elsewhere, apart from
 * the accusation, his name may appear: on his other petition, to those who may see it.
 */
describe('the accuser firewall, for an accusation naming a person at each level', () => {
  let identity: IdentityApp;
  // A name no demo account bears: staff appear by name in the audit log, and a namesake would be
  // taken for the accuser by the checks below.
  const ACCUSER = { phone: '13700000123', name: '孙建华', address: '东山矿区幸福里 9 号' };
  const accused = [
    { name: 'a handler', username: 'ds.handler', concerned: 'JA-DS-AQK' },
    { name: 'a unit head', username: 'ds.head', concerned: 'JA-DS' },
    { name: 'the group leader', username: 'leader', concerned: 'JA' },
    { name: 'the group supervisor', username: 'supervisor', concerned: 'JA' },
    { name: 'the group administrator', username: 'admin', concerned: 'JA' },
  ] as const;
  /** Per concerned unit: the accusation's id, number and its attachment. */
  const accusations = new Map<string, { id: string; number: string; attachment: string }>();
  const identifying: string[] = [];

  beforeAll(async () => {
    identity = await startIdentityApp();
    const { app } = identity;
    const units = await unitIds(app);
    const accuser = await petitionerSignIn(identity, ACCUSER.phone);
    const token = accuser.tokens.accessToken;
    const profile = await call(app, 'PATCH', '/api/me/profile', {
      token,
      body: { realName: ACCUSER.name, address: ACCUSER.address },
    });
    expect(profile.statusCode, profile.body).toBe(200);
    const submit = async (body: Record<string, unknown>) => {
      const response = await call(app, 'POST', '/api/petitions', {
        token,
        headers: { 'idempotency-key': `firewall-${randomUUID()}` },
        body,
      });
      expect(response.statusCode, response.body).toBe(201);
      return response.json().petition as { id: string; number: string; version: number };
    };
    // His ordinary request, seen with his name by the staff it concerns.
    const other = await submit({ ...petitionBody(units.get('JA-DS-AQK') as string), title: '宿舍暖气不热' });
    identifying.push(
      accuser.me.id,
      ACCUSER.name,
      ACCUSER.phone,
      '137****0123',
      ACCUSER.address,
      other.id,
      other.number,
    );

    for (const code of ['JA-DS-AQK', 'JA']) {
      const upload = await call(app, 'POST', '/api/attachments', { token, ...multipartFile(TINY_PNG) });
      expect(upload.statusCode, upload.body).toBe(201);
      const accusation = await submit({
        kind: 'accusation',
        concernedUnitId: units.get(code),
        categoryCode: 'cadre_conduct',
        title: '领导干部违规收受礼金',
        content: '反映有关领导在节日期间收受下属礼金，请求调查。',
        attachmentIds: [upload.json().id],
      });
      // He writes on it too: an entry in the audit log with him as the actor.
      const message = await call(app, 'POST', `/api/petitions/${accusation.id}/actions`, {
        token,
        body: {
          type: 'petitioner_message',
          params: { text: '补充：有照片为证。' },
          version: accusation.version,
        },
      });
      expect(message.statusCode, message.body).toBe(200);
      accusations.set(code, { id: accusation.id, number: accusation.number, attachment: upload.json().id });
    }

    // About the mine itself: a visit at the mine's own desk, for his phone, which he then claims.
    const desk = (await staffSignIn(app, 'ds.reception')).tokens.accessToken;
    const registered = await call(app, 'POST', '/api/petitions/register', {
      token: desk,
      headers: { 'idempotency-key': `firewall-${randomUUID()}` },
      body: {
        kind: 'accusation',
        channel: 'visit',
        receivedAt: new Date().toISOString(),
        concernedUnitId: units.get('JA-DS'),
        categoryCode: 'cadre_conduct',
        title: '矿领导违规发放津贴',
        content: '矿领导班子违规给自己发放高温津贴。',
        petitioner: { realName: ACCUSER.name, phone: ACCUSER.phone, address: ACCUSER.address },
      },
    });
    expect(registered.statusCode, registered.body).toBe(201);
    const mine = registered.json().petition as {
      id: string;
      number: string;
      petitioner: { id: string } | null;
    };
    const claimed = await call(app, 'POST', `/api/me/registrations/${mine.id}`, {
      token,
      body: { mine: true, queryCode: registered.json().queryCode },
    });
    expect(claimed.statusCode, claimed.body).toBe(200);
    accusations.set('JA-DS', {
      id: mine.id,
      number: mine.number,
      attachment: accusations.get('JA')?.attachment ?? '',
    });
    const deskRecord = await app.db
      .selectFrom('petitioner_account')
      .select('id')
      .where('contact_phone_hash', 'is not', null)
      .where('real_name', '=', ACCUSER.name)
      .execute();
    identifying.push(...deskRecord.map((r) => r.id));

    // Staff outside the accused units handle them: their views and reveals are audited.
    const group = (await staffSignIn(app, 'reception')).tokens.accessToken;
    for (const { id } of accusations.values())
      await call(app, 'GET', `/api/petitions/${id}`, { token: group });
    const revealed = await call(app, 'POST', `/api/petitions/${mine.id}/petitioner/reveal`, {
      token: group,
      body: { reason: '核实来访人联系方式' },
    });
    expect(revealed.statusCode, revealed.body).toBe(200);
  });
  afterAll(() => identity?.close());

  /** Every request the accused could try: every route with every id that leads to the accuser, and the searches. */
  function attempts(accusation: { id: string; number: string; attachment: string }) {
    const ids = [
      accusation.id,
      accusation.attachment,
      ...identifying.filter((s) => /^[0-9A-Z]{26}$/.test(s)),
    ];
    const list: { method: string; url: string; body?: unknown }[] = [];
    for (const { method, url } of identity.app.access.routes()) {
      if (url === '/api/auth/logout' || url === '/api/auth/password') continue;
      const targets = url.includes(':') ? ids : [''];
      for (const id of targets) {
        list.push({ method, url: url.replace(/:\w+/g, id), body: method === 'GET' ? undefined : {} });
      }
    }
    for (const search of [ACCUSER.phone, accusation.number, identifying[6] as string]) {
      list.push({ method: 'POST', url: '/api/petitions/search', body: { search, limit: 100 } });
    }
    list.push({ method: 'POST', url: '/api/petitioners/search', body: { phone: ACCUSER.phone } });
    list.push({ method: 'GET', url: '/api/petitions?limit=100' });
    for (const id of identifying.filter((s) => /^[0-9A-Z]{26}$/.test(s))) {
      list.push({ method: 'GET', url: `/api/audit?limit=200&actorId=${id}` });
      list.push({ method: 'GET', url: `/api/audit?limit=200&targetType=petitioner&targetId=${id}` });
    }
    list.push({ method: 'GET', url: `/api/audit?limit=200&targetId=${accusation.id}` });
    list.push({ method: 'GET', url: `/api/audit?limit=200&targetId=${accusation.attachment}` });
    list.push({ method: 'GET', url: '/api/audit?limit=200' });
    list.push({
      method: 'POST',
      url: `/api/petitions/${accusation.id}/links`,
      body: { petitionId: identifying[5] },
    });
    list.push({
      method: 'POST',
      url: `/api/petitions/${accusation.id}/petitioner/reveal`,
      body: { reason: '想知道是谁' },
    });
    return list;
  }

  /** The parts of an answer judged one by one: each entry of a list or line of a CSV export, or the whole answer. */
  function parts(response: { body: string; headers: Record<string, unknown> }): string[] {
    const { body } = response;
    if (String(response.headers['content-type']).startsWith('text/csv')) return body.split(/\r?\n/);
    try {
      const json = JSON.parse(body) as unknown;
      const items = (json as { items?: unknown[] })?.items ?? (Array.isArray(json) ? json : null);
      return items ? items.map((item) => JSON.stringify(item)) : [body];
    } catch {
      return [body];
    }
  }

  for (const person of accused) {
    it(`${person.name} (${person.username}) learns nothing of who accused them`, async () => {
      const accusation = accusations.get(person.concerned);
      if (!accusation) throw new Error(`no accusation about ${person.concerned}`);
      const token = (await staffSignIn(identity.app, person.username)).tokens.accessToken;
      const leaks: string[] = [];
      let answered = 0;
      for (const attempt of attempts(accusation)) {
        const response = await call(identity.app, attempt.method, attempt.url, { token, body: attempt.body });
        expect(response.statusCode, `${attempt.method} ${attempt.url}`).toBeLessThan(500);
        if (response.statusCode === 200) answered += 1;
        for (const part of parts(response)) {
          const about = [accusation.id, accusation.number, accusation.attachment].some((s) =>
            part.includes(s),
          );
          const who = identifying.filter((s) => part.includes(s));
          if (about && who.length > 0)
            leaks.push(`${attempt.method} ${attempt.url} → ${who.join(', ')}: ${part.slice(0, 200)}`);
        }
      }
      expect(leaks).toEqual([]);
      // The attempts reached real answers, not only refusals: the check had something to judge.
      expect(answered).toBeGreaterThan(3);
    }, 60_000);
  }

  it('the group’s reception, outside every accused unit but the group, still knows who made the accusation about the mine', async () => {
    const group = (await staffSignIn(identity.app, 'reception')).tokens.accessToken;
    const detail = await call(identity.app, 'GET', `/api/petitions/${accusations.get('JA-DS')?.id}`, {
      token: group,
    });
    expect(detail.json()).toMatchObject({ identityWithheld: false, petitioner: { realName: ACCUSER.name } });
    const supervisorAudit = await call(
      identity.app,
      'GET',
      `/api/audit?limit=200&targetId=${accusations.get('JA-DS')?.id}`,
      { token: (await staffSignIn(identity.app, 'supervisor')).tokens.accessToken },
    );
    // The case names him to the group, but its log does not: he accused the group too, and every
    // entry of his is withheld from the group's auditors, lest their times name him as that
    // accuser (audit.query.ts). The desk's own entries on the case stay.
    expect(supervisorAudit.statusCode).toBe(200);
    expect(supervisorAudit.body).not.toContain(identifying[0] as string);
    expect(supervisorAudit.json().items.map((e: { action: string }) => e.action)).toContain(
      'petition.register',
    );
  });
});
