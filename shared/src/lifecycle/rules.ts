/**
 * Every reason the lifecycle can refuse, as a closed table: the rule id, the article of the
 * 信访工作条例 it enforces (null for authorization and input-shape rules, which the statute does
 * not speak to), when it is checked, and the message in Chinese and English.
 *
 * `gate` rules depend only on the petition, the actor and the time: `allowedActions` lists an
 * action exactly when no gate rule refuses it. `params` rules depend on the parameters as well.
 */
export type Article = `Art ${string}`;
export type RuleCategory = 'authorization' | 'state' | 'time' | 'case' | 'params';

interface RuleEntry {
  article: Article | null;
  category: RuleCategory;
  zh: string;
  en: string;
}

export const RULES = {
  'auth.not_own_petition': {
    article: null,
    category: 'authorization',
    zh: '只能对本人的信访事项进行此操作',
    en: 'Only the petitioner may do this, on their own petition',
  },
  'auth.role_not_permitted': {
    article: null,
    category: 'authorization',
    zh: '您的角色不能进行此操作',
    en: 'Your role may not take this action',
  },
  'auth.unit_out_of_scope': {
    article: null,
    category: 'authorization',
    zh: '该信访事项不在您所在单位的管辖范围内',
    en: 'The unit concerned is outside your part of the organisation',
  },
  'auth.not_referred_leader': {
    article: null,
    category: 'authorization',
    zh: '只有呈阅的领导可以批示',
    en: 'Only the leader the petition was referred to may instruct',
  },
  'auth.recused': {
    article: 'Art 28',
    category: 'authorization',
    zh: '您与该信访事项有直接利害关系，应当回避',
    en: 'You have a direct interest in this petition and must recuse yourself',
  },
  'state.not_allowed': {
    article: null,
    category: 'state',
    zh: '信访事项当前所处环节不能进行此操作',
    en: 'This action is not possible at the petition’s current step',
  },
  'state.closed': {
    article: null,
    category: 'state',
    zh: '信访事项已经办结，不能再进行此操作',
    en: 'The petition is closed',
  },
  'state.final': {
    article: 'Art 36 ¶3',
    category: 'state',
    zh: '复核意见为最终意见，信访事项已终结',
    en: 'The re-examination opinion is final; the petition has ended',
  },
  'triage.accusation_to_accused_unit': {
    article: 'Art 30',
    category: 'case',
    zh: '检举控告类事项不得交由被检举控告的单位或其下属单位办理',
    en: 'An accusation may not be handled by the accused unit or a unit below it',
  },
  'triage.divert_requests_only': {
    article: 'Art 31',
    category: 'case',
    zh: '只有申诉求决类事项可以导入法定程序（诉访分离）',
    en: 'Only requests are diverted to a statutory procedure',
  },
  'triage.assign_outside_subtree': {
    article: null,
    category: 'params',
    zh: '只能交办给本单位下属的单位',
    en: 'A petition can only be assigned to a unit below the receiving unit',
  },
  'triage.assign_to_self': {
    article: null,
    category: 'params',
    zh: '由本单位办理请选择“受理”，不能交办给本单位',
    en: 'To handle it in the receiving unit, accept it instead of assigning it',
  },
  'triage.report_back_in_past': {
    article: 'Art 22',
    category: 'params',
    zh: '交办的报告办理结果日期不能早于今天',
    en: 'The report-back date of an assignment cannot be in the past',
  },
  'objection.window_closed': {
    article: 'Art 23 ¶3',
    category: 'time',
    zh: '已超过收到交办后5个工作日的异议期限',
    en: 'The 5 working days to object to an assignment have passed',
  },
  'extension.first_stage_only': {
    article: 'Art 34',
    category: 'case',
    zh: '只有初次办理可以延期，复查、复核期限不能延长',
    en: 'Only the first handling may be extended; review and re-examination limits are fixed',
  },
  'extension.already_granted': {
    article: 'Art 34',
    category: 'case',
    zh: '办理期限已经延长过一次，不能再次延期',
    en: 'The handling limit has already been extended once',
  },
  'extension.pending': {
    article: 'Art 34',
    category: 'case',
    zh: '已有延期申请等待审批',
    en: 'An extension request is already awaiting approval',
  },
  'extension.none_pending': {
    article: 'Art 34',
    category: 'case',
    zh: '没有待审批的延期申请',
    en: 'There is no extension request to decide',
  },
  'extension.after_deadline': {
    article: 'Art 34',
    category: 'time',
    zh: '60日办理期限已过，不能再申请或批准延期',
    en: 'The 60-day handling limit has passed; it can no longer be extended',
  },
  'extension.too_long': {
    article: 'Art 34',
    category: 'params',
    zh: '延长期限不得超过30日',
    en: 'An extension may not exceed 30 days',
  },
  'hearing.requests_only': {
    article: 'Art 31',
    category: 'case',
    zh: '听证只适用于申诉求决类事项',
    en: 'Hearings are held on requests only',
  },
  'hearing.already_scheduled': {
    article: 'Art 31',
    category: 'case',
    zh: '已有安排的听证尚未举行',
    en: 'A scheduled hearing has not been held yet',
  },
  'hearing.none_scheduled': {
    article: 'Art 31',
    category: 'case',
    zh: '没有已安排的听证',
    en: 'No hearing is scheduled',
  },
  'reply.outcome_for_kind': {
    article: 'Art 32',
    category: 'params',
    zh: '处理意见的结论与信访事项类别不符（建议意见类：采纳/部分采纳/不采纳；申诉求决类：支持/解释说明/不予支持）',
    en: 'The outcome does not fit the kind (suggestions: adopted / partly / not; requests: support / explain / not support)',
  },
  'reply.legal_basis_required': {
    article: 'Art 32',
    category: 'params',
    zh: '信访处理意见书应当载明法律法规依据',
    en: 'A decision on a request must state its legal basis',
  },
  'delivery.already_recorded': {
    article: 'Art 35',
    category: 'case',
    zh: '这份书面答复的送达已经记录；如日期有误，请单位负责人更正',
    en: 'Delivery of this written answer is already recorded; a unit head may correct its date',
  },
  'delivery.not_recorded': {
    article: 'Art 35',
    category: 'case',
    zh: '这份书面答复尚未记录送达，无可更正',
    en: 'No delivery of this written answer is recorded yet',
  },
  'delivery.date_invalid': {
    article: 'Art 35',
    category: 'params',
    zh: '送达日期应在出具答复之日与今天之间',
    en: 'The delivery date must lie between the day the answer was issued and today',
  },
  'delivery.date_unchanged': {
    article: 'Art 35',
    category: 'params',
    zh: '更正后的送达日期与原记录相同',
    en: 'The corrected delivery date is the one already recorded',
  },
  'delivery.posting_date_invalid': {
    article: 'Art 35',
    category: 'params',
    zh: '邮寄送达应填写邮寄日期，且在出具答复之后、收到之前；其他方式不填邮寄日期',
    en: 'A postal delivery states its posting date, between the issue and the receipt; other methods state none',
  },
  'delivery.receipt_required': {
    article: 'Art 35',
    category: 'params',
    zh: '当面送达应上传信访人签收的送达回证',
    en: 'A delivery in person needs the scanned proof of delivery signed by the petitioner',
  },
  // A correction that shortens the petitioner's window after the fact rests on evidence.
  'delivery.app_not_earlier': {
    article: 'Art 35',
    category: 'params',
    zh: '信访人在“信访通”中查看答复的日期由系统记录，不能改早',
    en: 'The day the petitioner opened the answer in the app is the system’s record; it cannot be moved earlier',
  },
  'delivery.correction_receipt_required': {
    article: 'Art 35',
    category: 'params',
    zh: '把送达日期改早，应上传证明该日期的送达回证或邮寄回执',
    en: 'Moving the delivery date earlier needs the scanned proof of delivery or postal receipt showing it',
  },
  'mediation.requests_only': {
    article: 'Art 33',
    category: 'case',
    zh: '调解只在处理申诉求决类事项的过程中进行',
    en: 'Mediation takes place only while a request is handled',
  },
  'mediation.agreement_unconfirmed': {
    article: 'Art 33',
    category: 'params',
    zh: '达成协议的，应写明协议内容，并经双方当事人确认',
    en: 'An agreement states its terms and is confirmed by both parties',
  },
  'rating.already_rated': {
    article: 'Art 21',
    category: 'case',
    zh: '本环节的答复已经评价过',
    en: 'This stage’s reply has already been rated',
  },
  'rating.window_closed': {
    article: 'Art 21',
    category: 'time',
    zh: '已超过收到答复之日起30日的评价期限',
    en: 'The 30 days to rate the reply after receiving it have passed',
  },
  // A request's answer is rated within the window to appeal it, not Art 21's rating window.
  'rating.review_window_closed': {
    article: 'Art 35',
    category: 'time',
    zh: '评价应在收到书面答复之日起30日内（请求复查的期限内）提出，这个期限已过',
    en: 'A decision is rated within the 30 days to ask for its review after receiving it; they have passed',
  },
  'rating.re_examination_window_closed': {
    article: 'Art 36',
    category: 'time',
    zh: '评价应在收到复查意见之日起30日内（请求复核的期限内）提出，这个期限已过',
    en: 'A review opinion is rated within the 30 days to ask for re-examination; they have passed',
  },
  // The statute has no article on withdrawal: the product's rule (shared/README.md, rule 10).
  'withdraw.after_reply': {
    article: null,
    category: 'state',
    zh: '信访事项只能在作出书面答复之前撤回，本事项已经答复，不能撤回',
    en: 'A petition can be withdrawn only before its written answer; this one has been answered',
  },
  'review.requests_only': {
    article: 'Art 35',
    category: 'case',
    zh: '复查针对信访处理意见书，只适用于申诉求决类事项',
    en: 'Review is of a decision letter, which only requests receive',
  },
  'review.window_closed': {
    article: 'Art 35',
    category: 'time',
    zh: '已超过收到书面答复之日起30日的复查请求期限',
    en: 'The 30 days to ask for review after receiving the reply have passed',
  },
  'review.no_higher_level': {
    article: 'Art 35',
    category: 'case',
    zh: '原办理单位已是本组织的最高一级，本系统内没有上一级单位可以复查；可向有权机关提出',
    en: 'The answering unit is the top of this organisation; there is no higher level here to review it',
  },
  're_examination.window_closed': {
    article: 'Art 36',
    category: 'time',
    zh: '已超过收到复查意见之日起30日的复核请求期限',
    en: 'The 30 days to ask for re-examination after receiving the review opinion have passed',
  },
  're_examination.no_higher_level': {
    article: 'Art 36',
    category: 'case',
    zh: '复查单位已是本组织的最高一级，本系统内没有上一级单位可以复核；可向有权机关提出',
    en: 'The reviewing unit is the top of this organisation; there is no higher level here to re-examine',
  },
  'appeal.received_date_invalid': {
    article: null,
    category: 'params',
    zh: '收到请求的日期应在出具答复之日与今天之间',
    en: 'The day the request arrived must lie between the day the answer was issued and today',
  },
  'review.received_after_window': {
    article: 'Art 35',
    category: 'params',
    zh: '收到复查请求时，已超过信访人收到书面答复之日起30日的期限',
    en: 'The review request arrived after the 30 days from the receipt of the reply',
  },
  're_examination.received_after_window': {
    article: 'Art 36',
    category: 'params',
    zh: '收到复核请求时，已超过信访人收到复查意见之日起30日的期限',
    en: 'The re-examination request arrived after the 30 days from the receipt of the review opinion',
  },
  'close.window_open': {
    article: 'Art 35',
    category: 'time',
    zh: '信访人请求复查、复核或评价的期限尚未届满',
    en: 'The petitioner’s window to appeal or rate is still open',
  },
  'close.not_delivered': {
    article: 'Art 35',
    category: 'time',
    zh: '书面答复尚未送达，信访人的请求期限还没有开始计算',
    en: 'The written answer has not been delivered, so the petitioner’s window has not started',
  },
  'supervision.none_open': {
    article: 'Art 40',
    category: 'case',
    zh: '没有待答复的督办',
    en: 'No supervision notice awaits an answer from your unit',
  },
  'supervision.unknown': {
    article: 'Art 40',
    category: 'params',
    zh: '该督办单不存在、已答复或不属于您的单位',
    en: 'That supervision notice does not exist, is answered, or is not addressed to your unit',
  },
  'supervision.not_answered': {
    article: 'Art 40',
    category: 'case',
    zh: '该督办单还没有书面答复，答复后才能审核',
    en: 'The supervision notice has no written answer to review yet',
  },
  'supervision.already_reviewed': {
    article: 'Art 40',
    category: 'case',
    zh: '该督办答复已经审核过',
    en: 'The answer to this supervision notice has already been reviewed',
  },
  'supervision.due_in_past': {
    article: 'Art 40',
    category: 'params',
    zh: '督办答复期限不能早于今天',
    en: 'The answer date of a supervision notice cannot be in the past',
  },
  'rehandling.none_pending': {
    article: null,
    category: 'case',
    zh: '没有等待决定是否重新办理的不满意评价',
    en: 'No unsatisfied rating awaits a decision on handling the case again',
  },
  'rehandling.pending': {
    article: null,
    category: 'case',
    zh: '信访人对答复不满意，单位负责人还没有决定是否重新办理',
    en: 'The petitioner was unsatisfied; the unit head has not yet decided whether to handle it again',
  },
  // The petitioner told the answer stands is told why, in plain words (his evaluation, Art 21).
  'rehandling.explanation_required': {
    article: 'Art 21',
    category: 'params',
    zh: '决定不再重新办理的，应当写明告知信访人的说明',
    en: 'A decision not to handle the case again tells the petitioner why',
  },
  'forward.outcome_recorded': {
    article: 'Art 22',
    category: 'case',
    zh: '转送事项的办理结果已经记录',
    en: 'The outcome of this forwarded case is already recorded',
  },
  'forward.outcome_date_invalid': {
    article: 'Art 22',
    category: 'params',
    zh: '得知办理结果的日期应在转送之日与今天之间',
    en: 'The date the outcome was learnt must lie between the forwarding and today',
  },
  'ownership.taken': {
    article: 'Art 18',
    category: 'case',
    zh: '该事项已有包案领导',
    en: 'Another leader already owns this case',
  },
  'ownership.stage_ended': {
    article: 'Art 28',
    category: 'authorization',
    zh: '复查、复核由上一级办理，原包案领导不再处理本阶段的事项',
    en: 'A review or re-examination is for the level above, not for the leader who owned the answer',
  },
  'referral.not_leader': {
    article: 'Art 18',
    category: 'params',
    zh: '只能呈阅在职的单位负责人或包案领导',
    en: 'A case is referred only to an active leader',
  },
  'referral.outside_receiving': {
    article: 'Art 22',
    category: 'params',
    zh: '只能呈阅受理单位或其上级单位的领导',
    en: 'A case is referred only to a leader of the receiving unit or a unit above it',
  },
  'referral.accused_unit': {
    article: 'Art 30',
    category: 'params',
    zh: '检举控告事项不能呈阅被检举控告单位的领导',
    en: 'An accusation is not referred to a leader of the accused unit',
  },
  'referral.recused': {
    article: 'Art 28',
    category: 'params',
    zh: '所选领导与该信访事项有直接利害关系，应当回避',
    en: 'That leader has a direct interest in this petition',
  },
  'referral.unchanged': {
    article: null,
    category: 'params',
    zh: '该事项已经呈阅这位领导',
    en: 'The case is already referred to that leader',
  },
  'suggestion.to_accused_unit': {
    article: 'Art 30',
    category: 'params',
    zh: '不能向被检举控告的单位提出与该事项有关的改进建议',
    en: 'A suggestion about an accusation cannot go to the accused unit',
  },
  'suggestion.due_in_past': {
    article: 'Art 40',
    category: 'params',
    zh: '改进建议的答复期限不能早于今天',
    en: 'The answer date of a suggestion cannot be in the past',
  },
  'suggestion.not_answered': {
    article: 'Art 40',
    category: 'case',
    zh: '该改进建议还没有答复，答复后才能记录采纳情况',
    en: 'The suggestion has not been answered yet',
  },
  'suggestion.already_answered': {
    article: 'Art 40',
    category: 'case',
    zh: '该改进建议已经答复过',
    en: 'The suggestion has already been answered',
  },
  'suggestion.already_decided': {
    article: 'Art 40',
    category: 'case',
    zh: '该改进建议的采纳情况已经记录',
    en: 'Whether the suggestion was adopted is already recorded',
  },
  'suggestion.issuer_only': {
    article: 'Art 40',
    category: 'authorization',
    zh: '采纳情况由提出建议的人记录',
    en: 'Only the issuer records whether a suggestion was adopted',
  },
  'handler.reason_required': {
    article: 'Art 24',
    category: 'params',
    zh: '更换承办人应当写明理由',
    en: 'Changing the person responsible for a case needs a reason',
  },
  'handler.unchanged': {
    article: 'Art 24',
    category: 'params',
    zh: '所选人员已经是本件的承办人',
    en: 'That person already handles this case',
  },
  'handler.not_in_unit': {
    article: 'Art 24',
    category: 'params',
    zh: '承办人应当是承办单位的在岗工作人员',
    en: 'The person responsible must be active staff of the handling unit',
  },
  'handler.recused': {
    article: 'Art 28',
    category: 'params',
    zh: '该人员与本件有直接利害关系，应当回避，不能担任承办人',
    en: 'That person must recuse themselves and cannot handle this case',
  },
  'assist.to_lead_unit': {
    article: 'Art 24',
    category: 'params',
    zh: '协办单位不能是主办单位本身',
    en: 'The assisting unit cannot be the lead unit itself',
  },
  'assist.already_open': {
    article: 'Art 24',
    category: 'params',
    zh: '该单位已有尚未答复的协办事项',
    en: 'That unit already has an unanswered part of this case',
  },
  'assist.due_in_past': {
    article: 'Art 24',
    category: 'params',
    zh: '协办答复期限不能早于今天',
    en: 'The answer date of an assisting part cannot be in the past',
  },
  'assist.none_open': {
    article: 'Art 24',
    category: 'case',
    zh: '您的单位没有待答复的协办事项',
    en: 'No assisting part of this case awaits an answer from your unit',
  },
  'assist.unknown': {
    article: 'Art 24',
    category: 'params',
    zh: '该协办事项不存在或不属于您的单位',
    en: 'That assisting part does not exist or is not your unit’s',
  },
  'assist.not_needed': {
    article: 'Art 24',
    category: 'case',
    zh: '主办单位已撤回这项协办，或本件已不由主办单位办理，无需再答复',
    en: 'The lead unit withdrew that part, or no longer handles the case: no answer is wanted',
  },
  'assist.answered': {
    article: 'Art 24',
    category: 'params',
    zh: '这项协办已经答复，答复不能改写；如需补充，请与主办单位联系',
    en: 'That part is answered already; its answer cannot be rewritten',
  },
  'assist.parts_open': {
    article: 'Art 24',
    category: 'case',
    zh: '协办单位尚未全部答复，主办单位须等各协办意见齐全后再答复信访人',
    en: 'Every assisting unit must answer its part before the lead unit replies',
  },
  // Art 34: the lead unit's reply waits for every part, so a part due later makes the answer late.
  'assist.due_after_deadline': {
    article: 'Art 34',
    category: 'params',
    zh: '协办答复期限不能晚于本件的办理期限，否则主办单位无法按期答复信访人',
    en: 'An assisting part cannot be due after the case’s own handling deadline',
  },
  'assist.not_open': {
    article: 'Art 24',
    category: 'params',
    zh: '该协办事项不存在或不在等待答复，不能撤回',
    en: 'That assisting part does not exist or no longer awaits an answer',
  },
  'assist.none_to_withdraw': {
    article: 'Art 24',
    category: 'case',
    zh: '本件没有等待答复的协办事项',
    en: 'No assisting part of this case awaits an answer',
  },
  'recusal.only_self_or_head': {
    article: 'Art 28',
    category: 'params',
    zh: '只能本人申请回避，或由单位负责人决定他人回避',
    en: 'Staff recuse themselves; only a unit head may recuse someone else',
  },
  // Art 28 is about those with an interest, not a way for a unit to choose who supervises or
  // reviews it (Art 35, 36, 40): a head decides only for his own people.
  'recusal.outside_unit': {
    article: 'Art 28',
    category: 'params',
    zh: '单位负责人只能决定本单位及下级单位工作人员回避；其他人员由本人申请回避',
    en: 'A unit head decides recusals only for staff of their own unit or below it',
  },
  'recusal.none_to_lift': {
    article: 'Art 28',
    category: 'authorization',
    zh: '只有决定回避的人员，或其所在单位及上级单位的负责人，可以撤销回避',
    en: 'Only whoever decided a recusal, or a head at or above their unit, may lift it',
  },
  'recusal.not_liftable': {
    article: 'Art 28',
    category: 'params',
    zh: '所选人员没有回避，或者其回避不能由您撤销',
    en: 'That person is not recused, or their recusal is not yours to lift',
  },
  'register.online_by_petitioner_only': {
    article: 'Art 21',
    category: 'authorization',
    zh: '网上信访由信访人本人提交；工作人员登记来信、来访、来电、传真和电子邮件',
    en: 'Online petitions are submitted by petitioners; staff register the other channels',
  },
  'register.received_at_required': {
    article: 'Art 22',
    category: 'params',
    zh: '登记时应当填写收到日期，法定期限从收到之日起计算',
    en: 'Staff registration needs the date received: the statutory limits count from it',
  },
  'register.contact_known': {
    article: 'Art 23 ¶2',
    category: 'params',
    zh: '已经登记了信访人的住址，不属于姓名、住址不清的情形，应当书面告知信访人',
    en: 'The petitioner’s address is recorded: the written notice is owed',
  },
  'register.received_at_in_future': {
    article: null,
    category: 'params',
    zh: '收到时间不能晚于当前时间',
    en: 'The time received cannot be in the future',
  },
  'collective.representatives_required': {
    article: 'Art 20',
    category: 'params',
    zh: '多人提出共同信访事项的，应当推选代表',
    en: 'A collective petition must name its representatives',
  },
  'collective.too_many_representatives': {
    article: 'Art 20',
    category: 'params',
    zh: '代表人数不超过5人',
    en: 'At most 5 representatives',
  },
  'collective.more_representatives_than_people': {
    article: 'Art 20',
    category: 'params',
    zh: '代表从提出信访的人中推选，代表人数不能多于信访人数',
    en: 'Representatives are chosen from the people petitioning: no more of them than the headcount',
  },
  'params.invalid': {
    article: null,
    category: 'params',
    zh: '填写的内容不符合要求',
    en: 'A parameter is missing or malformed',
  },
  'decline.system_admissibility_only': {
    article: null,
    category: 'params',
    zh: '系统只能依据第十九条第三款或第三十六条第三款不予受理',
    en: 'The system declines only on the grounds of Art 19 ¶3 or Art 36 ¶3',
  },
  'decline.final_case_required': {
    article: 'Art 36 ¶3',
    category: 'params',
    zh: '以同一事实和理由已经复核终结为由不予受理的，理由中应当写明该信访人已经复核终结的那件信访事项的编号',
    en: 'A decline under Art 36 ¶3 names, in its reason, the same petitioner’s final case by number',
  },
  'decline.pending_case_required': {
    article: 'Art 19 ¶3',
    category: 'params',
    zh: '以同一事项正在办理为由不予受理的，理由中应当写明该信访人正在下级单位法定期限内办理的那件信访事项的编号',
    en: 'A decline under Art 19 ¶3 names, in its reason, the same petitioner’s case pending below by number',
  },
  'decline.basis_required': {
    article: null,
    category: 'params',
    zh: '以“其他”为由不予受理的，理由中应当写明所依据的具体规定（第几条）',
    en: 'A decline on other grounds names, in its reason, the provision it rests on',
  },
  'admissibility.pending_at_lower_level': {
    article: 'Art 19 ¶3',
    category: 'case',
    zh: '同一信访事项正在下级单位法定期限内受理或办理，上级单位不予受理',
    en: 'The same matter is being handled at a lower level within its time limit; not accepted here',
  },
  'admissibility.review_route': {
    article: 'Art 35',
    category: 'case',
    zh: '同一事项已经书面答复。对答复不服的，请在收到答复之日起30日内对原事项请求复查',
    en: 'The same matter was answered below: disagreeing, the petitioner asks for its review here',
  },
  'admissibility.re_examination_route': {
    article: 'Art 36',
    category: 'case',
    zh: '同一事项已经复查。对复查意见不服的，请在收到复查意见之日起30日内对原事项请求复核',
    en: 'The same matter was reviewed below: disagreeing, the petitioner asks for its re-examination here',
  },
  'admissibility.already_final': {
    article: 'Art 36 ¶3',
    category: 'case',
    zh: '同一事实和理由的信访事项已经复核终结，不再受理；有关单位会继续做好疏导和帮扶工作',
    en: 'The same facts and reasons were finally decided on re-examination; not accepted again',
  },
  'org.move_under_accused_unit': {
    article: 'Art 30',
    category: 'params',
    zh: '单位不能移到其经手的检举控告所检举控告的单位之下',
    en: 'A unit cannot move under a unit accused in an accusation it or a unit below it holds',
  },
  // Art 40: a higher unit supervises; the supervised unit answers; the issuing unit reviews.
  'supervision.own_unit': {
    article: 'Art 40',
    category: 'authorization',
    zh: '督办单由上级单位发出，不能督办本单位承办的事项',
    en: 'A supervision notice comes from a higher unit; a unit does not supervise itself',
  },
  'supervision.not_issuer': {
    article: 'Art 40',
    category: 'authorization',
    zh: '只有发出督办单的单位可以审核答复',
    en: 'Only the unit that issued the supervision notice reviews its answer',
  },
  // 签收 (Art 38–40): the people a red step or a 督办单 was meant for say it reached them.
  'acknowledge.not_recipient': {
    article: 'Art 40',
    category: 'authorization',
    zh: '只有督办送达的单位负责人或经办人员可以签收',
    en: 'Only those the escalation or supervision notice was sent to may acknowledge it',
  },
  'acknowledge.not_awaited': {
    article: 'Art 40',
    category: 'case',
    zh: '该督办无需签收：不是红色督办，或已撤回、已答复、已结束',
    en: 'Nothing to acknowledge: not a red step, or withdrawn, answered or ended',
  },
  'supervision.not_awaiting_review': {
    article: 'Art 40',
    category: 'params',
    zh: '该督办单不是本单位发出的，或没有待审核的答复',
    en: 'That supervision notice was not issued by your unit, or has no answer awaiting review',
  },
  'decline.guidance_required': {
    article: 'Art 22',
    category: 'params',
    zh: '以“不属于信访事项”为由不予受理的，应当告知信访人可以向哪个机关或单位反映',
    en: 'A decline as not a petition matter tells the petitioner where to turn instead',
  },
  // Art 29: a suggestion that contributed is rewarded once its answer adopted it (in whole or part).
  'reward.suggestions_only': {
    article: 'Art 29',
    category: 'case',
    zh: '奖励针对信访人提出的建议意见，只适用于建议意见类信访事项',
    en: 'Rewards are for suggestions; requests and accusations are not rewarded',
  },
  'reward.not_answered': {
    article: 'Art 29',
    category: 'case',
    zh: '建议意见还没有书面答复，答复采纳后才能记录奖励',
    en: 'The suggestion has not been answered yet; a reward follows an answer that adopts it',
  },
  'reward.not_adopted': {
    article: 'Art 29',
    category: 'case',
    zh: '答复没有采纳该建议意见，不能记录奖励；采纳或者部分采纳的才给予奖励',
    en: 'The answer did not adopt the suggestion; only an adopted or partly adopted one is rewarded',
  },
  'reward.already_recorded': {
    article: 'Art 29',
    category: 'case',
    zh: '本环节已经记录过对该建议意见的奖励',
    en: 'A reward for this suggestion is already recorded at this stage',
  },
} as const satisfies Record<string, RuleEntry>;

export type RuleId = keyof typeof RULES;

export const RULE_IDS = Object.keys(RULES) as RuleId[];

export interface Refusal {
  rule: RuleId;
  article: Article | null;
  /** For people (Chinese); clients switch on `rule`. */
  message: string;
  messageEn: string;
  /** The parameter at fault, for `params` rules. */
  param?: string;
}

/**
 * A refusal for `rule`, its article and messages taken from the table. The Chinese message names
 * the rule's article in words people read (「（《信访工作条例》第三十四条）」), so a refusal of a
 * statutory limit says which limit and where it is written, on whatever screen it shows.
 */
export function refuse(rule: RuleId, detail?: { param?: string; message?: string }): Refusal {
  const entry: RuleEntry = RULES[rule];
  const said = detail?.message ? `${entry.zh}：${detail.message}` : entry.zh;
  const refusal: Refusal = {
    rule,
    article: entry.article,
    message: entry.article ? `${said}（${citationZh(entry.article)}）` : said,
    messageEn: entry.en,
  };
  if (detail?.param !== undefined) refusal.param = detail.param;
  return refusal;
}

const DIGITS = '〇一二三四五六七八九';

/** 1–99 in Chinese numerals, as articles are numbered: 9 → 九, 10 → 十, 23 → 二十三. */
function chineseNumber(n: number): string {
  if (n < 10) return DIGITS[n] as string;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : DIGITS[tens]}十${ones ? DIGITS[ones] : ''}`;
}

/** `Art 23 ¶3` → `《信访工作条例》第二十三条第三款`. */
export function citationZh(article: Article): string {
  const match = /^Art (\d+)(?: ¶(\d+))?$/.exec(article);
  if (!match) return `《信访工作条例》${article}`;
  const paragraph = match[2] ? `第${chineseNumber(Number(match[2]))}款` : '';
  return `《信访工作条例》第${chineseNumber(Number(match[1]))}条${paragraph}`;
}

export function isGateRule(rule: RuleId): boolean {
  return RULES[rule].category !== 'params';
}
