import { auditActionLabel, auditTargetKind } from '@xinfang/shared/audit-actions';
import type { AuditEntry } from '@xinfang/shared/schemas/audit';

/** The most entries one export holds: a longer period is exported in parts. */
export const AUDIT_EXPORT_MAX = 20_000;

const OUTCOMES: Record<AuditEntry['outcome'], string> = { success: '成功', denied: '拒绝', failure: '失败' };
const ACTORS: Record<AuditEntry['actorType'], string> = {
  staff: '工作人员',
  petitioner: '信访人',
  system: '系统',
  anonymous: '未登录',
};
const COLUMNS = [
  '时间（北京时间）',
  '结果',
  '操作',
  '操作代码',
  '操作人',
  '操作人类别',
  '操作人编号',
  '对象类别',
  '对象编号',
  'IP（已遮蔽）',
  '请求编号',
  '详情',
];

/**
 * The audit log as a CSV file for a spreadsheet: UTF-8 with a byte-order mark (so Excel reads the
 * Chinese), Beijing times, actions and outcomes in words. The entries come masked and with accusers
 * withheld exactly as on the screen (audit.query.ts). A cell that a spreadsheet would run as a
 * formula is written as text (OWASP: CSV injection).
 */
export function auditCsv(entries: readonly AuditEntry[]): string {
  const lines = entries.map((e) =>
    [
      beijingTime(e.at),
      OUTCOMES[e.outcome],
      auditActionLabel(e.action),
      e.action,
      e.actorName ?? '',
      ACTORS[e.actorType],
      e.actorId ?? '',
      auditTargetKind(e.targetType),
      e.targetId ?? '',
      e.ip ?? '',
      e.requestId ?? '',
      e.details ? JSON.stringify(e.details) : '',
    ]
      .map(cell)
      .join(','),
  );
  return `\uFEFF${[COLUMNS.join(','), ...lines].join('\r\n')}\r\n`;
}

function cell(value: string): string {
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** `2026-12-03T08:05:09.123Z` → `2026-12-03 16:05:09`. */
function beijingTime(instant: string): string {
  return new Date(Date.parse(instant) + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
}
