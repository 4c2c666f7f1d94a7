import type { SupervisionFigures, SupervisionFiguresRow } from '@xinfang/shared/schemas/figures-supervision';
import type { ReportContent } from './report.content';

/** The columns of the 督办 table, in the order of the figures page's 督办通报 card. */
const HEAD = [
  '单位',
  '黄灯',
  '红灯',
  '红灯已签收',
  '督办单',
  '按期答复',
  '逾期答复',
  '超期未答复',
  '退回重答',
  '督办事项',
];

const cells = (row: SupervisionFiguresRow) => [
  row.label,
  String(row.yellow),
  String(row.red),
  `${row.redAcknowledged}/${row.red}`,
  String(row.notices.issued),
  String(row.notices.answeredOnTime),
  String(row.notices.answeredLate),
  String(row.notices.overdue),
  String(row.notices.returned),
  String(row.casesSupervised),
];

/**
 * 附表 督办通报 (Art 41): the period's yellow and red lights and 督办单 per unit of the report's
 * scope, worst first as the figures order them, the total last when units are set side by side;
 * one line instead of a table when there was nothing.
 */
export function supervisionSection(figures: SupervisionFigures): ReportContent['sections'][number] {
  const heading = '附表　督办通报';
  if (figures.rows.length === 0) return { heading, paragraphs: ['本期没有亮灯，也没有下发督办单。'] };
  const { median, longest } = figures.total.acknowledgeDays;
  return {
    heading,
    paragraphs: [
      `黄灯、红灯按亮灯的日期算，督办单按下发的日期算；未答复的算到 ${figures.today}。问题多的单位排在前面，没有亮灯和督办的单位不列出。`,
      ...(median !== null && longest !== null
        ? [`红灯一半在${median}个工作日内签收，最长${longest}个工作日。`]
        : []),
    ],
    table: {
      head: HEAD,
      rows: [...figures.rows, ...(figures.subtree ? [figures.total] : [])].map(cells),
    },
  };
}
