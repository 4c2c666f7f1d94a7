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
  'document.view': '查看文书',
  'org.create_unit': '新增单位',
  'org.import_units': '导入组织机构',
  'org.reinstate_unit': '恢复单位',
  'org.retire_unit': '撤销单位',
  'org.update_unit': '修改单位',
  'petition.claim_confirmed': '信访人确认登记事项',
  'petition.claim_declined': '信访人否认登记事项',
  'petition.link': '关联信访事项',
  'petition.lookup': '凭编号查询',
  'petition.search_by_phone': '按手机号查找',
  'petition.submit': '网上提交信访事项',
  'petition.unlink': '取消关联',
  'petition.view': '查看信访事项',
  'petitioner.bind_employee': '绑定职工身份',
  'petitioner.bind_phone': '绑定手机号',
  'petitioner.create': '新建信访人',
  'petitioner.reveal': '查看完整联系方式',
  'petitioner.search': '查找信访人',
  'petitioner.update_profile': '修改个人信息',
  'reply_template.create': '新增答复模板',
  'reply_template.update': '修改答复模板',
  'roster.import': '导入职工名册',
  'roster.undo_import': '撤销名册导入',
  'staff.accept_invitation': '接受邀请并设置密码',
  'staff.change_password': '修改密码',
  'staff.create': '新建账号',
  'staff.end_sessions': '强制退出所有登录',
  'staff.invite': '重新发送邀请',
  'staff.reset_password': '重置密码',
  'staff.update': '修改账号',
  'unit.document_settings': '修改文书设置',
  'unit.seal_download': '下载印章图片',
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
