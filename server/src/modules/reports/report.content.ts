import { changeText, type FigurePeriod, percentText } from '@xinfang/shared/figures';
import type { BreakdownEntry, Figures, UnitTable } from '@xinfang/shared/schemas/figures';
import type { SupervisionFigures } from '@xinfang/shared/schemas/figures-supervision';
import { supervisionSection } from './report.supervision';

/** A report's words and tables, made once and written as DOCX and as PDF alike. */
export interface ReportContent {
  title: string;
  unitName: string;
  period: FigurePeriod;
  /** The last day counted, when the period reaches past it (today): 「（截至 YYYY-MM-DD）」. */
  countedTo: string | null;
  sections: { heading: string; paragraphs: string[]; table?: { head: string[]; rows: string[][] } }[];
}

const TOP = 5;

/** The heading line under the title: the unit and the period, and the day counted to. */
export function periodLine(content: ReportContent): string {
  const { from, to } = content.period;
  return `${content.unitName}　${from}至${to}${content.countedTo ? `（截至 ${content.countedTo}）` : ''}`;
}

/**
 * 同比 and 环比 of a count in words: 「同比上升 12%」, or — when there was nothing to compare
 * with — 「上年同期无可比数据」 / 「上期无可比数据」 rather than a dash.
 */
function comparison(now: number, lastYear: number, before: number): string {
  const change = (label: string, then: number, none: string) =>
    then === 0 ? none : `${label}${changeText(now, then, 'count')}`;
  return `${change('同比', lastYear, '上年同期无可比数据')}，${change('环比', before, '上期无可比数据')}`;
}

/**
 * A bulletin (通报) or the annual report (Art 41) from the figures: the volume with its 同比 and
 * 环比, collective, repeat and level-skipping visits, those forwarded, assigned and declined as
 * pending below (Art 19 ¶3), the rates, the units and categories with most petitions, late
 * answers and supervised cases, adopted and rewarded suggestions (Art 29) and suggestions to
 * improve work (Art 40), and a section left for the office's own analysis. `asked`: the report's period; the figures count it up to today at most.
 * `units`, when the report is for a unit and those below it: the table of units side by side
 * (各单位对比) as an appendix. `supervision`: the period's 督办 figures of the same scope, the
 * appendix 督办通报 after it.
 */
export function reportContent(
  title: string,
  figures: Figures,
  asked: FigurePeriod,
  units?: UnitTable,
  supervision?: SupervisionFigures,
): ReportContent {
  const count = (metric: string) => figures.counts.find((c) => c.metric === metric);
  const n = (metric: string) => count(metric)?.value ?? 0;
  const received = count('received');
  const late = n('owed.first') - n('on_time.first');
  const top = (entries: readonly BreakdownEntry[]) =>
    [...entries]
      .filter((e) => e.value > 0)
      .sort((a, b) => b.value - a.value)
      .slice(0, TOP)
      .map((e) => [e.label, String(e.value), changeText(e.value, e.previousYear, 'count')]);
  // A table with nothing to list says so in a row, rather than print its header alone.
  const table = (head: string[], rows: string[][]) => ({
    head,
    rows: rows.length > 0 ? rows : [['本期无', ...head.slice(1).map(() => '')]],
  });
  return {
    title,
    unitName: figures.unit.name,
    period: asked,
    countedTo: figures.period.to < asked.to ? figures.period.to : null,
    sections: [
      {
        heading: '一、总体情况',
        paragraphs: [
          // 登记: every petition received, declined and undecided ones too (受理: accepted ones).
          `${figures.period.from}至${figures.period.to}，${figures.unit.name}共登记群众来信来访${received?.value ?? 0}件，${comparison(received?.value ?? 0, received?.previousYear ?? 0, received?.previousPeriod ?? 0)}。`,
          `其中集体访${n('collective')}批${n('collective_people')}人次，重复信访${n('repeat')}件，越级访${n('level_skipping')}批；办结${n('concluded')}件，化解${n('resolved')}件。`,
          // Art 22: how the petitions went on from the desk; Art 19 ¶3: not accepted above.
          `本期转送${n('forwarded')}件，交办${n('assigned')}件；因同一事项下级正在办理不予受理${n('declined_pending_below')}件。`,
        ],
      },
      {
        heading: '二、主要指标',
        paragraphs: [],
        table: {
          head: ['指标', '本期', '同比', '环比'],
          rows: figures.rates
            .filter((r) => !r.rate.endsWith('.review') && !r.rate.endsWith('.re_examination'))
            .map((r) => [
              r.label,
              percentText(r.value),
              changeText(r.value, r.previousYear, 'rate'),
              changeText(r.value, r.previousPeriod, 'rate'),
            ]),
        },
      },
      {
        heading: '三、信访事项较多的单位',
        paragraphs: [],
        table: table(['单位', '件数', '同比'], top(figures.breakdowns.unit)),
      },
      {
        heading: '四、信访事项较多的类别',
        paragraphs: [],
        table: table(['事项分类', '件数', '同比'], top(figures.breakdowns.category)),
      },
      {
        heading: '五、超期和督办情况',
        paragraphs: [
          `期限届满于本期的应办结事项${n('owed.first')}件，按期办结${n('on_time.first')}件，未按期办结${late}件（含超期办结、尚未办结和逾期后撤回等）；本期督办${n('supervised')}件（《信访工作条例》第四十条）。`,
        ],
      },
      {
        heading: '六、建议意见采纳情况',
        paragraphs: [
          `本期采纳或部分采纳群众建议意见${n('adopted')}件，对${n('rewarded')}件建议意见的提出人给予奖励（《信访工作条例》第二十九条）。`,
          `本期提出改进工作建议${n('improvement_suggested')}条，被采纳或部分采纳${n('improvement_adopted')}条（《信访工作条例》第四十条）。`,
        ],
      },
      {
        heading: '七、分析和建议',
        paragraphs: ['（本部分由信访工作机构填写：形势分析、突出问题、工作建议。）'],
      },
      ...(units ? [unitTableSection(units)] : []),
      ...(supervision ? [supervisionSection(supervision)] : []),
    ],
  };
}

/** 附表: the units side by side, each row a unit, the total last (the unit's own figures). */
export function unitTableSection(units: UnitTable): ReportContent['sections'][number] {
  const rate = new Map(units.columns.map((c) => [c.column, c.rate]));
  return {
    heading: '附表　各单位对比',
    paragraphs: ['各项比率为第一次办理的比率；超期件为期限届满于本期、未按期办结的件数。'],
    table: {
      head: ['单位', ...units.columns.map((c) => c.label)],
      rows: [...units.rows, units.total].map((row) => [
        row.label,
        ...row.cells.map((cell) =>
          rate.get(cell.column) ? percentText(cell.value) : String(cell.value ?? 0),
        ),
      ]),
    },
  };
}
