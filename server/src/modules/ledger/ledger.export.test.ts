import { describe, expect, it } from 'vitest';
import { csvStream, type LedgerExportTitle, titleLines } from './ledger.export';

const TITLE: LedgerExportTitle = {
  unit: { name: '东山煤矿', subtree: false },
  filter: {
    figure: 'received',
    to: '2026-03-31',
    unitId: 'u1',
    subtree: false,
    channel: 'visit',
    kind: 'request',
    categoryCode: 'wages',
    state: 'handling',
    overdue: true,
    repeat: false,
    collective: true,
    search: '加班费',
  },
  categoryName: '工资待遇',
  madeBy: '王建国',
  // 17:05 in Beijing.
  madeAt: new Date('2026-04-01T09:05:00Z'),
};

describe('the title rows of a ledger export', () => {
  it('name the unit, the period, every filter, when and by whom', () => {
    expect(titleLines(TITLE)).toEqual([
      '东山煤矿信访台账',
      '单位：东山煤矿（本级，不含下级单位）',
      '期间：截至 2026-03-31',
      '筛选条件：统计口径：收到信访事项；渠道：来访；类别：申诉求决类；事项分类：工资待遇；状态：办理中；' +
        '仅超期事项；不含重复信访；仅集体访；查找：加班费',
      '导出时间：2026-04-01 17:05（北京时间）；导出人：王建国',
    ]);
  });

  it('name the 超期件 of the table of units: the answers owed and not given on time', () => {
    const late = titleLines({ ...TITLE, filter: { figure: 'owed.first', late: true, to: '2026-03-31' } });
    expect(late[3]).toBe('筛选条件：统计口径：应办结；仅未按期办结');
  });

  it('come first in the CSV, then an empty row, then the headings', async () => {
    let text = '';
    for await (const piece of csvStream((async function* () {})(), {
      ...TITLE,
      filter: { from: '2026-03-01', to: '2026-03-31' },
      unit: { name: '晋安煤业集团', subtree: true },
    }))
      text += String(piece);
    const lines = text.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines.slice(0, 4)).toEqual([
      '晋安煤业集团信访台账',
      '单位：晋安煤业集团（含下级单位）',
      '期间：2026-03-01 至 2026-03-31',
      '筛选条件：统计口径：收到信访事项',
    ]);
    expect(lines[5]).toBe('');
    expect(lines[6]?.startsWith('编号,标题,')).toBe(true);
  });
});
