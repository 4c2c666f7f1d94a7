import { addDays, beijingDate, startOfBeijingDay } from '@xinfang/shared/clocks';
import type { CaseActionBody } from '@xinfang/shared/schemas/actions';
import type { FastifyInstance } from 'fastify';
import type { Principal, StaffPrincipal } from '../access/principal';
import { loadPrincipal } from '../access/principal.repository';
import { auditActorOf } from '../audit/audit-log';
import type { RequestContext } from '../http/request-context';
import { petitionDeps } from '../modules/petitions/petition.deps';
import { createPetitionService } from '../modules/petitions/petition.service';
import { seedDemoCancelledDay, seedDemoReceivedBooking } from './demo-aftercare';
import { demoClaims } from './demo-claims';
import { seedDemoDocumentSettings } from './demo-documents';
import { seedDemoPostedNotice } from './demo-notices';
import { seedDemoDeadLetter } from './demo-outbox';
import { seedDemoPlans, seedDemoPrevention } from './demo-oversight';
import { DEMO_PETITIONERS } from './demo-people';
import { demoPhotoUploader } from './demo-photos';
import { seedDemoPreventionWork } from './demo-prevention';
import { seedDemoChangedDay } from './demo-reception';
import { seedDemoCaseStaff } from './demo-staff';

export { DEMO_CHANGED_DAY } from './demo-reception';

/**
 * A handful of demo cases, one in each stage a new user will want to see, so that the inboxes,
 * the approvals and "my petitions" are not empty on first start. Each one is made the way the API
 * makes it — submitted or registered, then acted on through the petition service with the
 * lifecycle's checks, events, clocks and audit entries — only with each step's time in the past;
 * a registration's phone holder says 「是我的」 or 「不是我的」 through the claims' service.
 * The audit entries name the demo person who "acted" and carry the address `demo-seed`.
 */

const HOUR = 3600_000;
const DAY = 24 * HOUR;

export type Who = string; // a demo staff username, or a demo petitioner's phone

export interface Step {
  /** How long before the seeding this step happened. */
  ago: number;
  who: Who;
  type: CaseActionBody['type'];
  params?: Record<string, unknown>;
  /** Date parameters as "this many days after the step" (Beijing date; negative: before it). */
  dates?: Record<string, number>;
  /** Date-time parameters as "this many hours after the step" (an instant). */
  times?: Record<string, number>;
  /** Photos the actor uploads just before, sent as the step's `attachmentIds` (补充材料). */
  photos?: number;
}

export interface DemoCase {
  /** What a new user will find it as. */
  story: string;
  ago: number;
  /** Submitted online by this petitioner, or registered by this staff member. */
  by: Who;
  registration?: {
    channel: 'letter' | 'visit';
    petitioner: { realName: string; phone?: string; address?: string };
    /**
     * The title of an earlier case of the same list whose petitioner comes again: the desk names
     * that person, whom it knows, so that the new petition is theirs and a repeat (重信重访).
     */
    again?: string;
  };
  kind: 'suggestion' | 'accusation' | 'request';
  concerned: string;
  categoryCode: string;
  title: string;
  content: string;
  location?: string;
  headcount?: number;
  representatives?: string[];
  steps: Step[];
  /** Received on the seeding day (Beijing), whatever its hour: see `withinToday`. */
  today?: boolean;
  /** After the steps, the holder of the registered phone signs in and says whether it is theirs. */
  claim?: { ago: number; mine: boolean };
}

/** A demo case as made: its petition's id. */
export interface MadeCase {
  demo: DemoCase;
  id: string;
}

const letter = (
  outcome: string,
  request: string,
  factsAndReasons: string,
  decision: string,
  legalBasis: string,
) => ({
  request,
  factsAndReasons,
  decision,
  legalBasis,
  outcome,
});

/** A petitioner's name with two characters of CJK Extension B (生僻字), U+20BB7 and U+2123D. */
export const DEMO_RARE_NAME = '王𠮷𡈽';

export const DEMO_CASES: DemoCase[] = [
  {
    story: 'awaiting triage at 东山煤矿 (ds.reception)',
    ago: 1 * DAY + 3 * HOUR,
    by: '13900000003',
    kind: 'suggestion',
    concerned: 'JA-DS',
    categoryCode: 'environment',
    title: '建议运煤车辆夜间绕行矿区路',
    content: '运煤车辆夜里经过矿区路，噪声和扬尘很大，老人孩子睡不好。建议夜间改走北侧道路，并定时洒水。',
    location: '东山区矿区路',
    steps: [],
  },
  {
    story: 'assigned by the group to 西河煤矿安全科, to accept (xh.handler)',
    ago: 3 * DAY,
    by: 'reception',
    // A desk registers what it is told; 李娜 is asked, when she signs in, whether it is hers.
    registration: { channel: 'letter', petitioner: { realName: '李娜', phone: '13800000002' } },
    kind: 'request',
    concerned: 'JA-XH-AQK',
    categoryCode: 'safety',
    title: '机电一队配电硐室漏水，请求尽快处理',
    content: '机电一队配电硐室顶板渗水已有两周，地面积水，存在触电隐患，班组报告后一直没有处理。',
    steps: [
      {
        ago: 2 * DAY,
        who: 'reception',
        type: 'assign',
        params: { unit: 'JA-XH-AQK' },
        dates: { reportBackBy: 20 },
      },
    ],
  },
  {
    story: 'a decision letter drafted, awaiting the head’s approval (ds.head); 周涛 its 承办人 (一键移交)',
    ago: 21 * DAY,
    by: '13800000001',
    kind: 'request',
    concerned: 'JA-DS-AQK',
    categoryCode: 'safety',
    title: '综采工作面回风巷照明灯具损坏多处',
    content: '综采一队工作面回风巷有十多盏照明灯损坏，夜班行走困难，请安排更换并定期检查。',
    steps: [
      {
        ago: 20 * DAY,
        who: 'ds.reception',
        type: 'assign',
        params: { unit: 'JA-DS-AQK' },
        dates: { reportBackBy: 30 },
      },
      { ago: 19 * DAY, who: 'ds.handler', type: 'accept' },
      // 周涛 answers for three open cases of the department: ds.head may hand them all over at once.
      { ago: 19 * DAY - 3 * HOUR, who: 'ds.head', type: 'set_handler', params: { staffId: 'ds.handler' } },
      {
        ago: 12 * DAY,
        who: 'ds.handler',
        type: 'record_investigation',
        params: { summary: '现场查看回风巷照明，损坏灯具 14 盏，属实。' },
      },
      {
        ago: 12 * DAY - 2 * HOUR,
        who: 'ds.handler',
        type: 'send_message',
        params: { text: '您反映的问题已现场核实，正在安排更换。' },
      },
      {
        ago: 1 * DAY,
        who: 'ds.handler',
        type: 'draft_reply',
        params: letter(
          'support',
          '更换回风巷损坏的照明灯具并定期检查。',
          '经现场核实，回风巷照明灯具损坏 14 盏，影响夜班通行安全。',
          '三日内更换全部损坏灯具，机电队每周巡检一次照明。',
          '《煤矿安全规程》关于井下照明的规定',
        ),
      },
    ],
  },
  {
    story:
      'a collective visit, accepted; more time asked for (ds.head approves); 周涛 its 承办人, 秦川 recused',
    ago: 45 * DAY,
    by: 'ds.reception',
    registration: { channel: 'visit', petitioner: { realName: '赵磊', phone: '13800000004' } },
    kind: 'request',
    concerned: 'JA-DS-AQK',
    categoryCode: 'safety',
    title: '掘进一队作业面粉尘大，防尘口罩发放不足',
    content: '掘进一队六名职工来访反映：作业面粉尘浓度大，喷雾装置经常停用，防尘口罩每月只发两个。',
    headcount: 6,
    representatives: ['赵磊', '孙立'],
    steps: [
      {
        ago: 44 * DAY,
        who: 'ds.reception',
        type: 'assign',
        params: { unit: 'JA-DS-AQK' },
        dates: { reportBackBy: 40 },
      },
      { ago: 43 * DAY, who: 'ds.handler', type: 'accept' },
      { ago: 43 * DAY - 3 * HOUR, who: 'ds.head', type: 'set_handler', params: { staffId: 'ds.handler' } },
      // 秦川's brother works in 掘进一队 (Art 28): 一键移交 of 周涛's cases never offers him.
      {
        ago: 42 * DAY,
        who: 'ds.head',
        type: 'recuse',
        params: { staffId: 'ds.qin', reason: '其弟在掘进一队工作，与本事项有利害关系' },
      },
      {
        ago: 1 * DAY,
        who: 'ds.handler',
        type: 'request_extension',
        params: { days: 30, reason: '需委托检测机构对作业面粉尘浓度连续检测一个月' },
      },
    ],
  },
  {
    story: 'answered: 张伟 may rate it and ask for review',
    ago: 40 * DAY,
    by: '13800000001',
    kind: 'request',
    concerned: 'JA-DS-ZC-1',
    categoryCode: 'wages',
    title: '夜班补贴少发两个月',
    content: '今年八月、九月的夜班补贴每月少发三百元，队里说是系统问题，一直没有补。',
    steps: [
      { ago: 39 * DAY, who: 'ds.reception', type: 'accept' },
      {
        ago: 8 * DAY,
        who: 'ds.head',
        type: 'draft_reply',
        params: letter(
          'explain',
          '补发八月、九月少发的夜班补贴。',
          '经核对考勤和工资表，八月少发属实，九月已按出勤足额发放。',
          '补发八月夜班补贴三百元，随十一月工资发放；九月补贴无少发，已当面说明。',
          '《东山煤矿薪酬管理办法》第十二条',
        ),
      },
      { ago: 8 * DAY - HOUR, who: 'ds.head', type: 'approve_reply' },
      { ago: 7 * DAY, who: 'ds.head', type: 'issue_reply' },
      // He opened the decision letter in the app that evening: its delivery; his 30 days run from then.
      { ago: 7 * DAY - 9 * HOUR, who: '13800000001', type: 'receive_reply' },
    ],
  },
  {
    story: 'answered and rated 满意 by 王秀英',
    ago: 80 * DAY,
    by: '13900000003',
    kind: 'request',
    concerned: 'JA-DS',
    categoryCode: 'community',
    title: '矿区路 21 号门前排水沟堵塞',
    content: '门前排水沟被煤渣堵住，下雨就积水进院，请矿上派人清理。',
    steps: [
      { ago: 79 * DAY, who: 'ds.reception', type: 'accept' },
      {
        ago: 70 * DAY,
        who: 'ds.head',
        type: 'draft_reply',
        params: letter(
          'support',
          '清理门前排水沟。',
          '经查看，排水沟被运煤撒落的煤渣堵塞。',
          '已派后勤队清理，并在路口加装挡渣板。',
          '《东山煤矿矿区环境管理规定》',
        ),
      },
      { ago: 70 * DAY - HOUR, who: 'ds.head', type: 'approve_reply' },
      { ago: 69 * DAY, who: 'ds.head', type: 'issue_reply' },
      // Posted the day it was issued; the office records the day the postal receipt shows.
      {
        ago: 67 * DAY,
        who: 'ds.reception',
        type: 'record_delivery',
        params: { method: 'post' },
        dates: { postedOn: -2, deliveredOn: 0 },
      },
      { ago: 66 * DAY, who: '13900000003', type: 'rate', params: { rating: 'satisfied' } },
    ],
  },
  {
    story: 'answered, waiting to be delivered (ds.reception’s 待送达 list; 李娜 may open it)',
    ago: 30 * DAY,
    by: '13800000002',
    kind: 'request',
    concerned: 'JA-DS-RLK',
    categoryCode: 'wages',
    title: '工伤认定材料迟迟未报送',
    content: '去年十月在井下受伤，单位至今没有把工伤认定材料报送人社部门，耽误了认定。',
    steps: [
      { ago: 29 * DAY, who: 'ds.reception', type: 'accept' },
      {
        ago: 5 * DAY,
        who: 'ds.head',
        type: 'draft_reply',
        params: letter(
          'support',
          '尽快报送工伤认定材料。',
          '经查，人力资源科因材料不全未及时报送，现已补齐。',
          '三个工作日内向人社部门报送工伤认定申请，并告知本人进度。',
          '《工伤保险条例》第十七条',
        ),
      },
      { ago: 5 * DAY - HOUR, who: 'ds.head', type: 'approve_reply' },
      { ago: 4 * DAY, who: 'ds.head', type: 'issue_reply' },
    ],
  },
  {
    story:
      'past its 60 days at 东山煤矿, under a 督办单 left unanswered (supervisor’s 督办 list; escalated), owned by the leader (包案) and the source of an adopted 改进建议',
    ago: 75 * DAY,
    by: '13900000003',
    kind: 'request',
    concerned: 'JA-DS',
    categoryCode: 'wages',
    title: '井下艰苦岗位津贴标准调整后未执行',
    content: '今年一月矿上公布提高井下艰苦岗位津贴，到现在工资条上还是按老标准发，请求按新标准补发。',
    steps: [
      { ago: 74 * DAY, who: 'ds.reception', type: 'accept' },
      {
        ago: 9 * DAY,
        who: 'supervisor',
        type: 'issue_supervision',
        params: { concern: 'delay', requirements: '该事项已超过办理期限，请说明原因和办理进度，书面答复。' },
        dates: { dueDate: 5 },
      },
      {
        ago: 8 * DAY,
        who: 'leader',
        type: 'take_case',
        params: {
          plan: '人力资源科本周内核对一月以来的工资表，差额随下月工资补发；矿长约谈信访人说明原因。',
        },
      },
    ],
  },
  {
    story: 'met on the leader’s 下访 to 东山煤矿 and registered there as a visit (下访 list)',
    ago: 6 * DAY,
    by: 'reception',
    registration: { channel: 'visit', petitioner: { realName: '张伟', phone: '13800000001' } },
    kind: 'request',
    concerned: 'JA-DS',
    categoryCode: 'other',
    title: '综采一队井口浴室冬季热水供应不足',
    content:
      '下访座谈时职工反映：综采一队井口浴室冬季热水供应时间短，夜班下井回来经常没有热水，请求延长供应时间。',
    steps: [
      {
        ago: 6 * DAY - HOUR,
        who: 'reception',
        type: 'assign',
        params: { unit: 'JA-DS' },
        dates: { reportBackBy: 30 },
      },
    ],
  },
  {
    story: 'forwarded by 东山煤矿 to the district’s labour office, its outcome awaited (Art 22)',
    ago: 10 * DAY,
    by: '13800000001',
    kind: 'request',
    concerned: 'JA-DS',
    categoryCode: 'social_insurance',
    title: '劳务派遣期间失业保险未缴纳',
    content: '二〇二三年劳务派遣期间，派遣公司没有为我缴纳失业保险，现在无法领取失业保险金。',
    steps: [
      {
        ago: 9 * DAY,
        who: 'ds.reception',
        type: 'forward',
        params: {
          recipientOrgan: '东山区人力资源和社会保障局',
          reason: '社会保险费的征缴和查处属人力资源和社会保障部门的法定职责。',
        },
      },
    ],
  },
  {
    story:
      'an accusation about 东山煤矿 written down at its own desk, handed up to the group (reception, Art 30)',
    ago: 2 * DAY,
    by: 'ds.reception',
    registration: { channel: 'letter', petitioner: { realName: '刘大山', phone: '13700000009' } },
    kind: 'accusation',
    concerned: 'JA-DS',
    categoryCode: 'cadre_conduct',
    title: '矿领导班子违规发放高温津贴',
    content: '今年夏天，矿领导班子违规给自己发放高温津贴，一线职工一分没有。请上级查处。',
    steps: [],
  },
  {
    story:
      'co-handled (Art 24): 周涛 answers for it; 西河煤矿安全科 answered its part, 人力资源科’s is overdue (ds.head’s 协办)',
    ago: 10 * DAY,
    by: '13800000001',
    kind: 'request',
    concerned: 'JA-DS-AQK',
    categoryCode: 'wages',
    title: '借调西河煤矿期间的井下津贴没有发',
    content: '今年七月到九月我被借调到西河煤矿综采队，井下津贴两边都说不归自己发，三个月一直没有拿到。',
    steps: [
      {
        ago: 9 * DAY,
        who: 'ds.reception',
        type: 'assign',
        params: { unit: 'JA-DS-AQK' },
        dates: { reportBackBy: 30 },
      },
      { ago: 9 * DAY - 2 * HOUR, who: 'ds.handler', type: 'accept' },
      { ago: 8 * DAY, who: 'ds.head', type: 'set_handler', params: { staffId: 'ds.handler' } },
      {
        ago: 7 * DAY,
        who: 'ds.handler',
        type: 'request_assist',
        params: { unit: 'JA-XH-AQK', part: '请核实张伟七月至九月在西河煤矿的下井记录。' },
        dates: { dueDate: 4 },
      },
      {
        ago: 7 * DAY - HOUR,
        who: 'ds.handler',
        type: 'request_assist',
        params: { unit: 'JA-DS-RLK', part: '请说明借调期间井下津贴按规定应由哪个单位发放。' },
        dates: { dueDate: 5 },
      },
      // His payslip, sent from the app with a message: materials added while it is handled.
      {
        ago: 6 * DAY,
        who: '13800000001',
        type: 'petitioner_message',
        params: { text: '补充工资条照片：七月到九月的井下津贴一栏都是空的。' },
        photos: 1,
      },
      {
        ago: 4 * DAY,
        who: 'xh.handler',
        type: 'answer_assist',
        params: { assistNo: 1, answer: '经核实，张伟七月至九月在西河煤矿综采一队下井 68 个班，记录附后。' },
      },
    ],
  },
  {
    story: 'a suggestion rated 不满意 by 王秀英: ds.head’s re-handling decision is overdue (重新办理 list)',
    ago: 45 * DAY,
    by: '13900000003',
    kind: 'suggestion',
    concerned: 'JA-DS',
    categoryCode: 'management_suggestion',
    title: '建议井口候车室冬季供暖',
    content: '井口候车室冬天没有暖气，夜班工人候车时很冷，建议加装暖气或空调。',
    steps: [
      { ago: 44 * DAY, who: 'ds.reception', type: 'accept' },
      {
        ago: 25 * DAY,
        who: 'ds.head',
        type: 'draft_reply',
        params: letter(
          'partly_adopted',
          '井口候车室冬季供暖。',
          '候车室确无供暖设施；整体改造需列入明年预算。',
          '今冬先配置两台电暖器，明年结合井口改造加装暖气。',
          '《东山煤矿职工生活设施管理办法》',
        ),
      },
      { ago: 25 * DAY - HOUR, who: 'ds.head', type: 'approve_reply' },
      { ago: 24 * DAY, who: 'ds.head', type: 'issue_reply' },
      { ago: 24 * DAY - 8 * HOUR, who: '13900000003', type: 'receive_reply' },
      // A suggestion's answer cannot be appealed: the head decides whether to handle it again.
      { ago: 23 * DAY, who: '13900000003', type: 'rate', params: { rating: 'unsatisfied' } },
    ],
  },
  // The same matter brought three times by 李娜 (重信重访 register; its plan in demo-oversight.ts).
  ...[40, 25, 10].map(
    (days, i): DemoCase => ({
      story: `李娜’s ${['first', 'second', 'third'][i]} petition on one matter, at 西河煤矿 (repeat register)`,
      ago: days * DAY,
      by: '13800000002',
      kind: 'request',
      concerned: 'JA-XH-JD-1',
      categoryCode: 'wages',
      title: `${i === 0 ? '' : '再次'}反映机电一队夜班加班费少算`,
      content: `机电一队去年十二月以来的夜班加班费每月少算两个班，找过队里${i + 1}次，答复说要等矿上核对，请求尽快核实补发。`,
      steps: [],
    }),
  ),
  {
    // Last of the cases, so that none of the others' numbers moves.
    story:
      'answered by 东山煤矿安全科; 王秀英 contested it by letter, which ds.reception recorded as a review (复查) for ds.head, from the day it arrived',
    ago: 50 * DAY,
    by: '13900000003',
    kind: 'request',
    concerned: 'JA-DS-AQK',
    categoryCode: 'safety',
    title: '矿区路北侧废弃井口没有围挡',
    content:
      '矿区路北侧有一处废弃的旧井口，只用几块木板盖着，周围没有围挡，孩子们常在旁边玩，请求封堵并设置围挡。',
    location: '东山区矿区路北侧',
    steps: [
      {
        ago: 49 * DAY,
        who: 'ds.reception',
        type: 'assign',
        params: { unit: 'JA-DS-AQK' },
        dates: { reportBackBy: 30 },
      },
      { ago: 48 * DAY, who: 'ds.handler', type: 'accept' },
      {
        ago: 20 * DAY,
        who: 'ds.handler',
        type: 'draft_reply',
        params: letter(
          'explain',
          '封堵矿区路北侧废弃井口并设置围挡。',
          '经现场查看，该井口已按规定封闭回填，表面木板为后来堆放的杂物。',
          '已清理井口杂物并设立警示牌；井口已封闭回填，暂不另设围挡。',
          '《煤矿安全规程》关于报废井筒封闭的规定',
        ),
      },
      { ago: 20 * DAY - HOUR, who: 'ds.head', type: 'approve_reply' },
      { ago: 19 * DAY, who: 'ds.handler', type: 'issue_reply' },
      { ago: 19 * DAY - 9 * HOUR, who: '13900000003', type: 'receive_reply' },
      // Not in the app: she wrote to 东山煤矿, the unit above the section (Art 17, 35). The desk
      // records the letter the next day; the review's 30 days run from the day it arrived.
      {
        ago: 5 * DAY,
        who: 'ds.reception',
        type: 'record_review_request',
        params: {
          channel: 'letter',
          reason: '来信称：警示牌挡不住孩子，井口周边地面已有下沉，请求设置围挡。',
        },
        dates: { receivedOn: -1 },
      },
    ],
  },
  {
    // After the case above, so that none of the others' numbers moves.
    story: 'a suggestion adopted by 东山煤矿, whose petitioner ds.head commended (通报表扬, Art 29)',
    ago: 60 * DAY,
    by: '13900000003',
    kind: 'suggestion',
    concerned: 'JA-DS',
    categoryCode: 'management_suggestion',
    title: '建议在井口增设班前安全提示屏',
    content: '井口交接班时人多嘈杂，安全注意事项口头讲听不清，建议在井口装一块屏幕滚动播放当班安全提示。',
    steps: [
      { ago: 59 * DAY, who: 'ds.reception', type: 'accept' },
      {
        ago: 40 * DAY,
        who: 'ds.head',
        type: 'draft_reply',
        params: letter(
          'adopted',
          '井口增设班前安全提示屏。',
          '井口交接班时口头提示效果差，建议切实可行，有利于安全生产。',
          '采纳该建议，已在主副井口各安装一块安全提示屏，由调度室每班更新内容。',
          '《东山煤矿合理化建议管理办法》',
        ),
      },
      { ago: 40 * DAY - HOUR, who: 'ds.head', type: 'approve_reply' },
      { ago: 39 * DAY, who: 'ds.head', type: 'issue_reply' },
      { ago: 39 * DAY - 8 * HOUR, who: '13900000003', type: 'receive_reply' },
      { ago: 38 * DAY, who: '13900000003', type: 'rate', params: { rating: 'satisfied' } },
      // Art 29: an adopted suggestion that helped the work is rewarded under the mine's own rules.
      {
        ago: 30 * DAY,
        who: 'ds.head',
        type: 'record_reward',
        params: { reward: 'commendation', description: '在全矿安全生产例会上通报表扬，并颁发合理化建议证书' },
      },
    ],
  },
  {
    // After the cases above, so that none of the others' numbers moves. Hours old and of the
    // seeding day, so that this month's figures show a 集体访 and a 越级访 with the cases behind
    // them in the ledger.
    story:
      'a collective visit from 综采二队 that went past 东山煤矿 to the group today (集体访, 越级访), assigned down to the mine (ds.reception accepts)',
    ago: 2 * HOUR,
    by: 'reception',
    registration: { channel: 'visit', petitioner: { realName: '马志刚', phone: '13700000016' } },
    kind: 'request',
    concerned: 'JA-DS-ZC-2',
    categoryCode: 'wages',
    title: '综采二队检修期间工资按停产标准发放',
    content:
      '综采二队八名职工来集团信访接待室反映：上月工作面停产检修，队里照常安排大家下井检修，工资却按停产最低标准发放。队里说要等矿上研究，大家等不及，直接来集团反映。',
    headcount: 8,
    // Art 20: a group elects its representatives, at most five.
    representatives: ['马志刚', '韩永胜'],
    steps: [
      // The matter is the mine's to handle first: the group's desk assigns it down (Art 22).
      {
        ago: HOUR,
        who: 'reception',
        type: 'assign',
        params: { unit: 'JA-DS' },
        dates: { reportBackBy: 30 },
      },
    ],
    today: true,
  },
  {
    // After the cases above, so that none of the others' numbers moves (as for the three below).
    // He gave his son's phone; the son, signing in with it and holding the receipt, said 「是我的」.
    story:
      'a visit of 郑春生 that the holder of the phone he gave claimed in the app: ds.reception finds 认领情况 with 认领有误 to undo it',
    ago: 3 * DAY,
    by: 'ds.reception',
    registration: {
      channel: 'visit',
      petitioner: { realName: '郑春生', phone: '13700000078', address: '东山区矿工路 12 号' },
    },
    kind: 'request',
    concerned: 'JA-DS',
    categoryCode: 'housing',
    title: '矿工路老宿舍楼外墙砖块脱落',
    content:
      '来访反映：矿工路 12 号老宿舍楼外墙砖块脱落，楼下是职工上下班的必经之路，担心砸伤人，请求尽快维修。',
    steps: [{ ago: 3 * DAY - 2 * HOUR, who: 'ds.reception', type: 'accept' }],
    claim: { ago: 2 * DAY, mine: true },
  },
  {
    story:
      'a letter accepted by 东山煤矿 whose acceptance SMS the provider refused after every try (未送达的法定告知: 短信发送失败; the outbox’s dead letter)',
    ago: 6 * DAY,
    by: 'ds.reception',
    registration: {
      channel: 'letter',
      petitioner: { realName: '孙桂兰', phone: '13700000081', address: '东山区矿区路 35 号' },
    },
    kind: 'request',
    concerned: 'JA-DS',
    categoryCode: 'community',
    title: '矿区路 35 号楼下水管道堵塞外溢',
    content:
      '来信反映：矿区路 35 号楼下的下水管道经常堵塞，污水漫到路面，多次找物业都没有解决，请求矿上协调疏通。',
    steps: [{ ago: 5 * DAY, who: 'ds.reception', type: 'accept' }],
  },
  {
    // The clerk took the phone down wrong: its holder said 「不是我的」, which withdrew the SMS.
    story:
      'a visit accepted by 东山煤矿 whose registered phone’s holder said 「不是我的」 (未送达的法定告知: its SMS withdrawn; the desk told)',
    ago: 4 * DAY,
    by: 'ds.reception',
    registration: {
      channel: 'visit',
      petitioner: { realName: '吴德明', phone: '13700000082', address: '东山矿区职工宿舍 7 号楼' },
    },
    kind: 'request',
    concerned: 'JA-DS-RLK',
    categoryCode: 'social_insurance',
    title: '退休前工龄认定少算三年',
    content: '来访反映：办理退休时，一九九〇年至一九九三年在矿上当合同工的三年没有计入工龄，请求核实认定。',
    steps: [{ ago: 3 * DAY, who: 'ds.reception', type: 'accept' }],
    claim: { ago: 2 * DAY, mine: false },
  },
  {
    story:
      'a letter with an address and no phone, accepted by 东山煤矿: its acceptance notice went by registered post, recorded (not on the 未送达 list)',
    ago: 9 * DAY,
    by: 'ds.reception',
    registration: { channel: 'letter', petitioner: { realName: '钱玉芬', address: '东山区新村路 8 号' } },
    kind: 'request',
    concerned: 'JA-DS',
    categoryCode: 'community',
    title: '新村路口冬季积水结冰',
    content: '来信反映：新村路口地势低，下雪后积水结冰，老人上下班摔倒过好几次，请求加铺防滑垫并疏通排水。',
    steps: [{ ago: 8 * DAY, who: 'ds.reception', type: 'accept' }],
  },
  {
    // 𠮷 and 𡈽 are of CJK Extension B, which the body font lacks: his 受理告知书 prints his name
    // whole with the fallback font (documents/pdf/fallback.ts).
    story: 'a letter of 王𠮷𡈽, accepted by 东山煤矿: his 受理告知书 prints the rare characters of his name',
    ago: 7 * DAY,
    by: 'ds.reception',
    registration: {
      channel: 'letter',
      petitioner: { realName: DEMO_RARE_NAME, phone: '13700000091', address: '东山区矿区路 17 号' },
    },
    kind: 'request',
    concerned: 'JA-DS',
    categoryCode: 'housing',
    title: '矿区路 17 号平房屋顶塌陷',
    content: '来信反映：矿区路 17 号平房是矿上分的老房子，上月大雨后屋顶塌了一角，请求矿上派人维修。',
    steps: [{ ago: 6 * DAY, who: 'ds.reception', type: 'accept' }],
  },
  {
    // Art 18: the leader took it, then changed post and handed it back himself (交出包案).
    story:
      'a case the leader took and then handed back on changing post: first on 待包案 for ds.head and head, with who, when and why',
    ago: 20 * DAY,
    by: 'ds.reception',
    registration: {
      channel: 'visit',
      petitioner: { realName: '何建军', phone: '13700000093', address: '东山区矿工新村 3 号楼' },
    },
    kind: 'request',
    concerned: 'JA-DS',
    categoryCode: 'safety',
    title: '主井提升机检修后仍有异响',
    content:
      '来访反映：主井提升机上月大修后运行时仍有异常响声，工人上下井心里不踏实，请求请专业机构检测并公布结果。',
    steps: [
      { ago: 19 * DAY, who: 'ds.reception', type: 'accept' },
      {
        ago: 15 * DAY,
        who: 'leader',
        type: 'take_case',
        params: { plan: '机电科联系省安科院检测提升机，检测结果在井口公示；矿长向来访人当面说明。' },
      },
      {
        ago: 2 * DAY,
        who: 'leader',
        type: 'release_case',
        params: { reason: '调任新岗位，不再分管安全生产，请新分管领导接手包案。' },
      },
    ],
  },
  {
    // Art 36: a re-examination's answer is not counted while its hearing is awaited.
    story:
      'a request 张伟 took to review and to re-examination: the group scheduled a hearing six days ago, so its answer’s clock stands still (听证中)',
    ago: 75 * DAY,
    by: '13800000001',
    kind: 'request',
    concerned: 'JA-DS-AQK',
    categoryCode: 'wages',
    title: '夜班井下作业未按规定发放夜班津贴',
    content: '综采一队去年九月起夜班下井，夜班津贴一直按地面标准发放，请求按井下标准补发差额。',
    steps: [
      {
        ago: 74 * DAY,
        who: 'ds.reception',
        type: 'assign',
        params: { unit: 'JA-DS-AQK' },
        dates: { reportBackBy: 30 },
      },
      { ago: 73 * DAY, who: 'ds.handler', type: 'accept' },
      {
        ago: 55 * DAY,
        who: 'ds.handler',
        type: 'draft_reply',
        params: letter(
          'explain',
          '按井下标准补发夜班津贴差额。',
          '经核对考勤，综采一队夜班人员有部分时间在地面检修，按实际下井班次计发。',
          '按考勤记录核定的下井班次补发差额，地面检修班次不予补发。',
          '《东山煤矿井下津贴发放办法》',
        ),
      },
      { ago: 55 * DAY - HOUR, who: 'ds.head', type: 'approve_reply' },
      { ago: 54 * DAY, who: 'ds.handler', type: 'issue_reply' },
      { ago: 54 * DAY - 8 * HOUR, who: '13800000001', type: 'receive_reply' },
      {
        ago: 45 * DAY,
        who: '13800000001',
        type: 'request_review',
        params: { reason: '检修也是在井下，考勤表记错了班次，请求复查。' },
      },
      {
        ago: 30 * DAY,
        who: 'ds.head',
        type: 'draft_reply',
        params: letter(
          'explain',
          '复查夜班津贴的核定。',
          '复查调取了井口人员定位记录，与考勤记录一致。',
          '维持原处理意见。',
          '《信访工作条例》第三十五条',
        ),
      },
      { ago: 30 * DAY - HOUR, who: 'ds.head', type: 'approve_reply' },
      { ago: 29 * DAY, who: 'ds.head', type: 'issue_reply' },
      { ago: 29 * DAY - 6 * HOUR, who: '13800000001', type: 'receive_reply' },
      {
        ago: 20 * DAY,
        who: '13800000001',
        type: 'request_re_examination',
        params: { reason: '人员定位记录不全，请求复核，当面说清楚。' },
      },
      {
        ago: 6 * DAY,
        who: 'head',
        type: 'schedule_hearing',
        params: { place: '集团信访办会议室' },
        times: { scheduledFor: 7 * 24 },
      },
    ],
  },
];

/**
 * The titles of the cases of a wrong claim, of acceptance notices unreached or posted, of a rare
 * name, of a 包案 handed back, of a re-examination awaiting its hearing.
 */
export const DEMO_CASE_TITLES = {
  wrongClaim: '矿工路老宿舍楼外墙砖块脱落',
  smsDead: '矿区路 35 号楼下水管道堵塞外溢',
  disowned: '退休前工龄认定少算三年',
  posted: '新村路口冬季积水结冰',
  rareName: '矿区路 17 号平房屋顶塌陷',
  released: '主井提升机检修后仍有异响',
  hearing: '夜班井下作业未按规定发放夜班津贴',
} as const;

/**
 * A case of the seeding day keeps its times within that day (Beijing), whatever the hour: before
 * its hours have gone by (seeded at 01:00, say) they shrink to fit the time since midnight, in
 * their order, so that "this month" and "today" hold it even on the first of a month.
 */
export function withinToday(demo: DemoCase, now: Date): DemoCase {
  if (!demo.today) return demo;
  const sinceMidnight = now.getTime() - Date.parse(startOfBeijingDay(beijingDate(now.toISOString())));
  const scale = Math.min(1, sinceMidnight / (demo.ago + 1));
  const fit = (ago: number) => Math.floor(ago * scale);
  return { ...demo, ago: fit(demo.ago), steps: demo.steps.map((step) => ({ ...step, ago: fit(step.ago) })) };
}

/** Makes the demo cases, oldest step first within each case; `now` is when the demo starts. */
export async function seedDemoCases(app: FastifyInstance, now: Date = new Date()): Promise<number> {
  await seedDemoCaseStaff(app, now);
  const seeder = await caseSeeder(app, now);
  const oldest = Math.max(...DEMO_CASES.map((c) => c.ago));
  const setUp = seeder.contextAt('admin', oldest + DAY);
  await seedDemoDocumentSettings(app, setUp.actor, seeder.principal('admin').id, setUp.now);
  const made = await seeder.seed(DEMO_CASES, 'demo-case');
  const idOf = (title: string) => made.find((m) => m.demo.title === title)?.id as string;
  await seedDemoDeadLetter(app.db, idOf(DEMO_CASE_TITLES.smsDead), now, app.config.notifications.maxAttempts);
  await seedDemoPostedNotice(app, seeder, idOf(DEMO_CASE_TITLES.posted), now);
  const planned = seeder.contextAt('ds.head', HOUR);
  await seedDemoPlans(app, planned.actor, seeder.principal('ds.head').id, planned.now);
  await seedDemoPrevention(
    app,
    planned.actor,
    {
      liaisonId: seeder.principal('ds.liaison').id,
      xhHeadId: seeder.principal('xh.head').id,
      receptionId: seeder.principal('reception').id,
      leaderId: seeder.principal('leader').id,
    },
    planned.now,
  );
  await seedDemoReceivedBooking(app, seeder, now);
  await seedDemoCancelledDay(app, seeder, now);
  await seedDemoChangedDay(app, seeder, now);
  await seedDemoPreventionWork(
    app,
    planned.actor,
    {
      supervisorId: seeder.principal('supervisor').id,
      dsHeadId: seeder.principal('ds.head').id,
      leaderId: seeder.principal('leader').id,
      receptionId: seeder.principal('reception').id,
    },
    planned.now,
  );
  return DEMO_CASES.length;
}

/**
 * Makes cases the way the API does, each step at its time before `now` — the demo cases, and the
 * demo's history (demo-history.ts). A case declined on arrival (the same matter already pending or
 * final) takes no further steps, as in life.
 */
export async function caseSeeder(app: FastifyInstance, now: Date) {
  const service = createPetitionService(petitionDeps(app));
  const uploadPhoto = demoPhotoUploader(app);
  const claim = demoClaims(app);
  const principals = await demoPrincipals(app);
  const principal = (who: Who): Principal => {
    const found = principals.get(who);
    if (!found) throw new Error(`demo cases name an unknown person ${who}`);
    return found;
  };
  const units = new Map(
    (await app.db.selectFrom('org_unit').select(['id', 'code']).execute()).map((u) => [u.code, u.id]),
  );
  const unitId = (code: string) => {
    const id = units.get(code);
    if (!id) throw new Error(`demo cases name an unknown unit ${code}`);
    return id;
  };
  const contextAt = (who: Who, ago: number): RequestContext => {
    const p = principal(who);
    return {
      principal: p,
      actor: auditActorOf(p, 'demo-seed', null),
      ip: 'demo-seed',
      now: new Date(now.getTime() - ago),
    };
  };

  async function seed(cases: readonly DemoCase[], keyPrefix: string): Promise<MadeCase[]> {
    const made: MadeCase[] = [];
    for (const [index, listed] of cases.entries()) {
      const demo = withinToday(listed, now);
      const content = {
        kind: demo.kind,
        concernedUnitId: unitId(demo.concerned),
        categoryCode: demo.categoryCode,
        title: demo.title,
        content: demo.content,
        ...(demo.location ? { location: demo.location } : {}),
        ...(demo.headcount ? { headcount: demo.headcount, representatives: demo.representatives } : {}),
      };
      const context = contextAt(demo.by, demo.ago);
      const idem = { scope: 'demo-seed', key: `${keyPrefix}-${index + 1}`, requestHash: demo.title };
      const again = demo.registration?.again;
      const { body } = demo.registration
        ? await service.registerOffline(
            context,
            principal(demo.by) as StaffPrincipal,
            {
              ...content,
              channel: demo.registration.channel,
              receivedAt: context.now.toISOString(),
              petitioner: again ? { id: await petitionerOf(made, again) } : demo.registration.petitioner,
            },
            idem,
          )
        : await service.submit(context, principal(demo.by).id, content, idem);
      // The desk's receipt carries the query code its petitioner types to say 「是我的」; the demo
      // has no paper, so the log shows it for those who can sign in (development data only:
      // production refuses the seed).
      if (demo.registration && DEMO_PETITIONERS.some((p) => p.phone === demo.registration?.petitioner.phone))
        app.log.info(
          `演示数据：${demo.registration.petitioner.realName}的${body.petition.number}，回执查询码 ${body.queryCode}`,
        );
      const { id } = body.petition;
      made.push({ demo: listed, id });
      if (body.petition.state === 'declined') continue;
      let version = body.petition.version;
      for (const [stepIndex, step] of demo.steps.entries()) {
        const at = contextAt(step.who, step.ago);
        const params: Record<string, unknown> = { ...step.params };
        if (step.photos) {
          const key = `${keyPrefix}-${index + 1}-step-${stepIndex + 1}-photo`;
          const ids: string[] = [];
          for (let n = 1; n <= step.photos; n++)
            ids.push(await uploadPhoto(at, principal(step.who), `${key}-${n}`));
          params.attachmentIds = ids;
        }
        if (typeof params.unit === 'string') params.unit = unitId(params.unit);
        if (typeof params.staffId === 'string') params.staffId = principal(params.staffId).id;
        for (const [name, days] of Object.entries(step.dates ?? {}))
          params[name] = addDays(beijingDate(at.now.toISOString()), days);
        for (const [name, hours] of Object.entries(step.times ?? {}))
          params[name] = new Date(at.now.getTime() + hours * HOUR).toISOString();
        const detail = await service
          .act(at, principal(step.who), id, {
            type: step.type,
            params,
            version,
          } as CaseActionBody & { version: number })
          .catch((error: unknown) => {
            throw new Error(`demo case "${demo.story}": ${step.type} by ${step.who} failed`, {
              cause: error,
            });
          });
        version = detail.version;
      }
      const phone = demo.registration?.petitioner.phone;
      if (demo.claim && phone) {
        const at = new Date(now.getTime() - demo.claim.ago);
        await claim(at, phone, id, { mine: demo.claim.mine, queryCode: body.queryCode });
      }
    }
    return made;
  }

  /** The petitioner of the case made earlier under this title. */
  async function petitionerOf(made: readonly MadeCase[], title: string): Promise<string> {
    const earlier = made.find((m) => m.demo.title === title);
    if (!earlier) throw new Error(`demo cases name an earlier case that was not made: ${title}`);
    const row = await app.db
      .selectFrom('petition')
      .select('petitioner_id')
      .where('id', '=', earlier.id)
      .executeTakeFirstOrThrow();
    return row.petitioner_id;
  }

  return { principal, contextAt, seed };
}

/** The demo's staff by username and its petitioners by phone, as the routes would load them. */
async function demoPrincipals(app: FastifyInstance): Promise<Map<Who, Principal>> {
  const found = new Map<Who, Principal>();
  const staff = await app.db.selectFrom('staff_account').select(['id', 'username']).execute();
  for (const row of staff) {
    const p = await loadPrincipal(app.db, 'staff', row.id);
    if (p) found.set(row.username, p);
  }
  const byHash = new Map(DEMO_PETITIONERS.map(({ phone }) => [app.pii.lookupHash('phone', phone), phone]));
  const petitioners = await app.db
    .selectFrom('petitioner_account')
    .select(['id', 'phone_hash'])
    .where('phone_hash', 'in', [...byHash.keys()])
    .execute();
  for (const row of petitioners) {
    const phone = row.phone_hash ? byHash.get(row.phone_hash) : undefined;
    if (phone) found.set(phone, { kind: 'petitioner', id: row.id });
  }
  return found;
}
