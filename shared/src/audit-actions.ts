import { ACTION_SPECS } from './lifecycle/action-specs';

/**
 * The audit log's actions in plain Chinese, for its screen and its export alike. An entry's
 * `action` is `<area>.<verb>`; a petition's lifecycle step is `petition.<action type>` and takes
 * its name from the lifecycle itself. An action nobody named yet shows its area and its code.
 */
export const AUDIT_AREAS = {
  auth: '登录',
  staff: '账号',
  org: '组织机构',
  roster: '职工名册',
  category: '分类',
  reply_template: '答复模板',
  calendar: '工作日历',
  unit: '单位设置',
  petition: '信访事项',
  petitioner: '信访人',
  attachment: '附件',
  document: '文书',
  access: '越权访问',
  audit: '审计日志',
  co_handling: '协办',
  content: '内容审核',
  delivery: '送达',
  follow_up: '回访',
  ledger: '台账',
  notification: '消息提醒',
  outbox: '通知发送',
  pii: '个人信息加密',
  reception: '领导接访',
  register: '积案和重信重访',
  report: '报告通报',
  screening: '矛盾排查',
  settings: '系统设置',
  suggestion: '改进建议',
  visit: '领导下访',
} as const satisfies Record<string, string>;

export type AuditArea = keyof typeof AUDIT_AREAS;

const LABELS: Record<string, string> = {
  'access.denied': '访问被拒绝',
  'attachment.purge': '清理未使用的附件',
  'attachment.upload': '上传附件',
  'attachment.view': '查看附件',
  'audit.export': '导出审计日志',
  'audit.read': '查阅审计日志',
  'auth.account_locked': '账号被暂时锁定',
  'auth.logout': '退出登录',
  'auth.otp_login': '验证码登录',
  'auth.otp_request': '请求短信验证码',
  'auth.refresh': '续期登录',
  'auth.staff_login': '工作人员登录',
  'auth.wechat_login': '微信登录',
  'calendar.recount': '按新工作日历重算期限和统计',
  'calendar.upload_year': '上传工作日历',
  'category.create': '新增分类',
  'category.reorder': '调整分类顺序',
  'category.update': '修改分类',
  'co_handling.list.read': '查看协办事项列表',
  'content.hold': '内容审核未通过，暂时隐藏',
  'content.release': '审核后恢复显示内容',
  'delivery.pending.read': '查看待送达列表',
  'document.view': '查看文书',
  'follow_up.record': '记录回访',
  'ledger.export': '导出信访台账',
  'ledger.read': '查阅信访台账',
  'notification.reached_otherwise': '记录法定告知已另行送达',
  'notification.read': '消息标为已读',
  'notification.settings': '修改提醒设置',
  'notification.subscribe': '订阅微信提醒',
  'org.create_unit': '新增单位',
  'org.import_units': '导入组织机构',
  'org.reinstate_unit': '恢复单位',
  'org.retire_unit': '撤销单位',
  'org.update_unit': '修改单位',
  'outbox.retry': '重新发送通知',
  'petition.claim_confirmed': '信访人确认登记事项',
  'petition.claim_declined': '信访人否认登记事项',
  'petition.claim_undone': '撤回认错的登记事项',
  'petition.due_moved': '按新工作日历调整期限',
  'petition.escalate': '超期升级督办',
  'petition.escalation_acknowledged': '签收超期督办',
  'petition.escalation_withdrawn': '按新工作日历撤回超期督办',
  'petition.handler_released': '承办人账号停用，待重新指定承办人',
  'petition.hand_over': '一键移交，更换承办人',
  'petition.link': '关联信访事项',
  'petition.link_asked': '关联前请信访人确认登记事项',
  'petition.lookup': '凭编号查询',
  'petition.search_by_phone': '按手机号查找',
  'petition.submit': '网上提交信访事项',
  'petition.supervision_acknowledged': '签收督办单',
  'petition.unlink': '取消关联',
  'petition.view': '查看信访事项',
  'petitioner.bind_employee': '绑定职工身份',
  'petitioner.bind_phone': '绑定手机号',
  'petitioner.create': '新建信访人',
  'petitioner.reveal': '查看完整联系方式',
  'petitioner.search': '查找信访人',
  'petitioner.update_profile': '修改个人信息',
  'pii.rotate_keys': '更换个人信息加密密钥',
  'reception.attended': '接访预约：已到场',
  'reception.book': '预约领导接访',
  'reception.cancel_day': '取消领导接访日',
  'reception.cancelled': '取消接访预约',
  'reception.change_day': '调整领导接访日',
  'reception.confirm_moved': '确认按调整后的时间接访',
  'reception.expired': '接访日已过，预约未登记，不再占用',
  'reception.no_show': '接访预约：未到场',
  'reception.publish': '发布领导接访日',
  'reception.read_booked': '接访当天查看预约人姓名和电话',
  'reception.read_unanswered': '查看未答复改期的预约人电话',
  'reception.received': '领导接待并登记信访事项',
  'register.person_history.read': '查看信访人历次信访',
  'register.plan': '修改积案化解方案',
  'register.repeat_petitioners.read': '查看重信重访名单',
  'reply_template.create': '新增答复模板',
  'reply_template.update': '修改答复模板',
  'report.annual': '生成年度信访工作报告',
  'report.bulletin': '生成信访工作通报',
  'roster.import': '导入职工名册',
  'roster.undo_import': '撤销名册导入',
  'screening.close': '排查事项化解销号',
  'screening.declare_sensitive_period': '设定敏感时期',
  'screening.register': '登记排查事项',
  'screening.report': '上报排查情况',
  'screening.withdraw_sensitive_period': '撤回敏感时期',
  'settings.aftercare': '修改回访设置',
  'staff.accept_invitation': '接受邀请并设置密码',
  'staff.change_password': '修改密码',
  'staff.create': '新建账号',
  'staff.end_sessions': '强制退出所有登录',
  'staff.hand_over': '一键移交承办的信访事项',
  'staff.invite': '重新发送邀请',
  'staff.reset_password': '重置密码',
  'staff.update': '修改账号',
  'suggestion.answer': '答复改进建议',
  'suggestion.decide': '评定改进建议采纳情况',
  'suggestion.issue': '提出改进建议',
  'unit.document_settings': '修改文书设置',
  'unit.seal_download': '下载印章图片',
  'visit.cancel': '取消领导下访',
  'visit.hold': '记录领导下访',
  'visit.plan': '安排领导下访',
};

export function auditActionLabel(action: string): string {
  const named = LABELS[action];
  if (named) return named;
  const [area = '', verb = ''] = action.split('.');
  const step =
    area === 'petition' ? (ACTION_SPECS as Record<string, { label: string } | undefined>)[verb] : undefined;
  if (step) return step.label;
  const areaLabel = (AUDIT_AREAS as Record<string, string>)[area];
  return areaLabel ? `${areaLabel}：${action}` : action;
}

/** The kinds of record an entry names as its target, in plain Chinese. */
const TARGETS: Record<string, string> = {
  attachment: '附件',
  calendar_year: '工作日历',
  category: '分类',
  document: '文书',
  notification: '告知',
  outbox: '通知',
  petition: '信访事项',
  petitioner: '信访人',
  reception_booking: '接访预约',
  reception_day: '领导接访日',
  reply_template: '答复模板',
  roster_import: '名册导入',
  screening_item: '排查事项',
  sensitive_period: '敏感时期',
  settings: '设置',
  staff: '工作人员账号',
  suggestion: '改进建议',
  unit: '单位',
  visit: '领导下访',
};

/** The kind of record an entry names, in Chinese (the code itself when it has no name yet). */
export function auditTargetKind(targetType: string | null): string {
  return targetType ? (TARGETS[targetType] ?? targetType) : '';
}

/**
 * The record an entry is about: its kind in Chinese and, where the entry carries one, the case's
 * number (a submission or registration) rather than the bare id; null when it names none.
 */
export function auditTargetLabel(entry: {
  targetType: string | null;
  targetId: string | null;
  details: Record<string, unknown> | null;
}): string | null {
  if (!entry.targetId) return null;
  const kind = auditTargetKind(entry.targetType);
  const number = entry.details?.number;
  const shown = entry.targetType === 'petition' && typeof number === 'string' ? number : entry.targetId;
  return kind ? `${kind} ${shown}` : shown;
}

/** The fields an entry's details name most often, in plain Chinese; any other shows its key. */
const DETAIL_FIELDS: Record<string, string> = {
  name: '名称',
  displayName: '姓名',
  status: '状态',
  roles: '角色',
  unitId: '单位',
  unitName: '单位名称',
  parentId: '上级单位',
  parentName: '上级单位名称',
  code: '编码',
  kind: '类别',
  address: '地址',
  receptionHours: '接待时间',
  phone: '电话',
  receivesPetitions: '受理信访',
  letterAddress: '来信地址',
  email: '电子邮箱',
  fax: '传真',
  onlineAddress: '网上信访',
  aliases: '别称',
  sortOrder: '排序',
  title: '标题',
  hint: '说明',
  active: '在用',
  categoryCode: '分类',
  fields: '修改项',
  reason: '原因',
  changedDays: '变动天数',
  changedDates: '变动日期',
};

/** How entries spell a value before and after: `x.before`, `xFrom`, `xBefore`, `fromX`. */
const PAIRS: readonly [RegExp, 'before' | 'after'][] = [
  [/^(.+)\.before$/, 'before'],
  [/^(.+)\.after$/, 'after'],
  [/^(.+)From$/, 'before'],
  [/^(.+)To$/, 'after'],
  [/^(.+)Before$/, 'before'],
  [/^(.+)After$/, 'after'],
  [/^from([A-Z].*)$/, 'before'],
  [/^to([A-Z].*)$/, 'after'],
];

function detailValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return '（空）';
  if (value === true) return '是';
  if (value === false) return '否';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * An entry's details as one line for the audit screen: each changed field as `名称：旧 → 新`, any
 * other detail as `名称：值`, in the order the entry keeps them; null when it has none.
 */
export function auditDetailsLine(details: Record<string, unknown> | null): string | null {
  if (!details) return null;
  const parts: { field: string; before?: unknown; after?: unknown; value?: unknown }[] = [];
  const pairs = new Map<string, (typeof parts)[number]>();
  for (const [key, value] of Object.entries(details)) {
    const pair = PAIRS.map(([pattern, side]) => ({ match: pattern.exec(key), side })).find((p) => p.match);
    if (!pair?.match) {
      parts.push({ field: key, value });
      continue;
    }
    const name = pair.match[1] as string;
    const field = name.charAt(0).toLowerCase() + name.slice(1);
    let part = pairs.get(field);
    // Two spellings of one side (`x.before` and `xFrom`): the second stands on its own.
    if (part && pair.side in part) {
      parts.push({ field: key, value });
      continue;
    }
    if (!part) {
      part = { field };
      pairs.set(field, part);
      parts.push(part);
    }
    part[pair.side] = value;
  }
  if (parts.length === 0) return null;
  return parts
    .map((part) => {
      const label = DETAIL_FIELDS[part.field] ?? part.field;
      return 'value' in part
        ? `${label}：${detailValue(part.value)}`
        : `${label}：${detailValue(part.before)} → ${detailValue(part.after)}`;
    })
    .join('；');
}
