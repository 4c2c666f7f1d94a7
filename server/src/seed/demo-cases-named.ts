import { DAY, type DemoCase, decisionLetter, HOUR } from './demo-case-seeder';

/** A petitioner's name with two characters of CJK Extension B (生僻字), U+20BB7 and U+2123D. */
export const DEMO_RARE_NAME = '王𠮷𡈽';

/** Cases other seeders and the tests find by title (`DEMO_CASE_TITLES`), made after the others. */
export const NAMED_CASES: DemoCase[] = [
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
        params: decisionLetter(
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
        params: decisionLetter(
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
  {
    // The first of one man's two desk records: his letter gave his son's phone (no account).
    story:
      'a letter of 周福来 written on his son’s phone, assigned to 西河煤矿: linked by the group’s desk to his visit below',
    ago: 12 * DAY,
    by: 'reception',
    registration: {
      channel: 'letter',
      petitioner: { realName: '周福来', phone: '13700000096', address: '西河镇棚户区 5 排 8 号' },
    },
    kind: 'request',
    concerned: 'JA-XH',
    categoryCode: 'housing',
    title: '棚户区改造安置房分配名单未公示',
    content: '来信反映：西河镇棚户区改造的安置房已经建好，分配名单一直没有公示，请求公开分配办法和名单。',
    steps: [
      {
        ago: 12 * DAY - 2 * HOUR,
        who: 'reception',
        type: 'assign',
        params: { unit: 'JA-XH' },
        dates: { reportBackBy: 30 },
      },
    ],
  },
  {
    // Art 18: he came himself, without a phone; the clerk found his letter and he said it was his.
    story:
      'a visit of 周福来 at the group’s desk, no phone: linked to his letter above with the clerk’s reason, shown on both',
    ago: 2 * DAY,
    by: 'reception',
    registration: {
      channel: 'visit',
      petitioner: { realName: '周福来', address: '西河镇棚户区 5 排 8 号' },
    },
    kind: 'request',
    concerned: 'JA-XH',
    categoryCode: 'housing',
    title: '再次反映棚户区安置房分配名单未公示',
    content: '来访反映：上次来信说的安置房分配名单至今没有公示，听说已经有人拿到钥匙，请求尽快公开。',
    steps: [
      {
        ago: 2 * DAY - HOUR,
        who: 'reception',
        type: 'assign',
        params: { unit: 'JA-XH' },
        dates: { reportBackBy: 30 },
      },
    ],
  },
  // 督办通报 (Art 41) of this month: two 督办单 at 西河煤矿 and an acceptance overdue there (red,
  // signed late, demo-supervision.ts); one near its date at 东山煤矿安全科 (yellow).
  {
    story: 'a 督办单 to 西河煤矿 answered a day after its date, then approved (督办通报: 逾期答复)',
    ago: 30 * DAY,
    by: 'reception',
    registration: {
      channel: 'letter',
      petitioner: { realName: '刘春华', phone: '13700000097', address: '西河镇矿工新村 20 号' },
    },
    kind: 'request',
    concerned: 'JA-XH',
    categoryCode: 'community',
    title: '机电一队更衣室冬季暖气不热',
    content: '来信反映：机电一队井口更衣室的暖气一直不热，下井前换衣服冻得发抖，多次向队里反映没有解决。',
    steps: [
      {
        ago: 30 * DAY - 2 * HOUR,
        who: 'reception',
        type: 'assign',
        params: { unit: 'JA-XH' },
        dates: { reportBackBy: 30 },
      },
      { ago: 29 * DAY, who: 'xh.head', type: 'accept' },
      {
        ago: 6 * DAY,
        who: 'supervisor',
        type: 'issue_supervision',
        params: { concern: 'delay', requirements: '受理已近一个月，请说明暖气维修进度，书面答复。' },
        dates: { dueDate: 2 },
      },
      {
        ago: 3 * DAY,
        who: 'xh.head',
        type: 'answer_supervision',
        params: {
          supervisionNo: 1,
          answer: '机电科已更换更衣室暖气循环泵，室温恢复到十八度以上，已告知来信人。',
        },
      },
      {
        ago: 2 * DAY,
        who: 'supervisor',
        type: 'review_supervision',
        params: { supervisionNo: 1, decision: 'approved' },
      },
    ],
  },
  {
    story:
      'a 督办单 to 西河煤矿 answered on time, returned once for what it left out, answered again (督办通报: 退回重答)',
    ago: 28 * DAY,
    by: 'reception',
    registration: {
      channel: 'visit',
      petitioner: { realName: '孟庆林', phone: '13700000098', address: '西河镇矿工新村 6 号' },
    },
    kind: 'request',
    concerned: 'JA-XH',
    categoryCode: 'community',
    title: '机电一队职工食堂夜班不供应热饭',
    content:
      '来访反映：机电一队职工食堂晚上八点以后就不供应热饭，夜班职工下井前只能吃冷饭，请求延长供应时间。',
    steps: [
      {
        ago: 28 * DAY - 2 * HOUR,
        who: 'reception',
        type: 'assign',
        params: { unit: 'JA-XH' },
        dates: { reportBackBy: 30 },
      },
      { ago: 27 * DAY, who: 'xh.head', type: 'accept' },
      {
        ago: 6 * DAY - 2 * HOUR,
        who: 'supervisor',
        type: 'issue_supervision',
        params: { concern: 'delay', requirements: '请说明夜班供餐安排和落实时间，书面答复。' },
        dates: { dueDate: 3 },
      },
      {
        ago: 5 * DAY,
        who: 'xh.head',
        type: 'answer_supervision',
        params: { supervisionNo: 1, answer: '已要求食堂改进夜班供餐。' },
      },
      {
        ago: 4 * DAY,
        who: 'supervisor',
        type: 'review_supervision',
        params: {
          supervisionNo: 1,
          decision: 'returned',
          note: '答复没有说明夜班热饭供应到几点、从哪天开始，请补充。',
        },
      },
      {
        ago: DAY,
        who: 'xh.head',
        type: 'answer_supervision',
        params: {
          supervisionNo: 1,
          answer: '食堂自本月十五日起夜班热饭供应到二十三点，队里已公示并告知来访人。',
        },
      },
    ],
  },
  {
    story:
      'assigned to 西河煤矿 and not accepted in time: red to its head, who signed for it days later (督办通报: 签收用时)',
    ago: 22 * DAY,
    by: 'reception',
    registration: {
      channel: 'letter',
      petitioner: { realName: '杜秀兰', phone: '13700000099', address: '西河镇运煤路 3 号' },
    },
    kind: 'request',
    concerned: 'JA-XH',
    categoryCode: 'community',
    title: '运煤车辆超载沿路撒落煤渣',
    content: '来信反映：西河镇运煤路上的运煤车辆超载，沿路撒落煤渣，雨天满路黑泥，请求矿上管一管。',
    steps: [
      {
        ago: 22 * DAY - HOUR,
        who: 'reception',
        type: 'assign',
        params: { unit: 'JA-XH' },
        dates: { reportBackBy: 30 },
      },
    ],
  },
  {
    story: 'assigned to 东山煤矿安全科 and not yet accepted, its date near: yellow (督办通报: 黄牌)',
    ago: 13 * DAY,
    by: 'reception',
    registration: {
      channel: 'letter',
      petitioner: { realName: '齐国庆', phone: '13700000100', address: '东山矿区职工宿舍 9 号楼' },
    },
    kind: 'request',
    concerned: 'JA-DS-AQK',
    categoryCode: 'safety',
    title: '综采一队井下休息硐室通风不好',
    content: '来信反映：综采一队井下休息硐室通风不好，夏天闷热，冬天潮湿，工人休息时头晕，请求改善通风。',
    steps: [
      {
        ago: 13 * DAY - HOUR,
        who: 'reception',
        type: 'assign',
        params: { unit: 'JA-DS-AQK' },
        dates: { reportBackBy: 30 },
      },
    ],
  },
];

/** The titles of the cases of this month's 督办通报 (demo-supervision.ts). */
export const DEMO_SUPERVISION_TITLES = {
  late: '机电一队更衣室冬季暖气不热',
  returned: '机电一队职工食堂夜班不供应热饭',
  red: '运煤车辆超载沿路撒落煤渣',
  yellow: '综采一队井下休息硐室通风不好',
} as const;

/** Why the group's desk linked 周福来's two records as one person's (demo tour; shown on both). */
export const DEMO_LINK_REASON = '用儿子的手机写的信，本人来访时认了';

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

/** The titles of 周福来's letter and visit, linked by the group's desk as one person's. */
export const DEMO_LINKED_TITLES = {
  letter: '棚户区改造安置房分配名单未公示',
  visit: '再次反映棚户区安置房分配名单未公示',
} as const;
