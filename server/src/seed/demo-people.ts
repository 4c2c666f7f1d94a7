import type { StaffRole } from '@xinfang/shared/schemas/identity';

/**
 * The demo's people: one staff account per role at each level that answers (a handler and a unit
 * head in each mine, so that access between mines can be tried, and at the group, which answers
 * re-examinations of the mines' reviews, Art 36), an administrator for the group and one for
 * 东山煤矿 alone, two workers on the roster and one resident.
 * Every demo staff account shares one password, printed at first start and in the README.
 */
export const DEMO_STAFF_PASSWORD = 'demo-pass-2026';

export interface DemoStaff {
  username: string;
  displayName: string;
  unitCode: string;
  roles: StaffRole[];
  /** Kept encrypted and shown masked; an administrator changes or removes it on the account page. */
  phone?: string;
}

export const DEMO_STAFF: DemoStaff[] = [
  { username: 'admin', displayName: '赵敏（系统管理员）', unitCode: 'JA', roles: ['admin'] },
  // A mine's own administrator: keeps 东山煤矿's units, accounts and roster, and nothing of 西河煤矿.
  { username: 'ds.sysadmin', displayName: '高远（东山煤矿系统管理员）', unitCode: 'JA-DS', roles: ['admin'] },
  { username: 'reception', displayName: '王芳（集团信访办接待员）', unitCode: 'JA', roles: ['reception'] },
  { username: 'supervisor', displayName: '李强（集团信访办督办）', unitCode: 'JA', roles: ['supervisor'] },
  { username: 'leader', displayName: '陈国栋（包案领导）', unitCode: 'JA', roles: ['responsible_leader'] },
  { username: 'head', displayName: '马文（集团副总经理）', unitCode: 'JA', roles: ['unit_head'] },
  { username: 'handler', displayName: '何静（集团信访办承办人）', unitCode: 'JA', roles: ['handler'] },
  {
    username: 'ds.reception',
    displayName: '刘洋（东山煤矿信访办）',
    unitCode: 'JA-DS',
    roles: ['reception'],
  },
  {
    username: 'ds.head',
    displayName: '孙建国（东山煤矿矿长）',
    unitCode: 'JA-DS',
    roles: ['unit_head'],
    phone: '13600000101',
  },
  {
    username: 'ds.handler',
    displayName: '周涛（东山煤矿安全科）',
    unitCode: 'JA-DS-AQK',
    roles: ['handler'],
  },
  {
    username: 'ds.liaison',
    displayName: '吴磊（综采一队信息员）',
    unitCode: 'JA-DS-ZC-1',
    roles: ['liaison_officer'],
  },
  { username: 'xh.head', displayName: '钱进（西河煤矿矿长）', unitCode: 'JA-XH', roles: ['unit_head'] },
  {
    username: 'xh.handler',
    displayName: '郑华（西河煤矿安全科）',
    unitCode: 'JA-XH-AQK',
    roles: ['handler'],
  },
];

/**
 * Two more of 东山煤矿安全科's case workers, made with the demo cases (demo-staff.ts), not with the
 * organisation: so that 一键移交 of 周涛's cases has someone to offer (冯亮) and someone it must not
 * (秦川, recused from one of them, Art 28), while a unit's notices in the tests reach 周涛 alone.
 */
export const DEMO_CASE_STAFF: DemoStaff[] = [
  { username: 'ds.feng', displayName: '冯亮（东山煤矿安全科）', unitCode: 'JA-DS-AQK', roles: ['handler'] },
  { username: 'ds.qin', displayName: '秦川（东山煤矿安全科）', unitCode: 'JA-DS-AQK', roles: ['handler'] },
];

export interface DemoRosterEntry {
  employeeNumber: string;
  name: string;
  phone: string;
  unitCode: string;
}

export const DEMO_ROSTER: DemoRosterEntry[] = [
  { employeeNumber: 'DS1001', name: '张伟', phone: '13800000001', unitCode: 'JA-DS-ZC-1' },
  { employeeNumber: 'DS1002', name: '赵磊', phone: '13800000004', unitCode: 'JA-DS-JJ-1' },
  { employeeNumber: 'XH2001', name: '李娜', phone: '13800000002', unitCode: 'JA-XH-JD-1' },
];

export interface DemoPetitioner {
  realName: string;
  phone: string;
  address: string;
  /** Bound to this roster entry: a worker. */
  employeeNumber?: string;
}

export const DEMO_PETITIONERS: DemoPetitioner[] = [
  { realName: '张伟', phone: '13800000001', address: '东山矿区职工宿舍 3 号楼', employeeNumber: 'DS1001' },
  { realName: '李娜', phone: '13800000002', address: '西河镇矿工新村 12 号', employeeNumber: 'XH2001' },
  { realName: '王秀英', phone: '13900000003', address: '东山区矿区路 21 号（居民）' },
];
