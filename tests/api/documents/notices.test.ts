import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DOCUMENT_TITLES, type DocumentSummary, type DocumentType } from '@xinfang/shared/schemas/documents';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstPagePng, pdfFonts, pdfImageCount, pdfPages, pdfText } from '../../support/pdf';
import { expectError, PetitionKit } from '../petitions/kit';

/**
 * Every kind of written notice, made by the real lifecycle and read back from its PDF: the title,
 * the document number, the parts a written answer needs in the order of Art 32, the issuing unit
 * and date with the seal area, and every font embedded as a subset. One page is rendered to PNG
 * and checked for the layout's landmarks (and kept in test-results/ for a person to look at).
 */

const WORKER = '13800000001'; // 张伟
const PASSWORD = 'Xinfang-Notices-2026!';
const LETTER = {
  request: '补发夜班加班费',
  factsAndReasons: '经核实考勤记录，三月夜班加班属实，工资表漏算。',
  decision: '于四月十日前补发三月夜班加班费。',
  legalBasis: '《劳动法》第四十四条',
  outcome: 'support',
};

let kit: PetitionKit;
/** Every document made in this file, with who may open it and the petition it belongs to. */
const made = new Map<DocumentType, { doc: DocumentSummary; petitionId: string; reader: string }>();

beforeAll(async () => {
  kit = await PetitionKit.start();
  await kit.appoint('ja.head', 'JA', ['unit_head'], PASSWORD);
});
afterAll(() => kit?.close());

async function pdf(who: string, documentId: string): Promise<Buffer> {
  const response = await kit.http(who, 'GET', `/api/documents/${documentId}.pdf`);
  expect(response.statusCode, response.body).toBe(200);
  expect(response.headers['content-type']).toBe('application/pdf');
  // A shared reception PC's browser keeps nothing: every read comes here, and is audited.
  expect(response.headers['cache-control']).toBe('no-store');
  return response.rawPayload;
}

/** Text without line breaks and spaces: pdftotext breaks lines where the page does. */
async function flatText(bytes: Buffer): Promise<string> {
  return (await pdfText(bytes)).replace(/\s+/g, '');
}

async function collect(petitionId: string, reader = 'ds.head'): Promise<void> {
  for (const doc of await kit.documents(reader, petitionId)) {
    if (!made.has(doc.type)) made.set(doc.type, { doc, petitionId, reader });
  }
}

async function answer(head: string, handler: string, id: string, letter: Record<string, unknown> = LETTER) {
  await kit.act(handler, id, 'draft_reply', letter);
  await kit.act(head, id, 'approve_reply');
  await kit.act(handler, id, 'issue_reply');
}

describe('written notices', () => {
  beforeAll(async () => {
    // A request through every stage, with an extension, supervision and an agreement on the way.
    const { petition } = await kit.submit(WORKER);
    const id = petition.id;
    await kit.act('ds.reception', id, 'assign', {
      unit: kit.unit('JA-DS-AQK'),
      reportBackBy: kit.beijingDate(30),
    });
    await kit.act('ds.handler', id, 'accept');
    await kit.act('ds.handler', id, 'notify', { message: '请于本周内补交三月考勤表复印件。' });
    await kit.act('ds.handler', id, 'request_extension', {
      days: 15,
      reason: '需调取井下人员定位记录核对工时',
    });
    await kit.act('ds.head', id, 'approve_extension');
    await kit.act('supervisor', id, 'issue_supervision', {
      concern: 'delay',
      requirements: '请加快核实，按期答复。',
      dueDate: kit.beijingDate(10),
    });
    await kit.act('ds.handler', id, 'record_mediation', {
      result: 'agreement',
      summary: '矿方与张伟就补发金额协商一致。',
      terms: '矿方于四月十日前补发夜班加班费一千二百元。',
      confirmed: true,
    });
    await answer('ds.head', 'ds.handler', id);
    await kit.openAnswer(WORKER, id);
    await kit.act(WORKER, id, 'request_review', { reason: '补发金额仍不足' });
    await answer('ds.head', 'ds.head', id, { ...LETTER, decision: '维持原处理意见。', outcome: 'explain' });
    await kit.openAnswer(WORKER, id);
    await kit.act(WORKER, id, 'request_re_examination', { reason: '仍有异议' });
    await answer('ja.head', 'ja.head', id, { ...LETTER, decision: '维持复查意见。', outcome: 'explain' });
    await collect(id, 'ja.head');
    await collect(id);

    // A suggestion answered; and requests declined, forwarded and diverted at the door.
    const suggestion = (await kit.submit(WORKER, { kind: 'suggestion' })).petition.id;
    await kit.act('ds.reception', suggestion, 'accept');
    await answer('ds.head', 'ds.head', suggestion, {
      ...LETTER,
      legalBasis: undefined,
      outcome: 'adopted',
    });
    await collect(suggestion);
    for (const [type, params] of [
      [
        'decline',
        { ground: 'not_a_petition_matter', reason: '属于个人借贷纠纷。', guidance: '晋安市东山区人民法院' },
      ],
      ['forward', { recipientOrgan: '晋安市人力资源和社会保障局', reason: '属于劳动保障监察事项。' }],
      ['divert', { route: 'arbitration', guidance: '请向晋安市劳动人事争议仲裁委员会申请仲裁。' }],
    ] as const) {
      const other = (await kit.submit(WORKER)).petition.id;
      await kit.act('ds.reception', other, type, params);
      await collect(other);
    }
  }, 120_000);

  it('makes every type of notice', () => {
    expect([...made.keys()].sort()).toEqual(Object.keys(DOCUMENT_TITLES).sort());
  });

  it.each(Object.keys(DOCUMENT_TITLES) as DocumentType[])(
    '%s: a PDF with its title, number, unit, date and seal area, fonts embedded as subsets',
    async (type) => {
      const entry = made.get(type);
      if (!entry) throw new Error(`no ${type} was made`);
      const bytes = await pdf(entry.reader, entry.doc.id);
      expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
      const text = await flatText(bytes);
      expect(text).toContain(DOCUMENT_TITLES[type]);
      expect(text).toContain(entry.doc.issuingUnit.name);
      expect(text).toMatch(/2026年\d{1,2}月\d{1,2}日/);
      expect(text).toContain('（印章）');
      if (type === 'delivery_receipt') {
        expect(entry.doc.number).toMatch(/信复〔2026〕\d+号$/); // its answer's number
        expect(text).toContain(entry.doc.number);
        expect(text).toContain('受送达人签名');
        // The form, the signature, the seal and the date on one sheet, as it is handed over.
        expect(await pdfPages(bytes)).toBe(1);
      } else {
        expect(entry.doc.number).toMatch(/^.+信[告复督调]〔2026〕[1-9]\d*号$/);
        expect(text).toContain(entry.doc.number);
      }
      const fonts = await pdfFonts(bytes);
      expect(fonts.length).toBeGreaterThan(0);
      for (const font of fonts) {
        expect(font, font.name).toMatchObject({ embedded: true, subset: true });
        expect(font.name).toMatch(/^[A-Z]{6}\+NotoSerifSC-/);
      }
    },
    30_000,
  );

  it.each(['decision', 'review_decision', 're_examination_decision', 'reply'] as const)(
    '%s states the request, the facts and reasons, the decision and its basis, in the order of Art 32',
    async (type) => {
      const entry = made.get(type);
      if (!entry) throw new Error(`no ${type}`);
      const text = await flatText(await pdf(entry.reader, entry.doc.id));
      const parts = [
        '一、信访请求',
        LETTER.request,
        '二、事实和理由',
        LETTER.factsAndReasons,
        '三、处理意见',
      ];
      if (type !== 'reply') parts.push('四、法律法规依据', LETTER.legalBasis);
      const positions = parts.map((part) => text.indexOf(part));
      expect(
        positions.every((p) => p >= 0),
        JSON.stringify(positions),
      ).toBe(true);
      expect([...positions].sort((a, b) => a - b)).toEqual(positions);
      expect(text).toContain('张伟：');
    },
  );

  it('a decline as not a petition matter says where to turn instead, and is refused without (Art 22)', async () => {
    const entry = made.get('decline_notice');
    if (!entry) throw new Error('no decline_notice');
    const text = await flatText(await pdf(WORKER, entry.doc.id));
    expect(text).toContain('所反映事项不属于信访事项，本单位不予受理。理由：属于个人借贷纠纷。');
    // The guidance stands as its own sentence, whatever staff wrote (D11: never 「向向…反映」).
    expect(text).toContain('反映途径：晋安市东山区人民法院。');
    const other = (await kit.submit(WORKER)).petition.id;
    const params = { ground: 'not_a_petition_matter', reason: '属于个人借贷纠纷。' };
    const details = await kit.refused('ds.reception', other, 'decline', params, 'decline.guidance_required');
    expect(details.param).toBe('guidance');
    // Art 36 ¶3: a final matter has nowhere further to turn, so the notice says no such thing.
    await kit.refused(
      'ds.reception',
      other,
      'decline',
      { ground: 'already_final', reason: '与 XF2026-000001 相同', guidance: '人民法院' },
      'params.invalid',
    );
  });

  it('tells the petitioner where and how to appeal, and that re-examination is final', async () => {
    const decision = made.get('decision');
    const final = made.get('re_examination_decision');
    if (!decision || !final) throw new Error('missing answers');
    // Art 35 asks for no particular form: the app, a letter, a visit or a call (not 书面 only).
    const text = await flatText(await pdf(WORKER, decision.doc.id));
    expect(text).toContain(
      '30日内，向东山煤矿提出复查请求：可以在“信访通”中提出，也可以来信、来访或者来电提出。',
    );
    expect(text).not.toContain('书面提出');
    expect(await flatText(await pdf(WORKER, final.doc.id))).toContain('本复核意见为终结意见');
  });

  it('the acceptance notice says how to follow the case (Art 18, 21)', async () => {
    const entry = made.get('acceptance_notice');
    if (!entry) throw new Error('no acceptance notice');
    expect(await flatText(await pdf(WORKER, entry.doc.id))).toContain(
      '您可以在“信访通”中查看办理进度，也可以凭信访编号和查询码查询。',
    );
  });

  it('Art 33: no mediation, so no agreement for the accused unit to sign, on an accusation', async () => {
    const { petition } = await kit.submit(WORKER, {
      kind: 'accusation',
      concernedUnitId: kit.unit('JA-DS-AQK'),
    });
    const atGroup = (await kit.detail('reception', petition.id)).units.receiving.code === 'JA';
    const [office, handler] = atGroup ? ['reception', 'handler'] : ['ds.reception', 'ds.head'];
    await kit.act(office, petition.id, 'accept');
    const detail = await kit.detail(handler, petition.id);
    expect(detail.allowedActions.map((a) => a.type)).toContain('draft_reply');
    expect(detail.allowedActions.map((a) => a.type)).not.toContain('record_mediation');
    const details = await kit.refused(
      handler,
      petition.id,
      'record_mediation',
      { result: 'agreement', summary: '协商', terms: '赔偿', confirmed: true },
      'mediation.requests_only',
    );
    expect(details.article).toBe('Art 33');
    expect((await kit.documents(handler, petition.id)).map((d) => d.type)).not.toContain(
      'mediation_agreement',
    );
  });

  it('asks for a rating in words that also serve a petitioner without the app', async () => {
    for (const type of ['decision', 'review_decision', 're_examination_decision', 'reply'] as const) {
      const entry = made.get(type);
      if (!entry) throw new Error(`no ${type}`);
      expect(await flatText(await pdf(entry.reader, entry.doc.id)), type).toContain(
        '对办理结果作出评价：可以在“信访通”中评价，也可以通过来信、来电或者来访向本单位提出意见。',
      );
    }
  });

  it('answers a suggestion under Art 29 and an accusation under Art 30, each under its own', async () => {
    const suggestion = made.get('reply');
    if (!suggestion) throw new Error('no reply');
    const suggestionText = await flatText(await pdf(suggestion.reader, suggestion.doc.id));
    expect(suggestionText).toContain('依据《信访工作条例》第二十九条的规定，现答复如下');
    expect(suggestionText).not.toContain('第三十条');

    const { petition } = await kit.submit(WORKER, {
      kind: 'accusation',
      concernedUnitId: kit.unit('JA-DS-AQK'),
    });
    const atGroup = (await kit.detail('reception', petition.id)).units.receiving.code === 'JA';
    const [office, head, handler] = atGroup
      ? ['reception', 'head', 'handler']
      : ['ds.reception', 'ds.head', 'ds.head'];
    await kit.act(office, petition.id, 'accept');
    await answer(head, handler, petition.id, { ...LETTER, outcome: 'substantiated' });
    const reply = (await kit.documents(head, petition.id)).find((d) => d.type === 'reply');
    if (!reply) throw new Error('no reply to the accusation');
    const accusationText = await flatText(await pdf(head, reply.id));
    expect(accusationText).toContain('依据《信访工作条例》第三十条的规定，现答复如下');
    expect(accusationText).not.toContain('第二十九条');
  });

  it('states the appeal (Art 35, 36) where nothing in the organisation stands above the answering unit', async () => {
    // The group answers a request about itself: 复查 lies with whoever above it may hear the matter.
    const own = (await kit.submit(WORKER, { concernedUnitId: kit.unit('JA') })).petition.id;
    await kit.act('reception', own, 'accept');
    await answer('head', 'handler', own);
    const decision = (await kit.documents(WORKER, own)).find((d) => d.type === 'decision');
    if (!decision) throw new Error('no decision by the group');
    // Outside the organisation the app cannot take the appeal, so the notice does not offer it.
    const outside = await flatText(await pdf(WORKER, decision.id));
    expect(outside).toContain(
      '依据《信访工作条例》第三十五条的规定，自收到本意见书之日起30日内，向有权处理的上级机关或者单位提出复查请求。',
    );
    expect(outside).not.toContain('中提出');

    // The group reviews a mine's decision: 复核 lies above the group, and the review is not final.
    const reviewed = (await kit.submit(WORKER)).petition.id;
    await kit.act('ds.reception', reviewed, 'accept');
    await answer('ds.head', 'ds.head', reviewed);
    await kit.openAnswer(WORKER, reviewed);
    await kit.act(WORKER, reviewed, 'request_review', { reason: '补发金额仍不足' });
    await answer('head', 'handler', reviewed, {
      ...LETTER,
      decision: '维持原处理意见。',
      outcome: 'explain',
    });
    const review = (await kit.documents(WORKER, reviewed)).find((d) => d.type === 'review_decision');
    if (!review) throw new Error('no review by the group');
    const text = await flatText(await pdf(WORKER, review.id));
    expect(text).toContain(
      '依据《信访工作条例》第三十六条的规定，自收到本意见书之日起30日内，向有权处理的上级机关或者单位提出复核请求。',
    );
    expect(text).not.toContain('终结意见');
  });

  it('numbers each unit’s series in order, from 1 in the year', async () => {
    const numbers = [...made.values()]
      .map(({ doc }) => doc)
      .filter((doc) => doc.issuingUnit.name === '东山煤矿' && doc.type !== 'delivery_receipt')
      .map((doc) => doc.number ?? '');
    // The mine's notices (告) and answers (复) each start at 1.
    expect(numbers).toContain('东山煤矿信告〔2026〕1号');
    expect(numbers).toContain('东山煤矿信复〔2026〕1号');
    expect(new Set(numbers).size).toBe(numbers.length);
  });

  it('renders a page that looks like an official letter: red head, black body, the signature at the right', async () => {
    const entry = made.get('decision');
    if (!entry) throw new Error('no decision');
    const png = await firstPagePng(await pdf(WORKER, entry.doc.id), 72);
    await mkdir(join('test-results', 'documents'), { recursive: true });
    await writeFile(join('test-results', 'documents', 'decision-page-1.png'), png);
    const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
    // A4 at 72 dpi (pdftoppm rounds 595.28 up).
    expect(info.width).toBeGreaterThanOrEqual(595);
    expect(info.width).toBeLessThanOrEqual(596);
    expect(info.height).toBe(842);
    const pixel = (x: number, y: number) => {
      const i = (y * info.width + x) * info.channels;
      return [data[i] ?? 0, data[i + 1] ?? 0, data[i + 2] ?? 0];
    };
    const count = (x0: number, y0: number, x1: number, y1: number, test: (rgb: number[]) => boolean) => {
      let n = 0;
      for (let y = y0; y < y1; y += 1) for (let x = x0; x < x1; x += 1) if (test(pixel(x, y))) n += 1;
      return n;
    };
    const red = ([r, g, b]: number[]) => (r ?? 0) > 180 && (g ?? 0) < 90 && (b ?? 0) < 90;
    const ink = ([r, g, b]: number[]) => (r ?? 0) < 90 && (g ?? 0) < 90 && (b ?? 0) < 90;
    const mm = 72 / 25.4;
    // The unit's name and the double line in red across the head (30–50 mm from the top).
    expect(count(0, Math.round(25 * mm), 595, Math.round(50 * mm), red)).toBeGreaterThan(500);
    // No red in the body; black text inside the type area (28 mm from the left, 156 mm wide).
    expect(
      count(Math.round(28 * mm), Math.round(80 * mm), Math.round(184 * mm), Math.round(250 * mm), red),
    ).toBe(0);
    expect(
      count(Math.round(28 * mm), Math.round(80 * mm), Math.round(184 * mm), Math.round(250 * mm), ink),
    ).toBeGreaterThan(2000);
    // Nothing outside the type area's left and right margins but the head and foot lines.
    expect(count(0, Math.round(60 * mm), Math.round(18 * mm), Math.round(260 * mm), ink)).toBe(0);
    expect(count(Math.round(194 * mm), Math.round(60 * mm), 595, Math.round(260 * mm), ink)).toBe(0);
  });
});

describe('who sees which documents', () => {
  it('gives the petitioner the notices addressed to them, never the internal ones', async () => {
    const entry = made.get('decision');
    const supervision = made.get('supervision_notice');
    const receipt = made.get('delivery_receipt');
    if (!entry || !supervision || !receipt) throw new Error('missing documents');
    const mine = (await kit.documents(WORKER, entry.petitionId)).map((d) => d.type);
    expect(mine).toContain('decision');
    expect(mine).not.toContain('supervision_notice');
    expect(mine).not.toContain('delivery_receipt');
    expectError(await kit.http(WORKER, 'GET', `/api/documents/${supervision.doc.id}.pdf`), 404, 'NOT_FOUND');
    expectError(await kit.http(WORKER, 'GET', `/api/documents/${receipt.doc.id}.pdf`), 404, 'NOT_FOUND');
    // Staff outside the case's units see nothing of it.
    expectError(await kit.http('xh.handler', 'GET', `/api/documents/${entry.doc.id}.pdf`), 404, 'NOT_FOUND');
    expectError(
      await kit.http('xh.handler', 'GET', `/api/petitions/${entry.petitionId}/documents`),
      404,
      'NOT_FOUND',
    );
  });

  it('audits every read of a document, staff’s and the petitioner’s, on the case’s own trail', async () => {
    const entry = made.get('acceptance_notice');
    if (!entry) throw new Error('no acceptance notice');
    const before = (await kit.audit(entry.doc.id)).filter((e) => e.action === 'document.view').length;
    await pdf('ds.reception', entry.doc.id);
    await pdf(WORKER, entry.doc.id);
    await pdf(WORKER, entry.doc.id);
    const views = (await kit.audit(entry.doc.id)).filter((e) => e.action === 'document.view');
    const petitionerId = await kit.petitionerId(WORKER);
    expect(views.slice(before)).toEqual([
      expect.objectContaining({ actor_type: 'staff', actor_id: kit.staffId('ds.reception') }),
      expect.objectContaining({ actor_type: 'petitioner', actor_id: petitionerId }),
      expect.objectContaining({ actor_type: 'petitioner', actor_id: petitionerId }),
    ]);
    const onCase = await kit.app.db
      .selectFrom('audit_log')
      .select(['actor_id', 'target_id'])
      .where('petition_id', '=', entry.petitionId)
      .where('action', '=', 'document.view')
      .execute();
    expect(onCase).toContainEqual({ actor_id: kit.staffId('ds.reception'), target_id: entry.doc.id });
  });

  it('Art 30: an accusation’s documents never name the accuser to the accused unit', async () => {
    // The whole group is accused: the group's office may forward it, but never learns who wrote it.
    const { petition } = await kit.submit(WORKER, { kind: 'accusation', concernedUnitId: kit.unit('JA') });
    await kit.act('reception', petition.id, 'forward', {
      recipientOrgan: '晋安市纪委监委',
      reason: '反映集团领导问题。',
    });
    const [notice] = await kit.documents('reception', petition.id);
    if (!notice) throw new Error('no forwarding notice');
    const seenByAccused = await flatText(await pdf('reception', notice.id));
    expect(seenByAccused).not.toContain('张伟');
    expect(seenByAccused).toContain('信访人：');
    expect(await flatText(await pdf(WORKER, notice.id))).toContain('张伟：');
  });

  it('the lookup by number and query code lists the documents, never their text', async () => {
    const { petition, queryCode } = await kit.submit(WORKER);
    await kit.act('ds.reception', petition.id, 'accept');
    const response = await kit.http(null, 'POST', '/api/lookup', { number: petition.number, queryCode });
    expect(response.statusCode, response.body).toBe(200);
    const documents = response.json().documents;
    expect(documents).toEqual([
      expect.objectContaining({ type: 'acceptance_notice', title: '信访事项受理告知书', delivered: false }),
    ]);
    expect(documents[0].number).toMatch(/信告〔2026〕\d+号$/);
    expect(Object.keys(documents[0]).sort()).toEqual(['delivered', 'issuedAt', 'number', 'title', 'type']);
    expect(response.body).not.toContain('张伟');
  });
});

describe('a unit’s seal and signatory', () => {
  async function sealUpload(who: string): Promise<string> {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="400" height="400"><rect width="400" height="400" fill="#fff"/><circle cx="200" cy="200" r="180" fill="none" stroke="#d00" stroke-width="14"/><polygon points="200,110 222,178 294,178 236,220 258,290 200,248 142,290 164,220 106,178 178,178" fill="#d00"/></svg>`;
    return kit.uploadImage(who, await sharp(Buffer.from(svg)).png().toBuffer());
  }

  it('appear on notices issued after they are set; notices issued before keep what they had', async () => {
    const before = made.get('acceptance_notice');
    if (!before) throw new Error('no acceptance notice');
    const unitId = kit.unit('JA-DS-AQK');
    const settingsUrl = `/api/units/${unitId}/document-settings`;
    expectError(
      await kit.http('ds.handler', 'PATCH', settingsUrl, { signatoryName: '刘洋' }),
      403,
      'FORBIDDEN',
    );
    expectError(await kit.http('xh.head', 'PATCH', settingsUrl, { signatoryName: '刘洋' }), 403, 'FORBIDDEN');
    const set = await kit.http('ds.head', 'PATCH', settingsUrl, {
      prefix: '东矿安',
      signatoryName: '刘洋',
      signatoryTitle: '安全科科长',
      sealAttachmentId: await sealUpload('ds.head'),
    });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toMatchObject({
      prefix: '东矿安',
      prefixSet: true,
      signatoryName: '刘洋',
      hasSeal: true,
    });
    // The clean seal is for those who approve documents or keep the settings; each download audited.
    for (const who of ['ds.handler', 'ds.reception', 'supervisor']) {
      expectError(await kit.http(who, 'GET', `/api/units/${unitId}/seal.png`), 403, 'FORBIDDEN');
    }
    const seal = await kit.http('ds.head', 'GET', `/api/units/${unitId}/seal.png`);
    expect(seal.statusCode).toBe(200);
    const sealMeta = await sharp(seal.rawPayload).metadata();
    expect(sealMeta).toMatchObject({ format: 'png', hasAlpha: true });
    const audit = await kit.audit(unitId);
    expect(
      audit.filter((e) => e.action === 'unit.document_settings'),
      JSON.stringify(audit),
    ).toHaveLength(1);
    expect(audit.filter((e) => e.action === 'unit.seal_download')).toEqual([
      expect.objectContaining({ actor_id: kit.staffId('ds.head'), outcome: 'success', target_type: 'unit' }),
    ]);

    const { petition } = await kit.submit(WORKER);
    await kit.act('ds.reception', petition.id, 'assign', { unit: unitId, reportBackBy: kit.beijingDate(20) });
    await kit.act('ds.handler', petition.id, 'accept');
    const after = (await kit.documents('ds.handler', petition.id)).find(
      (d) => d.type === 'acceptance_notice',
    );
    if (!after) throw new Error('no new acceptance notice');
    expect(after.number).toMatch(/^东矿安信告〔2026〕\d+号$/);
    // The list says which carry the seal: an unsealed paper copy is stamped by hand (D8).
    expect([after.sealed, before.doc.sealed]).toEqual([true, false]);
    const newText = await flatText(await pdf('ds.handler', after.id));
    expect(newText).toContain('签发人：刘洋（安全科科长）');
    expect(newText).not.toContain('（印章）');
    const sealed = await pdf('ds.handler', after.id);
    expect(await pdfImageCount(sealed)).toBe(1);

    const oldBytes = await pdf('ds.handler', before.doc.id);
    expect(await flatText(oldBytes)).toContain('（印章）');
    expect(await pdfImageCount(oldBytes)).toBe(0);
  });

  it('refuses an image that shows no seal, and uploads that are not the caller’s', async () => {
    const unitId = kit.unit('JA-DS-AQK');
    const blank = await sharp({ create: { width: 200, height: 200, channels: 3, background: '#ffffff' } })
      .png()
      .toBuffer();
    const blankId = await kit.uploadImage('ds.head', blank);
    const url = `/api/units/${unitId}/document-settings`;
    expectError(
      await kit.http('ds.head', 'PATCH', url, { sealAttachmentId: blankId }),
      400,
      'VALIDATION_FAILED',
    );
    expectError(
      await kit.http('ds.head', 'PATCH', url, { sealAttachmentId: await sealUpload('ds.handler') }),
      400,
      'VALIDATION_FAILED',
    );
    expectError(await kit.http('ds.head', 'PATCH', url, {}), 400, 'VALIDATION_FAILED');
  });
});

describe('numbers and names across the organisation', () => {
  /** A letter registered by `office`, assigned to the unit and accepted there: its acceptance notice. */
  async function acceptedAt(office: string, unitCode: string, head: string): Promise<DocumentSummary> {
    const unit = kit.unit(unitCode);
    const { petition } = await kit.register(office, { channel: 'letter', concernedUnitId: unit });
    await kit.act(office, petition.id, 'assign', { unit, reportBackBy: kit.beijingDate(20) });
    await kit.act(head, petition.id, 'accept');
    const notice = (await kit.documents(head, petition.id)).find((d) => d.type === 'acceptance_notice');
    if (!notice) throw new Error(`no acceptance notice at ${unitCode}`);
    return notice;
  }
  const settings = (who: string, unitCode: string, body: Record<string, unknown>) =>
    kit.http(who, 'PATCH', `/api/units/${kit.unit(unitCode)}/document-settings`, body);

  it('gives two units of one name different numbers, and prints each with its mine', async () => {
    const east = await acceptedAt('ds.reception', 'JA-DS-ZC', 'ds.head');
    const west = await acceptedAt('reception', 'JA-XH-ZC', 'xh.head');
    expect(east.number).toBe('东山煤矿综采区信告〔2026〕1号');
    expect(west.number).toBe('西河煤矿综采区信告〔2026〕1号');
    const bytes = await pdf('ds.head', east.id);
    // The letterhead's first line, and the signature over the date.
    expect((await pdfText(bytes)).trim().split('\n')[0]).toBe('东山煤矿综采区');
    expect(await flatText(bytes)).toMatch(/（印章）东山煤矿综采区2026年\d+月\d+日/);
  });

  it('refuses a prefix another unit prints, and never prints a number twice as prefixes move', async () => {
    // 东山煤矿 is the mine's (its name, while it sets none); 东山煤矿综采区 is the section's.
    for (const taken of ['东山煤矿', '东山煤矿综采区']) {
      const refused = expectError(
        await settings('ds.head', 'JA-DS-RLK', { prefix: taken }),
        409,
        'ALREADY_EXISTS',
      );
      expect(refused.message).toContain(taken);
    }
    expect((await settings('ds.head', 'JA-DS-RLK', { prefix: '东矿人' })).statusCode).toBe(200);
    expect((await acceptedAt('ds.reception', 'JA-DS-RLK', 'ds.head')).number).toBe('东矿人信告〔2026〕1号');
    // A new prefix in the same year starts its own series, for the same unit too.
    expect((await settings('ds.head', 'JA-DS-RLK', { prefix: '东矿劳资' })).statusCode).toBe(200);
    expect((await acceptedAt('ds.reception', 'JA-DS-RLK', 'ds.head')).number).toBe('东矿劳资信告〔2026〕1号');
    // The prefix given up is free again; taken up by another unit, it goes on from its last number.
    expect((await settings('ds.head', 'JA-DS-JJ', { prefix: '东矿人' })).statusCode).toBe(200);
    expect((await acceptedAt('ds.reception', 'JA-DS-JJ', 'ds.head')).number).toBe('东矿人信告〔2026〕2号');
  });

  it('issues for a unit whose name is too long to be a prefix (MySQL holds 60 characters a number)', async () => {
    const name = `东山煤矿机运区${'机电设备运输管理'.repeat(6)}`;
    const renamed = await kit.http('admin', 'PATCH', `/api/org/units/${kit.unit('JA-DS-JY')}`, { name });
    expect(renamed.statusCode, renamed.body).toBe(200);
    const shown = await kit.http('ds.head', 'GET', `/api/units/${kit.unit('JA-DS-JY')}/document-settings`);
    expect(shown.json()).toMatchObject({ prefix: '东山煤矿机运区机电设备运', prefixSet: false });
    const notice = await acceptedAt('ds.reception', 'JA-DS-JY', 'ds.head');
    expect(notice.number).toBe('东山煤矿机运区机电设备运信告〔2026〕1号');
    const text = await flatText(await pdf('ds.head', notice.id));
    expect(text).toContain(notice.number);
    expect(text).toContain(name);
  });
});
