import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PetitionKit } from '../petitions/kit';

/**
 * Document numbers are allocated in the transaction that issues the notice: fifty notices issued
 * at once by one unit get fifty distinct, consecutive numbers (on MySQL, fifty transactions really
 * at once), and each unit's series starts again at 1 in a new year.
 */

const CONCURRENT = 50;
let kit: PetitionKit;

beforeAll(async () => {
  kit = await PetitionKit.start();
});
afterAll(() => kit?.close());

function sequenceOf(number: string | null): number {
  const match = /〔(\d{4})〕(\d+)号$/.exec(number ?? '');
  if (!match) throw new Error(`not a document number: ${number}`);
  return Number(match[2]);
}

describe('document numbers', () => {
  it(`${CONCURRENT} notices issued at once by one unit get ${CONCURRENT} distinct consecutive numbers`, async () => {
    const ids: string[] = [];
    for (let i = 0; i < CONCURRENT; i += 1) {
      const { petition } = await kit.register('ds.reception', { channel: 'letter' });
      ids.push(petition.id);
    }
    const responses = await Promise.all(
      ids.map((id, i) => kit.send('ds.reception', id, 'notify', { message: `请补充材料（第${i + 1}件）。` })),
    );
    // On failure, the server's own error (a deadlock would show here) says more than the 500.
    const errors = () => kit.logs.lines.filter((line) => line.includes('"level":50')).join('\n');
    for (const response of responses) expect(response.statusCode, errors()).toBe(200);

    const notices = (
      await Promise.all(
        ids.map(async (id) =>
          (await kit.documents('ds.reception', id)).filter((d) => d.type === 'general_notice'),
        ),
      )
    ).flat();
    expect(notices).toHaveLength(CONCURRENT);
    for (const notice of notices) expect(notice.number).toMatch(/^东山煤矿信告〔2026〕\d+号$/);
    const sequence = notices.map((n) => sequenceOf(n.number)).sort((a, b) => a - b);
    const first = sequence[0] as number;
    expect(sequence).toEqual(Array.from({ length: CONCURRENT }, (_, i) => first + i));
  }, 180_000);

  it('starts each unit’s series again at 1 in a new year', async () => {
    kit.setTime('2027-01-04T01:00:00.000Z');
    const { petition } = await kit.register('ds.reception', { channel: 'letter' });
    await kit.act('ds.reception', petition.id, 'notify', { message: '新年第一份告知。' });
    const [notice] = await kit.documents('ds.reception', petition.id);
    expect(notice?.number).toBe('东山煤矿信告〔2027〕1号');
  }, 30_000);
});
