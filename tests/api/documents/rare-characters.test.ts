import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfFonts, pdfText } from '../../support/pdf';
import { PetitionKit } from '../petitions/kit';

/**
 * Rare characters (生僻字) in written notices, as made by the lifecycle and read back from the PDF:
 * a petitioner's name from CJK Extension B is printed whole (in the fallback font, Debian's
 * fonts-hanazono); a character no font has prints as 「□」, and the staff who open the notice are
 * told which, to write it in by hand — the petitioner is not.
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
  return { pdf: response.rawPayload, unprintable: response.headers['x-unprintable-characters'] };
}

describe('rare characters in written notices', () => {
  it('prints a name from Extension B whole, and names to staff only what no font has', async () => {
    const registered = await kit.register('ds.reception', {
      petitioner: { realName: NAME, phone: '13800000077' },
    });
    await kit.act('ds.reception', registered.petition.id, 'accept');
    const accepted = await open('ds.reception', registered.petition.id, 'acceptance_notice');
    expect((await pdfText(accepted.pdf)).replace(/\s+/g, '')).toContain(`${NAME}：`);
    expect(accepted.unprintable).toBeUndefined();
    const fonts = (await pdfFonts(accepted.pdf)).map((font) => font.name.replace(/^[A-Z]{6}\+/, ''));
    expect(fonts).toContain('HanaMinB');

    const { petition } = await kit.submit(WORKER);
    await kit.act('ds.reception', petition.id, 'assign', {
      unit: kit.unit('JA-DS-AQK'),
      reportBackBy: kit.beijingDate(30),
    });
    await kit.act('ds.handler', petition.id, 'accept');
    await kit.act('ds.handler', petition.id, 'notify', { message: `请到${BIANG}${BIANG}面馆旁的接待点。` });
    const staff = await open('ds.handler', petition.id, 'general_notice');
    expect((await pdfText(staff.pdf)).replace(/\s+/g, '')).toContain('请到□□面馆旁的接待点。');
    expect(decodeURIComponent(String(staff.unprintable))).toBe(BIANG);
    expect((await open(WORKER, petition.id, 'general_notice')).unprintable).toBeUndefined();
  });
});
