import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { auditDetailsLine } from './audit-actions';

/** The audit screen's line of what an entry changed (audit 32, D7), however it is spelt. */
describe("an audit entry's details line", () => {
  it('shows each changed field as 名称：旧 → 新, whichever way the entry spells it', () => {
    expect(
      auditDetailsLine({
        fields: 'displayName,status',
        'displayName.before': '张工',
        'displayName.after': '张明',
        'status.before': 'active',
        'status.after': 'disabled',
      }),
    ).toBe('修改项：displayName,status；姓名：张工 → 张明；状态：active → disabled');
    expect(
      auditDetailsLine({ nameFrom: '养老保险', nameTo: '社会保险', activeFrom: true, activeTo: false }),
    ).toBe('名称：养老保险 → 社会保险；在用：是 → 否');
    expect(auditDetailsLine({ rolesBefore: 'handler', rolesAfter: 'handler,unit_head' })).toBe(
      '角色：handler → handler,unit_head',
    );
    expect(auditDetailsLine({ fromUnitId: 'u1', toUnitId: 'u2' })).toBe('单位：u1 → u2');
    expect(auditDetailsLine({ 'phone.before': '0351', 'phone.after': null })).toBe('电话：0351 → （空）');
    expect(auditDetailsLine({ changedDays: 2, replaces: 'shipped' })).toBe('变动天数：2；replaces：shipped');
    // Two spellings of one side: neither is lost.
    expect(auditDetailsLine({ 'name.before': 'a', nameFrom: 'b', 'name.after': 'c' })).toBe(
      '名称：a → c；nameFrom：b',
    );
    expect(auditDetailsLine(null)).toBeNull();
    expect(auditDetailsLine({})).toBeNull();
  });

  it('names every detail an entry keeps, for any details at all', () => {
    const key = fc.stringMatching(/^[a-z][A-Za-z.]{0,12}$/);
    const value = fc.oneof(fc.string({ maxLength: 8 }), fc.integer(), fc.boolean(), fc.constant(null));
    fc.assert(
      fc.property(fc.dictionary(key, value, { minKeys: 1, maxKeys: 8 }), (details) => {
        const line = auditDetailsLine(details);
        expect(line).not.toBeNull();
        // Every value shows up somewhere in the line.
        for (const v of Object.values(details)) {
          if (typeof v === 'string' && v !== '') expect(line).toContain(v);
          if (typeof v === 'number') expect(line).toContain(String(v));
        }
      }),
    );
  });
});
