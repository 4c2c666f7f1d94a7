/**
 * The demo organisation for the quick start: a coal group with two mines, their offices, sections
 * and teams. Fictional names; the shape is that of a real state-owned coal enterprise.
 */
export interface DemoUnit {
  code: string;
  name: string;
  kind: 'group' | 'company' | 'mine' | 'department' | 'section' | 'team';
  address?: string;
  receptionHours?: string;
  phone?: string;
  /** Runs a petition office: receives petitions, its channels published on the home page (Art 18). */
  receivesPetitions?: boolean;
  letterAddress?: string;
  email?: string;
  onlineAddress?: string;
  /** Words people use for the unit, so a search finds it without knowing the org chart. */
  aliases?: string[];
  children?: DemoUnit[];
}

export const DEMO_ORG: DemoUnit = {
  code: 'JA',
  name: '晋安煤业集团',
  kind: 'group',
  address: '山西省晋安市迎泽路 88 号集团办公楼一层信访接待室',
  receptionHours: '工作日 8:30–12:00，14:30–17:30；每月 15 日为领导接访日',
  phone: '0351-5550100',
  receivesPetitions: true,
  letterAddress: '山西省晋安市迎泽路 88 号 晋安煤业集团信访办公室（收），邮编 030000',
  email: 'xinfang@jinan-coal.example.cn',
  onlineAddress: '微信小程序「信访通」，或手机浏览器打开本页面',
  children: [
    {
      code: 'JA-XFB',
      name: '集团信访办公室',
      kind: 'department',
      phone: '0351-5550101',
      aliases: ['信访办', '信访'],
    },
    {
      code: 'JA-DS',
      name: '东山煤矿',
      kind: 'mine',
      address: '晋安市东山区矿区路 1 号矿办公楼 105 室',
      receptionHours: '工作日 8:00–12:00，14:30–18:00',
      phone: '0351-5551200',
      receivesPetitions: true,
      letterAddress: '晋安市东山区矿区路 1 号 东山煤矿信访办（收），邮编 030100',
      children: [
        { code: 'JA-DS-XFB', name: '东山煤矿信访办', kind: 'department', aliases: ['信访办'] },
        {
          code: 'JA-DS-AQK',
          name: '东山煤矿安全科',
          kind: 'department',
          aliases: ['安全', '安监', '通风', '瓦斯'],
        },
        {
          code: 'JA-DS-RLK',
          name: '东山煤矿人力资源科',
          kind: 'department',
          aliases: ['人事', '劳资', '工资', '社保', '招工'],
        },
        {
          code: 'JA-DS-ZC',
          name: '综采区',
          kind: 'section',
          aliases: ['采煤', '工作面', '综采'],
          children: [
            { code: 'JA-DS-ZC-1', name: '综采一队', kind: 'team', aliases: ['采煤一队'] },
            { code: 'JA-DS-ZC-2', name: '综采二队', kind: 'team', aliases: ['采煤二队'] },
          ],
        },
        {
          code: 'JA-DS-JJ',
          name: '掘进区',
          kind: 'section',
          aliases: ['巷道', '掘进'],
          children: [{ code: 'JA-DS-JJ-1', name: '掘进一队', kind: 'team' }],
        },
        {
          code: 'JA-DS-JY',
          name: '机运区',
          kind: 'section',
          aliases: ['运输', '机电', '皮带', '提升', '车队'],
          children: [{ code: 'JA-DS-JY-1', name: '运输队', kind: 'team', aliases: ['运输', '车队', '矿车'] }],
        },
      ],
    },
    {
      code: 'JA-XH',
      name: '西河煤矿',
      kind: 'mine',
      address: '晋安市西河镇煤矿大院行政楼 201 室',
      receptionHours: '工作日 8:30–12:00，15:00–18:00',
      phone: '0351-5552300',
      receivesPetitions: true,
      children: [
        { code: 'JA-XH-XFB', name: '西河煤矿信访办', kind: 'department', aliases: ['信访办'] },
        {
          code: 'JA-XH-AQK',
          name: '西河煤矿安全科',
          kind: 'department',
          aliases: ['安全', '安监', '通风', '瓦斯'],
        },
        {
          code: 'JA-XH-ZC',
          name: '综采区',
          kind: 'section',
          aliases: ['采煤', '工作面', '综采'],
          children: [{ code: 'JA-XH-ZC-1', name: '综采一队', kind: 'team', aliases: ['采煤一队'] }],
        },
        {
          code: 'JA-XH-JD',
          name: '机电区',
          kind: 'section',
          aliases: ['机电', '运输', '供电', '设备'],
          children: [{ code: 'JA-XH-JD-1', name: '机电一队', kind: 'team', aliases: ['电工', '机修'] }],
        },
      ],
    },
  ],
};
