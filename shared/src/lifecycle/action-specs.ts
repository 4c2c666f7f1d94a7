import type { Article, RuleId } from './rules';
import {
  CHANNELS,
  DECLINE_GROUNDS,
  DESK_CHANNELS,
  DIVERSION_ROUTES,
  MEDIATION_RESULTS,
  PETITION_KINDS,
  RATINGS,
  REPLY_OUTCOMES,
  REWARD_KINDS,
  STAFF_DELIVERY_METHODS,
  SUPERVISION_CONCERNS,
  SUPERVISION_REVIEWS,
} from './vocabulary';

/**
 * Every action's parameters, defined once as plain data. From this table come the UI descriptors
 * (`allowedActions`), the server's TypeBox body schemas (schemas/actions.ts), the parameter types
 * (`ParamsOf`) and the parameter checks in `decide`.
 */

/** A statutory limit on a parameter: exceeding it is refused with this rule, not `params.invalid`. */
interface Statute {
  rule: RuleId;
  article: Article;
}

interface ParamBase {
  name: string;
  label: string;
  required: boolean;
  statute?: Statute;
}

export type ParamSpec = ParamBase &
  (
    | { kind: 'text' | 'long_text'; maxLength: number }
    /** A Beijing date, `YYYY-MM-DD`. */
    | { kind: 'date' }
    /** An ISO-8601 UTC instant. */
    | { kind: 'instant' }
    /** An org unit: its id in a request body, a `UnitRef` once the server has resolved it. */
    | { kind: 'unit' }
    /** A staff member's id. */
    | { kind: 'staff' }
    | { kind: 'enum'; options: readonly string[] }
    | { kind: 'integer'; min: number; max: number }
    | { kind: 'boolean' }
    | { kind: 'list'; maxItems: number; itemMaxLength: number }
  );

export type ParamKind = ParamSpec['kind'];

export interface ActionSpec {
  label: string;
  params: readonly ParamSpec[];
}

export const TITLE_MAX = 100;
export const CONTENT_MAX = 5000;
export const REASON_MAX = 2000;
export const NAME_MAX = 100;
export const COMMENT_MAX = 500;
export const ID_MAX = 64;
export const ATTACHMENTS_MAX = 9;
/** Art 20: at most five representatives. */
export const REPRESENTATIVES_MAX = 5;
/** Art 34: an extension of at most 30 days. */
export const EXTENSION_MAX_DAYS = 30;

function text<const N extends string, const R extends boolean>(
  maxLength: number,
  name: N,
  label: string,
  required: R,
) {
  return { name, label, required, kind: 'long_text', maxLength } as const;
}
const reasons = <const N extends string>(name: N, label: string) => text(REASON_MAX, name, label, true);
const optionalReasons = <const N extends string>(name: N, label: string) =>
  text(REASON_MAX, name, label, false);
const content = <const N extends string>(name: N, label: string) => text(CONTENT_MAX, name, label, true);

/** What staff write down of an appeal that came by letter, visit, call, fax or e-mail. */
function appealRecord(appeal: '复查' | '复核') {
  return [
    { name: 'channel', label: `${appeal}请求方式`, required: true, kind: 'enum', options: DESK_CHANNELS },
    { name: 'receivedOn', label: `收到${appeal}请求的日期`, required: true, kind: 'date' },
    reasons('reason', '不服的理由'),
  ] as const;
}

export const ACTION_SPECS = {
  register: {
    label: '登记',
    params: [
      { name: 'kind', label: '类别', required: true, kind: 'enum', options: PETITION_KINDS },
      { name: 'channel', label: '渠道', required: true, kind: 'enum', options: CHANNELS },
      { name: 'receivedAt', label: '收到时间', required: false, kind: 'instant' },
      // Optional: a petitioner who does not know the unit leaves it to the petition office.
      { name: 'concernedUnit', label: '反映的单位', required: false, kind: 'unit' },
      { name: 'categoryId', label: '事项分类', required: true, kind: 'text', maxLength: ID_MAX },
      { name: 'title', label: '标题', required: true, kind: 'text', maxLength: TITLE_MAX },
      content('content', '信访内容'),
      { name: 'location', label: '地点', required: false, kind: 'text', maxLength: 200 },
      {
        name: 'attachmentIds',
        label: '附件',
        required: false,
        kind: 'list',
        maxItems: ATTACHMENTS_MAX,
        itemMaxLength: ID_MAX,
      },
      { name: 'headcount', label: '人数', required: false, kind: 'integer', min: 2, max: 100000 },
      {
        name: 'representatives',
        label: '代表',
        required: false,
        kind: 'list',
        maxItems: REPRESENTATIVES_MAX,
        itemMaxLength: 50,
        statute: { rule: 'collective.too_many_representatives', article: 'Art 20' },
      },
      { name: 'contactUnclear', label: '姓名或住址不清', required: false, kind: 'boolean' },
    ],
  },
  notify: { label: '书面告知', params: [reasons('message', '告知内容')] },
  forward: {
    label: '转送',
    params: [
      { name: 'recipientOrgan', label: '转送机关', required: true, kind: 'text', maxLength: NAME_MAX },
      reasons('reason', '转送理由'),
    ],
  },
  assign: {
    label: '交办',
    params: [
      { name: 'unit', label: '承办单位', required: true, kind: 'unit' },
      {
        name: 'reportBackBy',
        label: '报告办理结果日期',
        required: true,
        kind: 'date',
        statute: { rule: 'triage.report_back_in_past', article: 'Art 22' },
      },
    ],
  },
  refer: {
    label: '呈阅',
    params: [
      { name: 'leaderId', label: '呈阅领导', required: true, kind: 'staff' },
      optionalReasons('note', '呈阅说明'),
    ],
  },
  instruct: {
    label: '批示',
    params: [
      reasons('instruction', '批示内容'),
      { name: 'takeOwnership', label: '本人包案', required: false, kind: 'boolean' },
    ],
  },
  divert: {
    label: '导入法定程序',
    params: [
      { name: 'route', label: '法定途径', required: true, kind: 'enum', options: DIVERSION_ROUTES },
      reasons('guidance', '告知信访人的指引'),
    ],
  },
  decline: {
    label: '不予受理',
    params: [
      { name: 'ground', label: '不予受理的依据', required: true, kind: 'enum', options: DECLINE_GROUNDS },
      reasons('reason', '理由'),
      // Art 22–23: where the matter belongs elsewhere, to whom to turn (`declineGuidanceRefusal`).
      optionalReasons('guidance', '可以向何处反映'),
    ],
  },
  set_concerned_unit: {
    label: '指定反映的单位',
    params: [{ name: 'unit', label: '反映的单位', required: true, kind: 'unit' }],
  },
  accept: { label: '受理', params: [] },
  object: { label: '提出异议', params: [reasons('reasons', '异议理由')] },
  agree_objection: { label: '同意异议', params: [optionalReasons('note', '说明')] },
  overrule_objection: { label: '不同意异议', params: [reasons('reasons', '理由')] },
  add_note: { label: '内部备注', params: [content('text', '备注')] },
  send_message: { label: '给信访人留言', params: [reasons('text', '留言')] },
  petitioner_message: {
    label: '留言',
    params: [
      // The text stays required: a line saying what the photos are (补充材料).
      reasons('text', '留言'),
      {
        name: 'attachmentIds',
        label: '补充材料',
        required: false,
        kind: 'list',
        maxItems: ATTACHMENTS_MAX,
        itemMaxLength: ID_MAX,
      },
    ],
  },
  record_investigation: { label: '记录调查核实', params: [content('summary', '调查情况')] },
  schedule_hearing: {
    label: '安排听证',
    params: [
      { name: 'scheduledFor', label: '听证时间', required: true, kind: 'instant' },
      { name: 'place', label: '听证地点', required: true, kind: 'text', maxLength: NAME_MAX },
    ],
  },
  hold_hearing: { label: '记录听证', params: [content('summary', '听证情况')] },
  record_mediation: {
    label: '记录调解',
    params: [
      { name: 'result', label: '调解结果', required: true, kind: 'enum', options: MEDIATION_RESULTS },
      content('summary', '调解情况'),
      // Art 33: an agreement states its terms, names the other party and is confirmed by both.
      text(CONTENT_MAX, 'terms', '协议内容', false),
      { name: 'otherParty', label: '另一方当事人', required: false, kind: 'text', maxLength: NAME_MAX },
      { name: 'confirmed', label: '双方已确认协议内容', required: false, kind: 'boolean' },
    ],
  },
  request_extension: {
    label: '申请延期',
    params: [
      {
        name: 'days',
        label: '延长天数',
        required: true,
        kind: 'integer',
        min: 1,
        max: EXTENSION_MAX_DAYS,
        statute: { rule: 'extension.too_long', article: 'Art 34' },
      },
      reasons('reason', '延期理由'),
    ],
  },
  approve_extension: { label: '批准延期', params: [] },
  refuse_extension: { label: '不批准延期', params: [reasons('reason', '理由')] },
  draft_reply: {
    label: '起草答复意见',
    params: [
      reasons('request', '信访人的请求'),
      content('factsAndReasons', '事实和理由'),
      content('decision', '处理意见'),
      optionalReasons('legalBasis', '法律法规依据'),
      { name: 'outcome', label: '结论', required: true, kind: 'enum', options: REPLY_OUTCOMES },
    ],
  },
  approve_reply: { label: '批准答复', params: [] },
  return_reply: { label: '退回修改', params: [reasons('reason', '退回理由')] },
  issue_reply: { label: '出具答复', params: [] },
  receive_reply: { label: '查看答复意见书', params: [] },
  record_delivery: {
    label: '记录送达',
    params: [
      { name: 'method', label: '送达方式', required: true, kind: 'enum', options: STAFF_DELIVERY_METHODS },
      { name: 'deliveredOn', label: '送达日期', required: true, kind: 'date' },
      { name: 'postedOn', label: '邮寄日期', required: false, kind: 'date' },
      {
        name: 'receiptAttachmentId',
        label: '送达回证或邮寄回执',
        required: false,
        kind: 'text',
        maxLength: ID_MAX,
      },
      { name: 'note', label: '说明', required: false, kind: 'long_text', maxLength: COMMENT_MAX },
    ],
  },
  correct_delivery: {
    label: '更正送达日期',
    params: [
      { name: 'deliveredOn', label: '实际送达日期', required: true, kind: 'date' },
      reasons('reason', '更正理由'),
      // Art 35: required when the date moves earlier (transitions/delivery.ts).
      {
        name: 'receiptAttachmentId',
        label: '送达回证或邮寄回执（改早时必传）',
        required: false,
        kind: 'text',
        maxLength: ID_MAX,
      },
    ],
  },
  rate: {
    label: '评价',
    params: [
      { name: 'rating', label: '满意度', required: true, kind: 'enum', options: RATINGS },
      { name: 'comment', label: '意见', required: false, kind: 'long_text', maxLength: COMMENT_MAX },
    ],
  },
  request_review: { label: '请求复查', params: [reasons('reason', '不服的理由')] },
  request_re_examination: { label: '请求复核', params: [reasons('reason', '不服的理由')] },
  // Art 17, 35, 36: a request made by letter, visit, call… is recorded for the petitioner by the
  // reception of the unit it goes to; its window is judged on the day it arrived.
  record_review_request: { label: '代信访人登记复查请求', params: appealRecord('复查') },
  record_re_examination_request: { label: '代信访人登记复核请求', params: appealRecord('复核') },
  withdraw: { label: '撤回', params: [optionalReasons('reason', '撤回原因')] },
  close: { label: '办结归档', params: [] },
  issue_supervision: {
    label: '督办',
    params: [
      { name: 'concern', label: '督办事由', required: true, kind: 'enum', options: SUPERVISION_CONCERNS },
      reasons('requirements', '督办要求'),
      {
        name: 'dueDate',
        label: '书面答复期限',
        required: true,
        kind: 'date',
        statute: { rule: 'supervision.due_in_past', article: 'Art 40' },
      },
    ],
  },
  answer_supervision: {
    label: '答复督办',
    params: [
      { name: 'supervisionNo', label: '督办单编号', required: true, kind: 'integer', min: 1, max: 1000 },
      reasons('answer', '书面答复'),
    ],
  },
  // Art 40: the issuing unit approves the written answer, or returns it with what is missing and
  // the date a new answer is due (by default as many days as the notice first gave).
  review_supervision: {
    label: '审核督办答复',
    params: [
      { name: 'supervisionNo', label: '督办单编号', required: true, kind: 'integer', min: 1, max: 1000 },
      { name: 'decision', label: '审核意见', required: true, kind: 'enum', options: SUPERVISION_REVIEWS },
      optionalReasons('note', '意见或需补充的内容'),
      {
        name: 'dueDate',
        label: '重新答复期限',
        required: false,
        kind: 'date',
        statute: { rule: 'supervision.due_in_past', article: 'Art 40' },
      },
    ],
  },
  // An unsatisfied rating of a suggestion or an accusation cannot be appealed (Art 35 is for
  // requests): the unit head decides whether to handle it again, and says why either way. The
  // reason stays on the internal record (it may discuss the accused, Art 30); `toPetitioner` is
  // what the petitioner is told, required when the answer stands (rehandling.explanation_required).
  decide_rehandling: {
    label: '决定是否重新办理',
    params: [
      { name: 'rehandle', label: '重新办理', required: true, kind: 'boolean' },
      reasons('reason', '研究意见（仅内部可见）'),
      optionalReasons('toPetitioner', '告知信访人的说明（不重新办理时必填）'),
    ],
  },
  // Art 22: a forwarded case's outcome, as the organ it went to reported it.
  record_forward_outcome: {
    label: '记录转送办理结果',
    params: [
      content('outcome', '办理结果'),
      {
        name: 'receivedOn',
        label: '得知结果日期',
        required: true,
        kind: 'date',
        statute: { rule: 'forward.outcome_date_invalid', article: 'Art 22' },
      },
    ],
  },
  take_case: { label: '包案', params: [reasons('plan', '化解方案')] },
  // Art 18: the owning leader hands the case back (交出包案), with the reason, e.g. a new post.
  release_case: { label: '交出包案', params: [reasons('reason', '交出包案的理由')] },
  // Art 24 (五定, 协同): who answers for the case, and the units that help with a part of it.
  set_handler: {
    label: '指定承办人',
    params: [
      { name: 'staffId', label: '承办人', required: true, kind: 'staff' },
      optionalReasons('reason', '更换理由'),
    ],
  },
  request_assist: {
    label: '请求协办',
    params: [
      { name: 'unit', label: '协办单位', required: true, kind: 'unit' },
      reasons('part', '请协办单位答复的事项'),
      {
        name: 'dueDate',
        label: '协办答复期限',
        required: true,
        kind: 'date',
        statute: { rule: 'assist.due_in_past', article: 'Art 24' },
      },
    ],
  },
  answer_assist: {
    label: '答复协办',
    params: [
      { name: 'assistNo', label: '协办事项编号', required: true, kind: 'integer', min: 1, max: 100 },
      content('answer', '协办意见'),
      {
        name: 'attachmentIds',
        label: '附件',
        required: false,
        kind: 'list',
        maxItems: ATTACHMENTS_MAX,
        itemMaxLength: ID_MAX,
      },
    ],
  },
  // The lead unit takes back a part it no longer needs, so its reply does not wait for it.
  withdraw_assist: {
    label: '撤回协办',
    params: [
      { name: 'assistNo', label: '协办事项编号', required: true, kind: 'integer', min: 1, max: 100 },
      reasons('reason', '撤回理由'),
    ],
  },
  // Art 29: the reward or recognition a unit gave for an adopted suggestion, and what it was.
  record_reward: {
    label: '记录奖励表彰',
    params: [
      { name: 'reward', label: '奖励或表彰方式', required: true, kind: 'enum', options: REWARD_KINDS },
      text(COMMENT_MAX, 'description', '奖励表彰内容', true),
    ],
  },
  recuse: {
    label: '回避',
    params: [
      { name: 'staffId', label: '回避人员', required: true, kind: 'staff' },
      reasons('reason', '回避理由'),
    ],
  },
  // Art 28: a recusal decided in error, or whose reason is gone, is lifted with the reason why.
  lift_recusal: {
    label: '撤销回避',
    params: [
      { name: 'staffId', label: '撤销回避的人员', required: true, kind: 'staff' },
      reasons('reason', '撤销理由'),
    ],
  },
} as const satisfies Record<string, ActionSpec>;

export type ActionType = keyof typeof ACTION_SPECS;
/** Actions on an existing petition, decided by `decide`. `register` creates one instead. */
export type CaseActionType = Exclude<ActionType, 'register'>;

export const ACTION_TYPES = Object.keys(ACTION_SPECS) as ActionType[];
export const CASE_ACTION_TYPES = ACTION_TYPES.filter((t): t is CaseActionType => t !== 'register');

type SpecParams<T extends ActionType> = (typeof ACTION_SPECS)[T]['params'][number];

/** The value of a parameter: `Unit` is a `UnitRef` in an action, a unit id in a request body. */
type ValueOf<P, Unit> = P extends { kind: 'unit' }
  ? Unit
  : P extends { kind: 'enum'; options: readonly (infer O)[] }
    ? O
    : P extends { kind: 'integer' }
      ? number
      : P extends { kind: 'boolean' }
        ? boolean
        : P extends { kind: 'list' }
          ? string[]
          : string;

type Simplify<T> = { [K in keyof T]: T[K] } & {};

/** The parameters of action `T`, with unit parameters typed as `Unit`. */
export type ParamsWith<T extends ActionType, Unit> = Simplify<
  { [P in SpecParams<T> as P extends { required: true } ? P['name'] : never]: ValueOf<P, Unit> } & {
    [P in SpecParams<T> as P extends { required: false } ? P['name'] : never]?: ValueOf<P, Unit>;
  }
>;
