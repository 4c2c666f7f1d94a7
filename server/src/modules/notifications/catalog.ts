import { CLOCK_DEFINITIONS, type ClockName } from '@xinfang/shared/clocks';
import type { DiversionRoute, RewardKind } from '@xinfang/shared/lifecycle';
import {
  type NotificationEvent,
  PETITIONER_EVENTS,
  STATUTORY_EVENTS,
  type TemplateValue,
} from '@xinfang/shared/schemas/notifications';

/**
 * The words of every notification: a title and a body for the message centre, and the short
 * values provider templates are filled with. Plain Chinese, short sentences, no article numbers.
 *
 * What leaves the system (WeChat, SMS) carries only the petition number, a status, a date and unit
 * names — never a name, a phone, the query code or what anyone wrote. Free text (a reason, a
 * message, guidance) stays in the message centre, behind the person's own sign-in.
 */
export interface MessageFacts {
  number: string | null;
  petitionId: string | null;
  /** When it happened (an instant). */
  at: string;
  /** The unit the event names: the one accepting, assigned, supervised… */
  unitName?: string | null;
  /** The date that matters (a Beijing `YYYY-MM-DD`): the new deadline, the end of a window. */
  date?: string | null;
  /** Free text for the message centre only: a reason, guidance, a message. */
  text?: string | null;
  /** A decline's guidance, beside its reason (Art 22, 23: where the petitioner may turn). */
  guidance?: string | null;
  days?: number;
  recipientOrgan?: string;
  route?: DiversionRoute;
  /** Which right a reply opens (review, re-examination, only rating); an appeal: the one asked. */
  window?: 'review' | 're_examination' | 'rating' | 'none';
  /**
   * The unit that answered is the top of the organisation: its review or re-examination lies with
   * whoever may hear it outside (有权处理的上级机关或者单位), not with a unit in the system.
   */
  noHigherUnit?: boolean;
  /** A hearing's instant: said in the message centre only (providers carry `date`). */
  scheduledFor?: string;
  /** A digest's counts. */
  dueSoon?: number;
  overdue?: number;
  /** An escalation step (Art 38–40): yellow (due soon) or red (overdue), and which deadline (a screening item's: its grade). */
  escalation?: { flag: 'yellow' | 'red'; deadline: string };
  /** Art 29: what a unit gave for a suggestion, and whether it adopted it in whole or in part. */
  reward?: RewardKind;
  adoption?: 'adopted' | 'partly_adopted';
  /** Content security: the petition text, a message, or a photo. */
  subject?: 'petition' | 'message' | 'photo';
  /** Art 24: the 协办 parts still unanswered once one came in (the lead unit's answer waits). */
  pending?: number;
  /** After an unsatisfied rating: whether the unit handles the case again. */
  rehandle?: boolean;
  /**
   * A changed reception day: the date the person had booked, the new slot and place (message
   * centre only: the place is what the desk wrote), and whether the booking followed the day;
   * the new leader's name when the leader changed; `unchanged` when the booking's date, time,
   * place and leader all stay (only the day's topics or other slots changed).
   */
  receptionChange?: {
    was: string;
    from: string;
    to: string;
    place: string;
    kept: boolean;
    leader?: string;
    unchanged?: boolean;
  };
}

export interface Composed {
  title: string;
  body: string;
  values: Record<TemplateValue, string>;
  statutory: boolean;
  /**
   * A delay would shorten the petitioner's time (a reply starts the window to appeal or rate), so
   * quiet hours do not hold it back.
   */
  timeSensitive: boolean;
  /** The mini-program page a tap opens. */
  page: string;
}

const ROUTES: Record<DiversionRoute, string> = {
  litigation: '向人民法院提起诉讼',
  arbitration: '申请劳动人事争议仲裁',
  administrative_review: '申请行政复议',
  party_appeal: '向党组织提出申诉',
  law_enforcement: '向执法机关反映',
};

/** Art 29: a reward as the petitioner reads it (「单位给予您通报表扬」). */
const REWARDS: Record<RewardKind, string> = {
  commendation: '通报表扬',
  bonus: '奖金奖励',
  honour: '荣誉表彰',
  other: '奖励',
};

/** `2026-03-02` → `2026年3月2日`. */
export function chineseDate(date: string): string {
  const [year, month, day] = date.split('-').map(Number);
  return `${year}年${month}月${day}日`;
}

/** An instant as Beijing time: `2026年3月2日 09:00`. */
export function chineseTime(instant: string): string {
  const shifted = new Date(Date.parse(instant) + 8 * 3600_000).toISOString();
  return `${chineseDate(shifted.slice(0, 10))} ${shifted.slice(11, 16)}`;
}

interface Words {
  title: string;
  /** ≤ 5 Chinese characters (WeChat's `phrase`). */
  status: string;
  /** ≤ 20 characters (WeChat's `thing`), saying what to do or expect. */
  detail: string;
  body: string;
}

const PETITIONER_PAGE = (petitionId: string | null) =>
  petitionId ? `petition/detail/index?id=${petitionId}` : 'pages/mine/index';
const STAFF_PAGE = (petitionId: string | null) =>
  petitionId ? `staff/petition/index?id=${petitionId}` : 'staff/inbox/index';
/** Reception days and the petitioner's bookings (「领导接访日」, 「我的预约」), Art 18. */
const RECEPTION_PAGE = () => 'public/reception/index';
const SCREENING_PAGE = () => 'staff/screening/index';
const OVERSIGHT_PAGE = () => 'staff/oversight/index';
/** An assisting unit answers on its own list: the case itself is not its to open (Art 24). */
const CO_HANDLING_PAGE = () => 'staff/co-handling/index';

/**
 * Notices a quiet-hours delay would cost the petitioner time. Not the acknowledgements
 * (`received`, `appeal_received`): they start no time of theirs — an appeal's 30 days are the
 * answering unit's — so like `accepted` they may wait for the morning. Nor an answer issued
 * (`reply_issued` and the appeals' answers): the window it opens runs from the day it is received
 * (Art 35, 36), which `answer_received` tells, so holding it until morning costs nothing.
 */
const TIME_SENSITIVE: readonly NotificationEvent[] = ['answer_received'];

/** What a written answer lets the petitioner do next; the date once the answer is received (Art 35, 36). */
// The petitioner's own last day counts: 「X前」 would read as "by the day before X", so 「最晚X」.
function windowWords(f: MessageFacts, date: string): string {
  const right = f.window === 'review' ? '请求复查' : f.window === 're_examination' ? '请求复核' : null;
  const days =
    CLOCK_DEFINITIONS[f.window === 'review' ? 'review_window' : 're_examination_window'].period.length;
  // No unit above in the organisation: the answer's own words (documents/pdf/compose.ts).
  if (right && f.noHigherUnit)
    return `如不满意，可以${date ? `最晚在${date}（含当天）` : `自收到答复之日起${days}日内`}向有权处理的上级机关或者单位${right.replace('请求', '提出')}请求。`;
  if (right)
    return date
      ? `如不满意，可以${right}，最晚${date}（含当天）。`
      : `如不满意，收到答复后${days}日内可以${right}。`;
  if (f.window === 'rating')
    return date ? `请评价办理结果，最晚${date}（含当天）。` : '收到答复后，请评价办理结果。';
  return '这是最终意见，同一事项不再受理。';
}

/** The same in ≤ 20 characters for WeChat, when there is a date to say. */
function windowDetail(f: MessageFacts, date: string): string | null {
  if (f.window === 'none') return '为最终意见';
  if (f.noHigherUnit && (f.window === 'review' || f.window === 're_examination'))
    return `可向上级机关请求${f.window === 'review' ? '复查' : '复核'}`;
  if (!date) return null;
  if (f.window === 'rating') return `请最晚${date}评价`;
  return `最晚${date}可请求${f.window === 'review' ? '复查' : '复核'}`;
}

function words(event: NotificationEvent, f: MessageFacts): Words {
  const no = f.number ?? '';
  const unit = f.unitName ?? '';
  const date = f.date ? chineseDate(f.date) : '';
  switch (event) {
    case 'received':
      return {
        title: '信访事项已登记',
        status: '已登记',
        detail: '将在15日内告知是否受理',
        body: `您的信访事项已登记，编号 ${no}。我们会在15日内告诉您是否受理。办理进度可以在“我的信访”里查看。`,
      };
    case 'accepted':
      return {
        title: '信访事项已受理',
        status: '已受理',
        detail: date ? `将在${date}前办结` : '正在办理',
        body: `您的信访事项 ${no} 已由${unit || '承办单位'}受理${date ? `，将在${date}前办结` : ''}。`,
      };
    case 'assigned':
      return {
        title: '信访事项已交办',
        status: '已交办',
        detail: unit ? `交${unit}办理` : '已交有关单位办理',
        body: `您的信访事项 ${no} 已交${unit || '有关单位'}办理。该单位受理后，会告诉您办理期限。`,
      };
    case 'notified':
      return {
        title: '收到书面告知',
        status: '书面告知',
        detail: '告知内容请登录信访通查看',
        body: `关于您的信访事项 ${no}，已书面告知您：${f.text ? `“${f.text}”。` : ''}告知书可以在“我的信访”中查看。`,
      };
    case 'hearing_scheduled':
      return {
        title: '听证安排',
        status: '听证通知',
        detail: date ? `${date}举行听证` : '听证安排请登录查看',
        body: `您的信访事项 ${no} 定于${f.scheduledFor ? chineseTime(f.scheduledFor) : date}${f.text ? `在${f.text}` : ''}举行听证，请按时参加。如不能参加，请尽早告诉办理人员。`,
      };
    case 'declined':
      return {
        title: '信访事项不予受理',
        status: '不予受理',
        detail: '理由请登录信访通查看',
        // Art 22, 23: where the petitioner may turn, and the written notice that says it all.
        body: `您的信访事项 ${no} 不予受理。${f.text ? `理由：${sentence(f.text)}` : ''}${f.guidance ? `您可以：${sentence(f.guidance)}` : ''}告知书可以在“我的信访”中查看。`,
      };
    case 'diverted':
      return {
        title: '请通过法定途径办理',
        status: '转法定途径',
        detail: '办理指引请登录信访通查看',
        body: `您的信访事项 ${no} 请通过法定途径办理：${f.route ? ROUTES[f.route] : ''}。${f.text ? `指引：${f.text}` : ''}`,
      };
    case 'forwarded':
      return {
        title: '信访事项已转送',
        status: '已转送',
        detail: f.recipientOrgan ? `转送${f.recipientOrgan}` : '已转送有权处理的机关',
        body: `您的信访事项 ${no} 已转送${f.recipientOrgan ?? '有权处理的机关'}处理。`,
      };
    case 'extension_approved':
      return {
        title: '办理期限延长',
        status: '延期办理',
        detail: date ? `新期限${date}` : `延长${f.days ?? ''}日`,
        body: `您的信访事项 ${no} 办理期限延长${f.days ?? ''}日${date ? `，新的期限是${date}` : ''}。${f.text ? `延期原因：${f.text}` : ''}`,
      };
    case 'reply_issued':
    case 'review_answered':
    case 're_examination_answered': {
      const what =
        event === 'reply_issued' ? '处理意见' : event === 'review_answered' ? '复查意见' : '复核意见';
      return {
        title: `${what}已出`,
        status:
          event === 'reply_issued' ? '已答复' : event === 'review_answered' ? '复查已答复' : '复核已答复',
        detail: windowDetail(f, date) ?? '请登录信访通查看',
        body: `您的信访事项 ${no} 已作出书面${what}，请在“我的信访”中查看。${windowWords(f, date)}`,
      };
    }
    case 'answer_received':
      return {
        title: '书面答复已送达',
        status: '已送达',
        detail: windowDetail(f, date) ?? '已送达',
        body: `您的信访事项 ${no} 的书面答复已送达。${windowWords(f, date)}`,
      };
    case 'suggestion_rewarded': {
      const given = REWARDS[f.reward ?? 'other'];
      const adopted = f.adoption === 'partly_adopted' ? '部分采纳' : '采纳';
      return {
        title: '您的建议获得奖励',
        status: '建议获奖',
        detail: `单位给予您${given}`,
        body: `您在信访事项 ${no} 中提出的建议被${adopted}，${unit || '有关单位'}给予您${given}${f.text ? `：${f.text.trim().replace(/[。.！!]$/u, '')}` : ''}。感谢您的建议。`,
      };
    }
    case 'handler_message':
      return {
        title: '办理人员给您留言',
        status: '新留言',
        detail: '请登录信访通查看留言',
        body: `信访事项 ${no}：${f.text ?? ''}`,
      };
    case 'rate_invitation':
      return {
        title: '请评价办理结果',
        status: '待评价',
        detail: date ? `请最晚${date}评价` : '请评价办理结果',
        body: `您的信访事项 ${no} 已答复。请在“我的信访”里评价您是否满意${date ? `，最晚${date}（含当天）` : ''}。`,
      };
    case 'appeal_reminder': {
      const right = f.window === 're_examination' ? '复核' : '复查';
      return {
        title: `${right}请求期即将结束`,
        status: '即将截止',
        detail: `最晚${date}可请求${right}`,
        body: `您的信访事项 ${no} 如对答复不满意，可以请求${right}，最晚${date}（含当天）。过期后将不能再请求。`,
      };
    }
    case 'appeal_received': {
      // No reason quoted: what the petitioner wrote stays out of every message (header above).
      const right = f.window === 're_examination' ? '复核' : '复查';
      return {
        title: `${right}请求已收到`,
        status: `${right}中`,
        detail: date ? `${date}前作出${right}意见` : '请登录信访通查看',
        body: `您的信访事项 ${no} 的${right}请求已收到，由${unit || '上一级单位'}${right}${date ? `，将在${date}前作出${right}意见并书面答复您` : ''}。办理进度可以在“我的信访”里查看。`,
      };
    }
    case 'content_held':
      return {
        title: '内容需人工审核',
        status: '待审核',
        detail: '信访事项已登记照常办理',
        body: `您提交的${f.subject === 'photo' ? '照片' : f.subject === 'message' ? '留言' : '内容'}需要工作人员审核。您的信访事项 ${no} 已经登记，会照常办理，不会被删除。`,
      };
    case 'case_new':
      return {
        title: '新的信访事项待处理',
        status: '待处理',
        detail: '请在15日内转送交办或受理',
        body: `新的信访事项 ${no} 已登记，请在15日内转送、交办或受理。`,
      };
    case 'case_assigned': {
      // An appeal: the date is the answer's, 30 days from the request (Art 35, 36), not a report-back.
      const appeal = f.window === 'review' ? '复查' : f.window === 're_examination' ? '复核' : null;
      if (appeal)
        return {
          title: `有${appeal}请求交给本单位`,
          status: `待${appeal}`,
          detail: date ? `请在${date}前作出${appeal}意见` : `请及时${appeal}`,
          body: `信访事项 ${no} 的${appeal}请求交给${unit || '本单位'}办理。${date ? `请在${date}前作出${appeal}意见，书面答复信访人。` : ''}`,
        };
      return {
        title: '有信访事项交给本单位',
        status: '待受理',
        detail: date ? `请在${date}前报告` : '请及时受理',
        body: `信访事项 ${no} 交给${unit || '本单位'}办理，请及时受理。${date ? `报告期限：${date}。` : ''}`,
      };
    }
    case 'case_referred':
      return {
        title: '有信访事项呈您阅示',
        status: '待阅示',
        detail: '请阅示',
        body: `信访事项 ${no} 呈您阅示，请批示办理意见。`,
      };
    case 'objection_answered':
      return {
        title: '异议已答复',
        status: '异议答复',
        detail: f.text === 'overruled' ? '异议未被采纳请办理' : '异议已同意',
        body:
          f.text === 'overruled'
            ? `信访事项 ${no} 的异议未被采纳，请${unit || '本单位'}办理。`
            : `信访事项 ${no} 的异议已同意，案件退回重新分办。`,
      };
    case 'approval_waiting': {
      const what =
        f.text === 'extension' ? '延期申请' : f.text === 'rehandling' ? '不满意评价' : '处理意见书';
      return {
        title: '有事项等待您审批',
        status: '待审批',
        detail: f.text === 'rehandling' ? '请决定是否重新办理' : `${what}待审批`,
        body:
          f.text === 'rehandling'
            ? `信访人对信访事项 ${no} 的答复不满意，请决定是否重新办理，并写明理由。`
            : `信访事项 ${no} 的${what}等待您审批。`,
      };
    }
    case 'supervision_notice':
      return {
        title: '收到督办单',
        status: '督办',
        detail: date ? `请在${date}前书面答复` : '请书面答复',
        body: `信访事项 ${no} 收到督办单，请${unit || '本单位'}${date ? `在${date}前` : ''}书面答复。`,
      };
    case 'content_review':
      return {
        title: '内容安全提示',
        status: '待审核',
        detail: '请人工审核所提交内容',
        body: `信访事项 ${no} 的${f.subject === 'photo' ? '照片' : f.subject === 'message' ? '留言' : '内容'}经微信内容安全检测需要人工审核。事项照常办理。`,
      };
    case 'delivery_pending':
      return {
        title: '有书面答复尚未送达',
        status: '待送达',
        detail: `已等待${f.days ?? 0}天，请送达`,
        body: `信访事项 ${no} 的书面答复已出具${f.days ?? 0}天，信访人还没有收到。收到之前，复查和评价的期限不开始计算。请尽快送达，并在工作台记录。`,
      };
    case 'escalation':
      if (f.petitionId === null) return screeningEscalation(f, date, unit);
      return f.escalation?.flag === 'yellow'
        ? {
            title: '事项即将到期',
            status: '即将到期',
            detail: date ? `${date}到期，请抓紧办理` : '即将到期，请抓紧办理',
            body: `信访事项 ${no} 的${f.escalation.deadline}将在${date}到期（黄色提示），请${unit || '本单位'}抓紧${owed(f.escalation.deadline).join('，并')}。`,
          }
        : {
            title: '事项超期，已提级督办',
            status: '超期督办',
            detail: date ? `${date}已到期，请督促办理` : '已超期，请督促办理',
            body: `信访事项 ${no} 的${f.escalation?.deadline ?? '办理期限'}已于${date}到期，仍未${owed(f.escalation?.deadline).join('，也未')}（红色督办），由${unit || '本单位'}负责督促办理。`,
          };
    case 'follow_up_due':
      return f.text === 'overdue'
        ? {
            title: '回访已超期',
            status: '回访超期',
            detail: date ? `应在${date}前回访` : '请尽快回访',
            body: `信访事项 ${no} 办结后的回访应在${date}前完成，现已超期。请${unit || '本单位'}尽快回访信访人，并在工作台记录回访结果。`,
          }
        : {
            title: '有办结事项待回访',
            status: '待回访',
            detail: date ? `请在${date}前回访` : '请及时回访',
            body: `信访事项 ${no} 已办结，请${unit || '本单位'}在${date}前回访信访人（电话、走访或留言），并记录回访结果。`,
          };
    case 'rehandling_due':
      return f.text === 'overdue'
        ? {
            title: '重新办理决定已超期',
            status: '决定超期',
            detail: date ? `应在${date}前决定` : '请尽快决定',
            body: `信访人对信访事项 ${no} 的答复不满意，${unit || '本单位'}应在${date}前决定是否重新办理，现已超期。请尽快在工作台作出决定。`,
          }
        : {
            title: '今天应决定是否重新办理',
            status: '今日到期',
            detail: date ? `请在${date}前决定` : '请及时决定',
            body: `信访人对信访事项 ${no} 的答复不满意，请在${date}前决定${unit || '本单位'}是否重新办理，并写明理由。`,
          };
    case 'forward_outcome_due':
      return {
        title: '请询问转送事项的办理结果',
        status: '待问结果',
        detail: f.recipientOrgan ? `询问${f.recipientOrgan}` : '请询问办理结果',
        body: `信访事项 ${no} 于${date}转送${f.recipientOrgan ?? '有关机关'}，至今没有记录办理结果。请向该机关询问，并在工作台记录。`,
      };
    case 'booking_reminder':
      return {
        title: '明天有领导接访预约',
        status: '接访提醒',
        detail: date ? `${date}请按时前往` : '请按时前往',
        body: `您预约了${date}${f.text ? ` ${f.text}` : ''}的领导接访，请按时前往，带上相关材料。如不能去，请在“我的预约”里取消。`,
      };
    case 'reception_day_cancelled':
      return {
        title: '预约的领导接访日已取消',
        status: '接访取消',
        detail: date ? `${date}接访取消，可另约` : '接访日取消，可另约',
        body: `您预约的${date}领导接访日已取消${f.text ? `，原因：${f.text}` : ''}。您的预约也随之取消。您可以在“领导接访日”里另选一天预约。`,
      };
    case 'reception_day_changed':
      return receptionChangeWords(f, date);
    case 'reception_leader_unavailable':
      return {
        title: '预约的领导接访不能举行',
        status: '接访取消',
        detail: date ? `${date}接访不举行，请另约` : '接访不举行，请另约',
        body: `您预约的${date}领导接访不能举行了：这位领导已不再接访。请在“领导接访日”的“我的预约”里取消这个预约，再另选一天预约。`,
      };
    case 'screening_overdue':
      return {
        title: '排查报告未按时报送',
        status: '报告逾期',
        detail: date ? `${date}到期，请尽快报告` : '请尽快报告',
        body: `${unit || '本单位'}${f.text ?? ''}的矛盾纠纷排查报告应于${date}报送，还没有收到。没有新情况的，也请报零报告。`,
      };
    case 'suggestion_overdue':
      return {
        title: '改进建议逾期未答复',
        status: '建议逾期',
        detail: date ? `${date}到期，请尽快答复` : '请尽快答复',
        body: `${unit || '本单位'}收到的改进工作建议应于${date}书面答复，还没有答复。请在“建议·包案·下访”中答复。`,
      };
    case 'handler_named':
      return {
        title: '由您承办信访事项',
        status: '承办',
        detail: '请在“我承办的”中查看',
        body: `信访事项 ${no} 由您承办，请在工作台“我承办的”中查看和办理。`,
      };
    case 'handler_released':
      return {
        title: '请重新指定承办人',
        status: '待指定',
        detail: '承办人已停用，请改派',
        body: `承办人账号已停用，信访事项 ${no} 待重新指定承办人。请在工作台打开该事项，指定本单位的承办人。`,
      };
    case 'case_released':
      return {
        title: '信访事项没有包案领导了',
        status: '待包案',
        detail: '请安排领导包案',
        body: `包案领导交出了信访事项 ${no} 的包案${f.text ? `（理由：${f.text}）` : ''}，请安排领导包案。`,
      };
    case 'case_handed_over':
      return {
        title: '信访事项已移交他人承办',
        status: '已移交',
        detail: '您不再承办此事项',
        body: `单位负责人已将信访事项 ${no} 移交本单位其他同事承办，您不再承办${f.text ? `。移交理由：${f.text}` : ''}。`,
      };
    case 'assist_requested':
      return {
        title: '请协办信访事项',
        status: '协办',
        detail: date ? `请在${date}前答复` : '请及时答复',
        body: `${unit || '主办单位'}请本单位协办信访事项 ${no}${date ? `，请在${date}前答复` : ''}。请在工作台“协办”中查看和答复。`,
      };
    case 'assist_overdue':
      return {
        title: '协办事项已超期',
        status: '协办超期',
        detail: date ? `${date}已到期，请尽快答复` : '已超期，请尽快答复',
        body: `信访事项 ${no} 请${unit || '协办单位'}协办的事项${date ? `已于${date}到期` : '已超期'}，还没有答复。主办单位要等协办意见齐全后才能答复信访人，请尽快答复。`,
      };
    case 'assist_withdrawn':
      return {
        title: '协办事项已撤回',
        status: '已撤回',
        detail: '无需再答复',
        body: `${unit || '主办单位'}撤回了请本单位协办信访事项 ${no} 的事项${f.text ? `，理由：${f.text}` : ''}。无需再答复。`,
      };
    case 'objection_raised':
      return {
        title: '有交办异议待决定',
        status: '待决定',
        detail: '请决定是否同意异议',
        body: `${unit || '承办单位'}对交办的信访事项 ${no} 提出异议，请决定同意（重新分办）或者不同意（由其办理）。`,
      };
    case 'reply_returned':
      return {
        title: '处理意见书被退回',
        status: '已退回',
        detail: '请修改后重新提交',
        body: `信访事项 ${no} 的处理意见书被退回${f.text ? `，原因：${f.text}` : ''}。请修改后重新提交审批。`,
      };
    case 'reply_ready':
      return {
        title: '处理意见书已审批',
        status: '待出具',
        detail: '请出具并送达信访人',
        body: `信访事项 ${no} 的处理意见书已审批通过，请出具并送达信访人。`,
      };
    case 'extension_refused':
      return {
        title: '延期申请未批准',
        status: '未批准',
        detail: date ? `请在${date}前办结` : '请按原期限办结',
        body: `信访事项 ${no} 的延期申请未批准${f.text ? `，理由：${f.text}` : ''}。请按原期限${date ? `（${date}）` : ''}办结。`,
      };
    case 'petitioner_wrote':
      return {
        title: '信访人留言',
        status: '新留言',
        detail: '请在工作台查看留言',
        body: `信访人就信访事项 ${no} 留言，请在工作台查看。`,
      };
    case 'case_withdrawn':
      return {
        title: '信访事项已撤回',
        status: '已撤回',
        detail: '信访人撤回，无需继续办理',
        body: `信访人撤回了信访事项 ${no}，无需继续办理。`,
      };
    case 'claim_undone':
      return {
        title: '一件信访事项已从您的账号移出',
        status: '已移出',
        detail: '核实不是您的，已移出',
        body: '您认领的一件信访事项，经登记窗口核实不是您的，已从您的账号移出。如有疑问，请联系登记窗口。',
      };
    case 'registration_disowned':
      return {
        title: '登记的手机号有误',
        status: '待核实',
        detail: '请核实信访人联系方式',
        body: `信访事项 ${no} 登记的手机号，机主表示这件信访事项不是他的。请核实信访人的联系方式，以便告知办理情况。`,
      };
    case 'supervision_answered':
      return {
        title: '督办单已答复',
        status: '待审核',
        detail: '请审核书面答复',
        body: `信访事项 ${no} 的督办单${unit ? `，${unit}` : ''}已书面答复。请审核：通过，或写明理由退回。`,
      };
    case 'supervision_returned':
      return {
        title: '督办答复被退回',
        status: '退回',
        detail: date ? `请在${date}前重新答复` : '请重新书面答复',
        body: `信访事项 ${no} 的督办答复被退回${f.text ? `，理由：${f.text}` : ''}。请${date ? `在${date}前` : ''}重新书面答复。`,
      };
    case 'case_returned':
      // Art 22: the 15 days run from registration, the referral and the instruction included.
      return {
        title: '领导已批示，请继续办理',
        status: '已批示',
        detail: date ? `${date}前转送、交办或受理` : '请转送、交办或受理',
        body: `信访事项 ${no} 领导已批示${f.text ? `：“${bare(f.text)}”` : ''}。请按批示${date ? `在${date}前` : '及时'}转送、交办或受理。`,
      };
    case 'assist_answered':
      return {
        title: '协办意见已收到',
        status: '协办已复',
        detail: f.pending ? `还有${f.pending}项协办未答复` : '协办意见已齐全',
        body: `${unit || '协办单位'}已答复信访事项 ${no} 的协办事项，请在工作台查看。${f.pending ? `还有${f.pending}项协办没有答复。` : '协办意见已齐全，可以答复信访人。'}`,
      };
    case 'rehandling_started':
      return {
        title: '信访事项重新办理',
        status: '重新办理',
        detail: date ? `请在${date}前重新答复` : '请重新办理并答复',
        body: `信访人对信访事项 ${no} 的答复不满意，决定重新办理${f.text ? `，理由：${bare(f.text)}` : ''}。请${date ? `在${date}前` : ''}重新作出书面答复。`,
      };
    // `text` is the explanation written for the petitioner (告知信访人的说明), never the internal
    // reason; decisions recorded before 2026-12 have none.
    case 'rehandling_decided': {
      const why = f.text ? `说明：${bare(f.text)}。` : '';
      return f.rehandle
        ? {
            title: '信访事项将重新办理',
            status: '重新办理',
            detail: date ? `将在${date}前重新答复` : '将重新办理并答复',
            body: `您对信访事项 ${no} 的答复不满意。${unit || '承办单位'}决定重新办理${date ? `，将在${date}前重新书面答复您` : '，办理后会重新书面答复您'}。${why}办理进度可以在“我的信访”里查看。`,
          }
        : {
            title: '信访事项不再重新办理',
            status: '维持答复',
            detail: '原答复意见不变',
            body: `您对信访事项 ${no} 的答复不满意。经研究，${unit || '承办单位'}决定不再重新办理，原答复意见不变。${why}如有疑问，可以在“我的信访”里给办理人员留言。`,
          };
    }
    case 'daily_digest':
      return {
        title: '今日办理提醒',
        status: '今日提醒',
        detail: `${f.dueSoon ?? 0}件将到期，${f.overdue ?? 0}件已超期`,
        body: `您经办的信访事项中，${f.dueSoon ?? 0}件将在3个工作日内到期，${f.overdue ?? 0}件已超期。请在工作台查看。`,
      };
  }
}

/** Someone's words as a sentence of ours: ends with a full stop unless it has one. */
function sentence(text: string): string {
  const t = text.trim();
  return /[。.！!？?；;…]$/u.test(t) ? t : `${t}。`;
}

/** Someone's words inside a sentence of ours: without a closing full stop. */
function bare(text: string): string {
  return text.trim().replace(/[。.！!；;]$/u, '');
}

/** What each deadline waits for, as 「仍未…」 and 「请抓紧…」 say it (Art 22, 23, 34–36, 40). */
const OWED: Partial<Record<ClockName, string>> = {
  triage: '转送、交办或受理',
  notice: '书面告知',
  assignment_notice: '书面告知',
  report_back: '报告办理情况',
  handling: '办结',
  review_answer: '答复',
  re_examination_answer: '答复',
  supervision_answer: '书面答复',
};
const CLOCK_BY_LABEL = new Map(
  Object.entries(CLOCK_DEFINITIONS).map(([name, d]) => [d.label as string, name as ClockName]),
);

/** An escalation's deadlines (their labels, joined by 、) → what is owed, each once. */
function owed(deadlines: string | undefined): string[] {
  const labels = deadlines ? deadlines.split('、') : [];
  const owing = labels.map((l) => OWED[CLOCK_BY_LABEL.get(l) ?? 'handling'] ?? '办理');
  return owing.length > 0 ? [...new Set(owing)] : ['办结'];
}

/** A graded risk-screening item near or past its deadline (issue 15): `text` is its subject. */
function screeningEscalation(f: MessageFacts, date: string, unit: string): Words {
  const item = `${unit || '本单位'}的${f.escalation?.deadline ?? ''}矛盾纠纷排查事项“${f.text ?? ''}”`;
  return f.escalation?.flag === 'yellow'
    ? {
        title: '排查事项即将到期',
        status: '即将到期',
        detail: date ? `${date}到期，请抓紧化解` : '即将到期，请抓紧化解',
        body: `${item}将在${date}到期（黄色提示），请抓紧落实化解措施。`,
      }
    : {
        title: '排查事项超期，已提级督办',
        status: '超期督办',
        detail: date ? `${date}已到期，请督促化解` : '已超期，请督促化解',
        body: `${item}已于${date}到期仍未化解（红色督办），请督促责任人落实措施，化解后及时销号。`,
      };
}

/** The page a notice opens, on WeChat and in the message centre alike. */
export function pageOf(event: NotificationEvent, petitionId: string | null): string {
  if (event === 'daily_digest') return STAFF_PAGE(null);
  if (
    event === 'booking_reminder' ||
    event === 'reception_day_cancelled' ||
    event === 'reception_leader_unavailable' ||
    event === 'reception_day_changed'
  )
    return RECEPTION_PAGE();
  if (event === 'screening_overdue' || (event === 'escalation' && petitionId === null))
    return SCREENING_PAGE();
  if (event === 'suggestion_overdue') return OVERSIGHT_PAGE();
  if (event === 'assist_requested' || event === 'assist_withdrawn') return CO_HANDLING_PAGE();
  return (PETITIONER_EVENTS as readonly NotificationEvent[]).includes(event)
    ? PETITIONER_PAGE(petitionId)
    : STAFF_PAGE(petitionId);
}

export function compose(event: NotificationEvent, facts: MessageFacts): Composed {
  const w = words(event, facts);
  return {
    title: w.title,
    body: w.body.trim(),
    values: {
      number: facts.number ?? '',
      status: w.status,
      detail: w.detail,
      date: facts.date ? chineseDate(facts.date) : chineseTime(facts.at).slice(0, -6),
      time: chineseTime(facts.at),
      unit: facts.unitName ?? '',
      count: String((facts.dueSoon ?? 0) + (facts.overdue ?? 0)),
    },
    statutory: STATUTORY_EVENTS.includes(event),
    timeSensitive: TIME_SENSITIVE.includes(event),
    page: pageOf(event, facts.petitionId),
  };
}

/**
 * A booked reception day the desk changed: when and where it now is and why; or, the new slot
 * having fewer places than were booked, that the later bookings could not be kept (the earliest
 * keep theirs) and the person may book another day.
 */
function receptionChangeWords(f: MessageFacts, date: string): Words {
  const c = f.receptionChange;
  const was = c ? chineseDate(c.was) : '';
  const why = f.text ? `原因：${f.text}。` : '';
  if (c && !c.kept)
    return {
      title: '预约的领导接访已调整，预约没能保留',
      status: '预约取消',
      detail: '接访已调整，请另约',
      body: `您预约的${was}领导接访已调整到${date}。${why}调整后名额少了，按预约先后，先约的人保留，您的预约没能保留，已经取消。您可以在“领导接访日”里另选一天预约。`,
    };
  // The day changed, but not this booking's date, time, place or leader: said softly, it stands.
  if (c?.unchanged)
    return {
      title: '预约的领导接访时间不变',
      status: '时间不变',
      detail: '您的预约时间地点不变',
      body: `您预约的${was} ${c.from}-${c.to}，地点：${c.place}，时间、地点和接访领导都不变。这一天的接访安排有调整。${why}您的预约仍然有效，不用重新预约。`,
    };
  const leader = c?.leader ? `接访领导改为${c.leader}。` : '';
  return {
    title: '预约的领导接访已调整',
    status: '接访调整',
    detail: date ? `改到${date}，请按时前往` : '接访已调整，请查看',
    body: `您预约的${was}领导接访已调整，改到${date}${c ? ` ${c.from}-${c.to}，地点：${c.place}` : ''}。${leader}${why}您的预约跟着调整，不用重新预约。请在“领导接访日”里告诉我们来不来：点“按新时间来”，或“不来了，取消预约”。`,
  };
}
