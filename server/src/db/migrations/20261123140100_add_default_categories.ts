import type { Kysely } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
// The subject categories a coal enterprise's petitions fall into, so a new installation can take
// petitions at once. Admins change the list afterwards through the API.
const CATEGORIES: [code: string, name: string, hint: string | null][] = [
  ['wages', '工资待遇', '工资、加班费等劳动报酬争议，依法可向劳动人事争议仲裁委员会申请仲裁。'],
  ['social_insurance', '社会保险', '养老、医疗、失业等社会保险待遇问题，也可向社会保险经办机构反映。'],
  ['occupational_injury', '工伤与职业病', '工伤认定、职业病诊断有法定程序，可向人力资源社会保障部门申请。'],
  ['labour_contract', '劳动合同与用工', '劳动合同争议依法可申请劳动仲裁。'],
  ['safety', '安全生产', '发现重大事故隐患请同时立即向安全管理部门报告，紧急情况先撤离并报告调度。'],
  ['housing', '住房保障', null],
  ['land_relocation', '征地拆迁', null],
  ['environment', '生态环境', null],
  ['cadre_conduct', '干部作风', '检举控告党员干部违纪违法问题，检举人的身份和材料依法保密。'],
  ['community', '矿区社区与生活服务', null],
  ['management_suggestion', '经营管理建议', null],
  ['other', '其他', null],
];

export async function up(db: Kysely<any>): Promise<void> {
  const at = '2026-11-23T00:00:00.000Z';
  await db
    .insertInto('category')
    .values(
      CATEGORIES.map(([code, name, hint], index) => ({
        code,
        name,
        hint,
        sort_order: index,
        active: 1,
        created_at: at,
        updated_at: at,
      })),
    )
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db
    .deleteFrom('category')
    .where(
      'code',
      'in',
      CATEGORIES.map(([code]) => code),
    )
    .execute();
}
