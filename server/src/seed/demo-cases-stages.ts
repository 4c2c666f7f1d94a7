import { DAY, type DemoCase, decisionLetter, HOUR } from './demo-case-seeder';

/** The cases a new user meets first: one in each stage, repeats, a commendation, a visit. */
export const STAGE_CASES: DemoCase[] = [
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
        params: decisionLetter(
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
        params: decisionLetter(
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
        params: decisionLetter(
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
        params: decisionLetter(
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
        params: decisionLetter(
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
        params: decisionLetter(
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
        params: decisionLetter(
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
];
