import type { PetitionState } from '../lifecycle/states';
import type { Channel, PetitionKind } from '../lifecycle/vocabulary';
import type { PreventionFigure } from './prevention';

/** The statutory names, as the bulletins print them (Art 17, 21; Art 29–31). */
export const CHANNEL_LABELS: Readonly<Record<Channel, string>> = {
  online: '网上信访',
  letter: '来信',
  visit: '来访',
  call: '来电',
  fax: '传真',
  email: '电子邮件',
};

export const KIND_LABELS: Readonly<Record<PetitionKind, string>> = {
  suggestion: '建议意见类',
  accusation: '检举控告类',
  request: '申诉求决类',
};

/** The states as staff read them, in the app and in the ledger's export. */
export const STATE_LABELS: Readonly<Record<PetitionState, string>> = {
  registered: '待分办',
  referred: '已呈阅领导',
  assigned: '已交办，待受理',
  objected: '承办单位有异议',
  handling: '办理中',
  reply_drafted: '答复意见待审批',
  reply_approved: '答复已批准，待出具',
  replied: '已答复',
  resolved: '已化解',
  concluded: '已办结',
  diverted: '已导入法定程序',
  declined: '不予受理',
  forwarded: '已转送',
  withdrawn: '已撤回',
  final: '已终结',
};

/** The prevention figures as the staff read them (「其中」: a part of the line above). */
export const PREVENTION_LABELS: Readonly<Record<PreventionFigure, string>> = {
  'screening.A': '排查登记（A级）',
  'screening.B': '排查登记（B级）',
  'screening.C': '排查登记（C级）',
  'screening.closed': '排查化解销号',
  'screening.overdue': '排查逾期未化解（当前）',
  'owned.taken': '领导包案',
  'owned.concluded': '其中已办结',
  'visits.held': '领导下访',
  'visits.cases': '下访登记事项',
  'reception.days': '领导接访日',
  'reception.booked': '接访预约人次',
  'reception.came': '其中到场',
  'reception.noShow': '其中未到场',
  'reception.unrecorded': '其中未记录',
  'reception.received': '到场并登记来访',
  'reception.cases': '接访登记事项',
};
