import type { DemoCase, Step } from './demo-case-seeder';

/**
 * 西河煤矿's past year, beside 东山煤矿's (demo-history.ts), so that 各单位对比 and the reports'
 * 附表 set two different mines side by side: fewer petitions, but answers often past their 60 days
 * (Art 34) and two still owed, slower triage, a lower satisfaction, two people who came back with
 * the same matter (重信重访) and one group visit (集体访). Written out case by case, not drawn: the
 * mine has no desk clerk in the demo, so the group's `reception` registers and routes its letters
 * and visits and triages 李娜's online petitions; `xh.handler` answers for 安全科 and `xh.head` for
 * the rest, and approves every answer.
 */

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const LINA = '13800000002';

type Rating = 'satisfied' | 'basically_satisfied' | 'unsatisfied';

interface Matter {
  /** Days before the seeding it arrived. */
  received: number;
  channel: 'online' | 'letter' | 'visit';
  /** Who wrote or came (the desk's registration); online petitions are 李娜's. */
  person?: { realName: string; phone: string };
  /** The title of an earlier matter whose petitioner comes again: the desk names them (重信重访). */
  again?: string;
  kind?: 'request' | 'suggestion';
  concerned: 'JA-XH' | 'JA-XH-AQK' | 'JA-XH-ZC-1' | 'JA-XH-JD-1';
  category: string;
  title: string;
  content: string;
  headcount?: number;
  representatives?: string[];
  /** Days from arrival to the desk's decision (Art 22: within 15). */
  triage: number;
  /** Days from acceptance to the answer issued (Art 34: within 60); null: still owed. */
  answered: number | null;
  answer?: { outcome: string; request: string; facts: string; decision: string; basis: string };
  /** 李娜's rating of an answer she opened in the app. */
  rating?: Rating;
  /** Why the head did not handle again a suggestion she rated unsatisfied, and what she was told. */
  notAgain?: { reason: string; toPetitioner: string };
}

const MATTERS: readonly Matter[] = [
  {
    received: 400,
    channel: 'letter',
    person: { realName: '王建军', phone: '13700000051' },
    concerned: 'JA-XH',
    category: 'housing',
    title: '矿工新村单身宿舍冬季暖气不热',
    content: '来信反映：矿工新村 5 号单身宿舍楼入冬以来暖气一直不热，屋里只有十度左右，下夜班回来没法休息。',
    triage: 3,
    answered: 78,
    answer: {
      outcome: 'explain',
      request: '解决单身宿舍暖气不热的问题。',
      facts: '经测温，5 号楼末端房间室温偏低，主要是供暖管网老化、流量不足。',
      decision: '已对楼内管道放气冲洗；管网改造需列入明年计划，先给末端房间配发电暖器。',
      basis: '《西河煤矿职工宿舍管理办法》',
    },
  },
  {
    received: 380,
    channel: 'online',
    concerned: 'JA-XH-AQK',
    category: 'safety',
    title: '机电硐室绝缘手套和绝缘靴超期未换',
    content: '井下中央变电所的绝缘手套和绝缘靴已经过了检验期，班组上报两次都没有换，停送电操作时心里不踏实。',
    triage: 2,
    answered: 40,
    answer: {
      outcome: 'support',
      request: '更换超期的绝缘手套和绝缘靴。',
      facts: '经查，中央变电所绝缘用具检验已超期一个月，情况属实。',
      decision: '已全部更换并送检，安全科每季度核查一次绝缘用具检验日期。',
      basis: '《煤矿安全规程》关于电气安全用具的规定',
    },
    rating: 'satisfied',
  },
  {
    received: 360,
    channel: 'visit',
    person: { realName: '刘福生', phone: '13700000052' },
    concerned: 'JA-XH',
    category: 'wages',
    title: '井下夜班餐补标准多年未调整',
    content: '来访反映：井下夜班餐补还是每班十元，五六年没有调过，现在一份饭都买不到，请求提高标准。',
    triage: 5,
    answered: 70,
    answer: {
      outcome: 'explain',
      request: '提高井下夜班餐补标准。',
      facts: '夜班餐补标准由矿职工代表大会确定，调整需经职代会审议。',
      decision: '已将提高餐补的意见提交下次职代会审议，审议前按现行标准发放。',
      basis: '《西河煤矿薪酬管理办法》',
    },
  },
  {
    received: 345,
    channel: 'letter',
    person: { realName: '高桂芳', phone: '13700000053' },
    concerned: 'JA-XH-ZC-1',
    category: 'wages',
    title: '综采一队班组长扣减出勤天数',
    content: '来信反映：综采一队班组长以“迟到”为由，每月扣我丈夫两三个出勤，考勤表上没有签字，请求核查。',
    // Two weeks passed before the desk sent it on: past the 15 days of Art 22.
    triage: 20,
    answered: 50,
    answer: {
      outcome: 'support',
      request: '核查并补回被扣的出勤。',
      facts: '经核对考勤记录和井口人员定位记录，有五个班次实际出勤但被记为缺勤。',
      decision: '补记五个出勤并补发工资，综采一队考勤改由本人每日签字确认。',
      basis: '《西河煤矿考勤管理规定》',
    },
  },
  {
    received: 330,
    channel: 'online',
    concerned: 'JA-XH-ZC-1',
    category: 'community',
    title: '综采一队井口浴室夜班时段没有热水',
    content: '夜班十二点升井后，井口浴室经常没有热水，只能用凉水冲，冬天很多人感冒，请安排夜班也供热水。',
    triage: 1,
    answered: 35,
    answer: {
      outcome: 'support',
      request: '夜班升井时段供应热水。',
      facts: '浴室锅炉夜间停烧，情况属实。',
      decision: '锅炉房调整为夜班升井前一小时加热，后勤每周检查一次。',
      basis: '《西河煤矿后勤服务管理办法》',
    },
    rating: 'basically_satisfied',
  },
  {
    received: 310,
    channel: 'visit',
    person: { realName: '冯长青', phone: '13700000054' },
    concerned: 'JA-XH',
    category: 'community',
    title: '通勤班车取消夜班线路，职工上下班无车可坐',
    content:
      '西河煤矿十五名职工到集团信访接待室反映：矿上取消了西河镇到矿区的夜班通勤班车，夜班职工只能骑电动车走十几公里山路，路上不安全，请求恢复夜班线路。',
    headcount: 15,
    // Art 20: a group elects its representatives, at most five.
    representatives: ['冯长青', '侯建平', '苗俊'],
    triage: 1,
    answered: 28,
    answer: {
      outcome: 'support',
      request: '恢复夜班通勤班车线路。',
      facts: '夜班线路因车辆年检停运后未及时恢复，影响一百余名职工通勤，情况属实。',
      decision: '已恢复西河镇至矿区夜班班车，每天两趟，并增派一辆备用车。',
      basis: '《西河煤矿职工通勤管理办法》',
    },
  },
  {
    received: 290,
    channel: 'letter',
    person: { realName: '韩秀珍', phone: '13700000063' },
    concerned: 'JA-XH',
    category: 'environment',
    title: '洗煤厂粉尘飘进西河镇居民区',
    content:
      '来信反映：洗煤厂的煤粉堆场没有遮盖，刮风时粉尘飘进西河镇南街，衣服晾不出去，孩子咳嗽，请求治理。',
    triage: 4,
    answered: 82,
    answer: {
      outcome: 'explain',
      request: '治理洗煤厂堆场粉尘。',
      facts: '堆场防尘网部分破损，已在风大时段增加洒水；全封闭煤棚需要立项建设。',
      decision: '已修补防尘网并每天洒水四次；全封闭煤棚列入明年环保项目。',
      basis: '《中华人民共和国大气污染防治法》第七十二条',
    },
  },
  {
    received: 270,
    channel: 'online',
    concerned: 'JA-XH-AQK',
    category: 'safety',
    title: '井下变电所灭火器过期未更换',
    content: '井下中央变电所的六具灭火器压力表指针都在红区，标签上的检验日期是前年的，请尽快更换。',
    triage: 2,
    answered: 65,
    answer: {
      outcome: 'support',
      request: '更换过期灭火器。',
      facts: '经查，六具灭火器均已过检验期，情况属实。',
      decision: '已全部更换，并对井下其他硐室的消防器材进行了普查。',
      basis: '《煤矿安全规程》关于井下消防器材的规定',
    },
    // Answered late, after months of waiting: she was not satisfied.
    rating: 'unsatisfied',
  },
  {
    received: 250,
    channel: 'visit',
    person: { realName: '王建军', phone: '13700000051' },
    again: '矿工新村单身宿舍冬季暖气不热',
    concerned: 'JA-XH',
    category: 'housing',
    title: '再次反映矿工新村单身宿舍暖气不热',
    content:
      '来访反映：矿工新村 5 号单身宿舍楼暖气不热，去年写信反映过，只冲洗了管道，今年入冬还是只有十度左右，请求彻底解决。',
    triage: 2,
    answered: 45,
    answer: {
      outcome: 'support',
      request: '彻底解决单身宿舍暖气不热的问题。',
      facts: '5 号楼供暖支管管径偏小，冲洗后仍流量不足。',
      decision: '已更换 5 号楼供暖支管并加装循环泵，复测室温达到十八度。',
      basis: '《西河煤矿职工宿舍管理办法》',
    },
  },
  {
    received: 235,
    channel: 'letter',
    person: { realName: '孙海涛', phone: '13700000056' },
    concerned: 'JA-XH-JD-1',
    category: 'labour_contract',
    title: '劳务派遣工转为合同制的承诺未兑现',
    content:
      '来信反映：机电一队的劳务派遣工干满三年可以转为合同制，这是招工时说好的，我已经干了四年还没有转。',
    triage: 6,
    answered: 50,
    answer: {
      outcome: 'explain',
      request: '按招工时的承诺转为合同制。',
      facts: '招工公告写明“表现优秀者可择优转为合同制”，并非干满三年即转。',
      decision: '已说明转正条件和程序；本人可报名参加今年的择优转正考核。',
      basis: '《西河煤矿劳务用工管理办法》',
    },
  },
  {
    received: 220,
    channel: 'online',
    kind: 'suggestion',
    concerned: 'JA-XH',
    category: 'management_suggestion',
    title: '建议井口更衣室加装工作服烘干设备',
    content: '井下工作服经常是湿的，更衣室没有地方烘干，第二天只能穿潮衣服下井，建议加装烘干柜。',
    triage: 1,
    answered: 30,
    answer: {
      outcome: 'partly_adopted',
      request: '井口更衣室加装工作服烘干设备。',
      facts: '更衣室确无烘干设施；全部加装需改造电路。',
      decision: '先在更衣室安装两台烘干柜试用，效果好再逐步增加。',
      basis: '《西河煤矿合理化建议管理办法》',
    },
    rating: 'unsatisfied',
    notAgain: {
      reason: '烘干柜试用效果良好，正在逐步增加，已向建议人说明。',
      toPetitioner: '烘干柜正在试用，效果良好，会逐步增加，原答复意见不变。',
    },
  },
  {
    received: 200,
    channel: 'visit',
    person: { realName: '刘福生', phone: '13700000052' },
    again: '井下夜班餐补标准多年未调整',
    concerned: 'JA-XH',
    category: 'wages',
    title: '再次反映井下夜班餐补标准多年未调整',
    content:
      '来访反映：井下夜班餐补还是每班十元，上次来说要提交职代会，职代会开过了也没有调，请求给个明确答复。',
    triage: 3,
    answered: 75,
    answer: {
      outcome: 'support',
      request: '提高井下夜班餐补标准。',
      facts: '职代会已审议通过夜班餐补调整方案，执行时间未及时公布。',
      decision: '夜班餐补自下月起提高到每班二十元，并在各区队公示。',
      basis: '《西河煤矿薪酬管理办法》',
    },
  },
  {
    received: 185,
    channel: 'online',
    concerned: 'JA-XH-AQK',
    category: 'occupational_injury',
    title: '职业健康体检结果一直没有告知本人',
    content:
      '今年春天矿上组织了职业健康体检，到现在也没有把结果告诉我，听说有人查出了尘肺，我想知道自己的结果。',
    triage: 2,
    answered: 48,
    answer: {
      outcome: 'support',
      request: '告知职业健康体检结果。',
      facts: '体检报告已返回安全科，未按规定逐人书面告知。',
      decision: '已向本人书面告知体检结果，其余职工的结果一周内全部告知。',
      basis: '《中华人民共和国职业病防治法》第三十五条',
    },
    rating: 'satisfied',
  },
  {
    received: 165,
    channel: 'letter',
    person: { realName: '段志宏', phone: '13700000057' },
    concerned: 'JA-XH-ZC-1',
    category: 'occupational_injury',
    title: '井下受伤后工伤认定材料一直没有报送',
    content: '来信反映：今年五月在综采一队工作面被煤块砸伤脚，队里说会报工伤，三个月过去了材料还没有报上去。',
    triage: 5,
    answered: 88,
    answer: {
      outcome: 'support',
      request: '报送工伤认定材料。',
      facts: '经查，综采一队未及时收集事故经过材料，报送延误属实。',
      decision: '已向人社部门报送工伤认定申请，并对综采一队通报批评。',
      basis: '《工伤保险条例》第十七条',
    },
  },
  {
    // Accepted, then left: its 60 days ran out long ago (超期件).
    received: 150,
    channel: 'letter',
    person: { realName: '赵红霞', phone: '13700000058' },
    concerned: 'JA-XH',
    category: 'environment',
    title: '矿井排水流进西河，河水发黑',
    content:
      '来信反映：矿井排水从矿区东边的沟里流进西河，下游一段河水发黑发臭，村里的羊不敢去喝水，请求治理。',
    triage: 5,
    answered: null,
  },
  {
    received: 140,
    channel: 'online',
    concerned: 'JA-XH',
    category: 'community',
    title: '矿区食堂夜班饭菜常常是凉的',
    content: '夜班在矿区食堂吃饭，饭菜经常是凉的，品种也少，一个月几乎都是土豆白菜，请改善一下。',
    triage: 3,
    answered: 42,
    answer: {
      outcome: 'explain',
      request: '改善夜班伙食。',
      facts: '夜班就餐人数少，食堂按白班剩余饭菜加热供应。',
      decision: '已要求食堂夜班现炒两个菜，其余情况持续跟踪。',
      basis: '《西河煤矿后勤服务管理办法》',
    },
    rating: 'unsatisfied',
  },
  {
    received: 120,
    channel: 'letter',
    person: { realName: '马俊', phone: '13700000059' },
    concerned: 'JA-XH-AQK',
    category: 'safety',
    title: '综采工作面喷雾降尘装置长期损坏',
    content: '来信反映：综采一队工作面支架上的喷雾装置坏了一半，割煤时粉尘大得看不清人，请求尽快修好。',
    triage: 4,
    answered: 35,
    answer: {
      outcome: 'support',
      request: '修复工作面喷雾降尘装置。',
      facts: '经现场检查，支架喷雾喷嘴堵塞损坏四十余个，情况属实。',
      decision: '已全部更换喷嘴，安全科每旬检查一次降尘设施。',
      basis: '《煤矿安全规程》关于综合防尘的规定',
    },
  },
  {
    // Sent on late, accepted, and not answered since (超期件).
    received: 110,
    channel: 'letter',
    person: { realName: '孟庆丰', phone: '13700000060' },
    concerned: 'JA-XH-ZC-1',
    category: 'wages',
    title: '综采一队井下津贴被无故扣发',
    content:
      '来信反映：八月份的井下津贴少发了四百多元，工资条上没有写扣款原因，问队里也说不清楚，请求核查补发。',
    triage: 18,
    answered: null,
  },
  {
    received: 95,
    channel: 'online',
    concerned: 'JA-XH-AQK',
    category: 'safety',
    title: '运输大巷积水没过脚面',
    content: '运输大巷中段积水没过脚面，水泵好几天没开，走路滑，电缆也泡在水里，请安排排水。',
    triage: 2,
    answered: 30,
    answer: {
      outcome: 'explain',
      request: '排除运输大巷积水。',
      facts: '积水因水泵检修停运所致，已恢复运行。',
      decision: '已排水并清理水沟，电缆吊挂另行安排。',
      basis: '《煤矿安全规程》关于矿井防治水的规定',
    },
    rating: 'unsatisfied',
  },
  {
    received: 85,
    channel: 'letter',
    person: { realName: '郭玉兰', phone: '13700000061' },
    concerned: 'JA-XH',
    category: 'housing',
    title: '矿工新村 3 号楼楼道照明坏了没人修',
    content: '来信反映：矿工新村 3 号楼楼道灯坏了两个多月，晚上上下楼摸黑，老人摔过一次，报修没人管。',
    triage: 3,
    answered: 20,
    answer: {
      outcome: 'support',
      request: '修复楼道照明。',
      facts: '物业报修记录遗漏，情况属实。',
      decision: '已更换全部楼道灯，改用声控灯。',
      basis: '《西河煤矿职工宿舍管理办法》',
    },
  },
  {
    received: 75,
    channel: 'visit',
    person: { realName: '贺建国', phone: '13700000062' },
    concerned: 'JA-XH',
    category: 'labour_contract',
    title: '续签劳动合同时岗位工资被降低',
    content: '来访反映：矿上让我们年底前续签劳动合同，新合同里岗位工资比原来低了三百元，岗位和工作都没变。',
    triage: 2,
    answered: 38,
    answer: {
      outcome: 'explain',
      request: '按原岗位工资续签劳动合同。',
      facts: '新合同将原岗位工资中的一部分改列为绩效工资，总额未减少。',
      decision: '已当面说明工资结构调整，并在合同附件中写明绩效工资标准。',
      basis: '《中华人民共和国劳动合同法》第三十五条',
    },
  },
];

/** Who answers at the unit a matter is handled by: 安全科's handler, else the mine's head. */
const answererOf = (unit: string) => (unit === 'JA-XH-AQK' ? 'xh.handler' : 'xh.head');

/**
 * The unit that handles a matter. Online it was received at 西河煤矿 (its petition office): the
 * group's desk accepts it for the mine, or assigns it to 安全科 or the team. At the group's desk
 * it is assigned down to 西河煤矿, or to 安全科 for safety.
 */
const handlingOf = (m: Matter) =>
  m.concerned === 'JA-XH-AQK' || (m.channel === 'online' && m.concerned !== 'JA-XH') ? m.concerned : 'JA-XH';

function stepsOf(m: Matter): Step[] {
  const routed = m.received * DAY - m.triage * DAY - 2 * HOUR;
  const unit = handlingOf(m);
  const answerer = answererOf(unit);
  const selfAccepted = m.channel === 'online' && unit === 'JA-XH';
  const accepted = selfAccepted ? routed : routed - DAY;
  const steps: Step[] = selfAccepted
    ? [{ ago: routed, who: 'reception', type: 'accept' }]
    : [
        { ago: routed, who: 'reception', type: 'assign', params: { unit }, dates: { reportBackBy: 60 } },
        { ago: accepted, who: answerer, type: 'accept' },
      ];
  if (m.answered === null || !m.answer) return steps;
  const issued = accepted - m.answered * DAY;
  const { outcome, request, facts, decision, basis } = m.answer;
  steps.push(
    {
      ago: issued + 2 * DAY,
      who: answerer,
      type: 'draft_reply',
      params: { request, factsAndReasons: facts, decision, legalBasis: basis, outcome },
    },
    { ago: issued + DAY, who: 'xh.head', type: 'approve_reply' },
    { ago: issued, who: answerer, type: 'issue_reply' },
  );
  if (m.channel !== 'online') {
    steps.push({
      ago: issued - 3 * DAY,
      who: answerer,
      type: 'record_delivery',
      params: { method: 'post' },
      dates: { postedOn: -2, deliveredOn: 0 },
    });
    return steps;
  }
  steps.push({ ago: issued - 8 * HOUR, who: LINA, type: 'receive_reply' });
  if (m.rating) {
    steps.push({ ago: issued - DAY, who: LINA, type: 'rate', params: { rating: m.rating } });
    // An unsatisfied suggestion cannot be appealed: its head decides whether to handle it again.
    if (m.notAgain)
      steps.push({
        ago: issued - 3 * DAY,
        who: 'xh.head',
        type: 'decide_rehandling',
        params: { rehandle: false, ...m.notAgain },
      });
  }
  return steps;
}

/** 西河煤矿's history as demo cases, oldest first. */
export function xhHistoryCases(): DemoCase[] {
  return MATTERS.map(
    (m): DemoCase => ({
      story: `西河煤矿 history: ${m.title}`,
      ago: m.received * DAY + 3 * HOUR,
      by: m.channel === 'online' ? LINA : 'reception',
      ...(m.channel === 'online' || !m.person
        ? {}
        : {
            registration: {
              channel: m.channel,
              petitioner: m.person,
              ...(m.again ? { again: m.again } : {}),
            },
          }),
      kind: m.kind ?? 'request',
      concerned: m.concerned,
      categoryCode: m.category,
      title: m.title,
      content: m.content,
      ...(m.headcount ? { headcount: m.headcount, representatives: m.representatives } : {}),
      steps: stepsOf(m),
    }),
  );
}
