import type { PendingDeliveryPage } from '@xinfang/shared/schemas/documents';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfFonts, pdfText } from '../../support/pdf';
import { PetitionKit } from '../petitions/kit';

/**
 * Rare characters (生僻字) in written notices, as made by the lifecycle and read back from the PDF:
 * a petitioner's name from CJK Extension B is printed whole (in the fallback font, Debian's
 * fonts-hanazono); a character no font has prints as 「□」, and the staff's list of the case's
 * documents names it before they print, to write it in by hand, and so does the office's list of
 * answers to deliver — the petitioner's does not.
 */
const WORKER = '13800000001'; // 张伟
const NAME = '王𠮷𡈽'; // 𠮷 U+20BB7, 𡈽 U+2123D: Extension B, not in Noto Serif SC
const BIANG = '𰻞'; // U+30EDE (biáng, Extension G): in no font we embed

let kit: PetitionKit;
beforeAll(async () => {
  kit = await PetitionKit.start();
});
afterAll(() => kit?.close());

async function open(who: string, petitionId: string, type: string) {
  const notice = (await kit.documents(who, petitionId)).find((d) => d.type === type);
  const response = await kit.http(who, 'GET', `/api/documents/${notice?.id}.pdf`);
  expect(response.statusCode, response.body).toBe(200);
  return { notice, pdf: response.rawPayload };
}

describe('rare characters in written notices', () => {
  it('prints a name from Extension B whole, and tells staff only, before printing, what no font has', async () => {
    const registered = await kit.register('ds.reception', {
      petitioner: { realName: NAME, phone: '13800000077' },
    });
    await kit.act('ds.reception', registered.petition.id, 'accept');
    const accepted = await open('ds.reception', registered.petition.id, 'acceptance_notice');
    expect((await pdfText(accepted.pdf)).replace(/\s+/g, '')).toContain(`${NAME}：`);
    expect(accepted.notice?.unprintable).toEqual([]);
    const fonts = (await pdfFonts(accepted.pdf)).map((font) => font.name.replace(/^[A-Z]{6}\+/, ''));
    expect(fonts).toContain('HanaMinB');

    const { petition } = await kit.submit(WORKER);
    await kit.act('ds.reception', petition.id, 'assign', {
      unit: kit.unit('JA-DS-AQK'),
      reportBackBy: kit.beijingDate(30),
    });
    await kit.act('ds.handler', petition.id, 'accept');
    await kit.act('ds.handler', petition.id, 'notify', { message: `请到${BIANG}${BIANG}面馆旁的接待点。` });
    const listed = await kit.documents('ds.handler', petition.id);
    expect(listed.map((d) => [d.type, d.unprintable])).toEqual(
      expect.arrayContaining([
        ['acceptance_notice', []],
        ['general_notice', [BIANG]],
      ]),
    );
    const staff = await open('ds.handler', petition.id, 'general_notice');
    expect((await pdfText(staff.pdf)).replace(/\s+/g, '')).toContain('请到□□面馆旁的接待点。');
    // The petitioner can do nothing about it: their list does not say.
    const theirs = await kit.documents(WORKER, petition.id);
    expect(theirs.map((d) => d.type)).toContain('general_notice');
    for (const document of theirs) expect(document).not.toHaveProperty('unprintable');
  });

  it('tells the clerk on the list of answers to deliver what to write in by hand', async () => {
    const { petition } = await kit.register('ds.reception', {
      petitioner: { realName: `李${BIANG}`, phone: '13800000079' },
    });
    await kit.act('ds.reception', petition.id, 'accept');
    await kit.act('ds.head', petition.id, 'draft_reply', {
      request: '补发夜班加班费',
      factsAndReasons: '经核实考勤记录，三月夜班加班属实。',
      decision: '补发三月夜班加班费。',
      legalBasis: '《劳动法》第四十四条',
      outcome: 'support',
    });
    await kit.act('ds.head', petition.id, 'approve_reply');
    await kit.act('ds.head', petition.id, 'issue_reply');
    const response = await kit.http('ds.reception', 'GET', '/api/deliveries/pending?limit=100');
    expect(response.statusCode, response.body).toBe(200);
    const items = (response.json() as PendingDeliveryPage).items;
    expect(items.find((item) => item.petitionId === petition.id)).toMatchObject({
      petitionerName: `李${BIANG}`,
      unprintable: [BIANG],
    });
    for (const item of items.filter((i) => i.petitionId !== petition.id))
      expect(item.unprintable).toEqual([]);
  });

  it('Art 30: never names to the accused unit a character of the accuser’s name', async () => {
    const registered = await kit.register('reception', {
      kind: 'accusation',
      concernedUnitId: kit.unit('JA'),
      petitioner: { realName: `李${BIANG}`, phone: '13800000078' },
    });
    await kit.act('reception', registered.petition.id, 'forward', {
      recipientOrgan: '晋安市纪委监委',
      reason: '反映集团领导问题。',
    });
    const [notice] = await kit.documents('reception', registered.petition.id);
    expect(notice?.type).toBe('forwarding_notice');
    expect(notice?.unprintable).toEqual([]);
  });
});
