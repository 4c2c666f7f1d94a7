import { CONTENT_MAX, REPRESENTATIVES_MAX, TITLE_MAX } from '@xinfang/shared/lifecycle';
import type { Category } from '@xinfang/shared/schemas/petitions';
import { describe, expect, it } from 'vitest';
import { copy } from '@/copy/zh-CN';
import {
  addRepresentative,
  countProblems,
  DERIVED_TITLE_MAX,
  EMPTY_FIELDS,
  hintsFor,
  isValid,
  LIMITS,
  removeRepresentative,
  type SubmissionFields,
  titleFrom,
  toSubmitBody,
  validate,
} from './form';

const complete: SubmissionFields = {
  ...EMPTY_FIELDS,
  kind: 'request',
  categoryCode: 'wages',
  concernedUnitId: 'unit-ds',
  title: '三月份加班费未发放',
  content: '三月份加班费至今未发放，请求解决。',
};

const uploaded = [{ attachmentId: 'att-1' }];

describe('validate — the limits come from shared', () => {
  it('accepts a complete form', () => {
    expect(isValid(validate(complete, []))).toBe(true);
    expect(LIMITS.title).toBe(TITLE_MAX);
    expect(LIMITS.content).toBe(CONTENT_MAX);
    expect(LIMITS.representatives).toBe(REPRESENTATIVES_MAX);
  });

  it('names every missing required field', () => {
    const { fields } = validate(EMPTY_FIELDS, []);
    expect(Object.keys(fields).sort()).toEqual(['categoryCode', 'concernedUnitId', 'content', 'kind']);
  });

  it('treats whitespace as empty; the title may be left out', () => {
    const { fields } = validate({ ...complete, title: '   ', content: '\n\t' }, []);
    expect(fields).toMatchObject({ content: expect.any(String) });
    expect(fields.title).toBeUndefined();
  });

  it('takes 「不清楚，由信访办分办」 instead of a unit', () => {
    const unknown = { ...complete, concernedUnitId: null, unitUnknown: true };
    expect(isValid(validate(unknown, []))).toBe(true);
    expect(validate({ ...unknown, unitUnknown: false }, []).fields.concernedUnitId).toEqual(
      expect.any(String),
    );
  });

  it('counts characters as the server does (code points) at the title limit', () => {
    const atLimit = '𠮷'.repeat(TITLE_MAX); // each is two UTF-16 units, one character
    expect(validate({ ...complete, title: atLimit }, []).fields.title).toBeUndefined();
    expect(validate({ ...complete, title: `${atLimit}字` }, []).fields.title).toContain(String(TITLE_MAX));
  });

  it('refuses content over CONTENT_MAX and a location over its limit', () => {
    const fields = validate(
      { ...complete, content: '字'.repeat(CONTENT_MAX + 1), location: 'x'.repeat(LIMITS.location + 1) },
      [],
    ).fields;
    expect(fields.content).toContain(String(CONTENT_MAX));
    expect(fields.location).toContain(String(LIMITS.location));
    expect(validate({ ...complete, content: '字'.repeat(CONTENT_MAX) }, []).fields.content).toBeUndefined();
  });

  it('requires every photo to be uploaded, and at most ATTACHMENTS_MAX of them', () => {
    expect(validate(complete, [{ attachmentId: null }]).fields.photos).toBeDefined();
    expect(validate(complete, uploaded).fields.photos).toBeUndefined();
    const ten = Array.from({ length: LIMITS.photos + 1 }, (_, i) => ({ attachmentId: `a${i}` }));
    expect(validate(complete, ten).fields.photos).toContain(String(LIMITS.photos));
  });
});

describe('countProblems — the one summary beside 下一步', () => {
  const profile = { realName: '周丽', address: '东山区矿区路 9 号' };

  it('counts every field to fix, the name and address included', () => {
    const empty = validate(EMPTY_FIELDS, []);
    // content, kind, category and unit, then the name and address a petition states (Art 19).
    expect(countProblems(empty, { realName: ' ', address: '' })).toBe(6);
    expect(copy.submit.fixErrors(6)).toBe('有6处需要填写或修改，已在各项下面写明');
  });

  it('counts nothing on a complete form, and one for a blank address alone', () => {
    expect(countProblems(validate(complete, uploaded), profile)).toBe(0);
    expect(countProblems(validate(complete, uploaded), { ...profile, address: '  ' })).toBe(1);
  });

  it('says which fields without naming a colour', () => {
    expect(copy.submit.fixErrors(2)).not.toMatch(/红|颜色|色/);
  });
});

describe('collective petitions (Art 20)', () => {
  const collective = { ...complete, collective: true, headcount: '12', representatives: ['王强'] };

  it('accepts a headcount of 2 or more and 1–5 representatives', () => {
    expect(isValid(validate(collective, []))).toBe(true);
    expect(isValid(validate({ ...collective, representatives: ['甲', '乙', '丙', '丁', '戊'] }, []))).toBe(
      true,
    );
  });

  it('needs a headcount of at least 2, as an integer', () => {
    for (const headcount of ['', '1', '0', '2.5', '-3', 'abc', '100001']) {
      expect(validate({ ...collective, headcount }, []).fields.headcount, headcount).toBeDefined();
    }
    expect(validate({ ...collective, headcount: ' 2 ' }, []).fields.headcount).toBeUndefined();
  });

  it('needs at least one named representative', () => {
    expect(validate({ ...collective, representatives: [''] }, []).fields.representatives).toBeDefined();
    expect(validate({ ...collective, representatives: ['  '] }, []).fields.representatives).toBeDefined();
  });

  it('refuses a sixth representative', () => {
    const six = ['甲', '乙', '丙', '丁', '戊', '己'];
    expect(validate({ ...collective, representatives: six }, []).fields.representatives).toContain('5');
  });

  it('marks a blank line among several, and a name over the limit', () => {
    const problems = validate(
      { ...collective, representatives: ['甲', '', '名'.repeat(LIMITS.representativeName + 1)] },
      [],
    );
    expect(problems.representatives).toEqual([null, expect.any(String), expect.stringContaining('50')]);
    expect(problems.fields.representatives).toBeDefined();
  });

  it('needs the headcount to cover the representatives', () => {
    expect(
      validate({ ...collective, headcount: '2', representatives: ['甲', '乙', '丙'] }, []).fields.headcount,
    ).toBeDefined();
  });

  it('ignores the collective fields while the switch is off', () => {
    expect(
      isValid(validate({ ...complete, collective: false, headcount: 'x', representatives: [''] }, [])),
    ).toBe(true);
  });

  it('adds at most five lines and never removes the last one', () => {
    let list = [''];
    for (let i = 0; i < 10; i++) list = addRepresentative(list);
    expect(list).toHaveLength(REPRESENTATIVES_MAX);
    expect(removeRepresentative(['甲'], 0)).toEqual(['']);
    expect(removeRepresentative(['甲', '乙'], 0)).toEqual(['乙']);
  });
});

describe('toSubmitBody', () => {
  it('trims, leaves out empty optional fields and lists the uploaded photos', () => {
    expect(toSubmitBody({ ...complete, title: ` ${complete.title} `, location: '  ' }, uploaded)).toEqual({
      kind: 'request',
      categoryCode: 'wages',
      concernedUnitId: 'unit-ds',
      title: complete.title,
      content: complete.content,
      attachmentIds: ['att-1'],
    });
  });

  it('makes the title from the first sentence of the content when none was given', () => {
    expect(toSubmitBody({ ...complete, title: ' ' }, []).title).toBe('三月份加班费至今未发放，请求解决');
    expect(titleFrom('宿舍漏雨\n已经三个月了')).toBe('宿舍漏雨');
    const long = titleFrom('井'.repeat(80));
    expect([...long]).toHaveLength(DERIVED_TITLE_MAX);
    expect(long.endsWith('…')).toBe(true);
  });

  it('leaves the unit out for the petition office to name, even if one was picked before', () => {
    const body = toSubmitBody({ ...complete, unitUnknown: true }, []);
    expect(body).not.toHaveProperty('concernedUnitId');
  });

  it('carries the headcount and the named representatives of a collective petition', () => {
    const body = toSubmitBody(
      { ...complete, collective: true, headcount: '30', representatives: [' 王强 ', ''] },
      [],
    );
    expect(body).toMatchObject({ headcount: 30, representatives: ['王强'] });
  });

  it('sends no collective fields when the switch is off', () => {
    const body = toSubmitBody({ ...complete, headcount: '30', representatives: ['王强'] }, []);
    expect(body).not.toHaveProperty('headcount');
    expect(body).not.toHaveProperty('representatives');
  });
});

describe('hintsFor — the statutory hints for what has been chosen', () => {
  const categories: Category[] = [
    {
      code: 'wages',
      name: '工资待遇',
      hint: '依法可向劳动人事争议仲裁委员会申请仲裁。',
      sortOrder: 0,
      active: true,
    },
    { code: 'housing', name: '住房保障', hint: null, sortOrder: 1, active: true },
  ];

  it('says nothing before a kind is chosen', () => {
    expect(hintsFor(EMPTY_FIELDS, categories)).toEqual([]);
  });

  it("shows the category's own hint from the server (a wage dispute → arbitration)", () => {
    const hints = hintsFor(complete, categories);
    expect(hints.map((h) => h.key)).toEqual(['kind', 'category']);
    expect(hints[1]?.text).toContain('仲裁');
    expect(hintsFor({ ...complete, categoryCode: 'housing' }, categories).map((h) => h.key)).toEqual([
      'kind',
    ]);
  });

  it('tells an accuser that identity and materials are kept from the accused (Art 30)', () => {
    const hints = hintsFor({ ...complete, kind: 'accusation' }, categories);
    expect(hints.find((h) => h.key === 'kind')?.text).toContain('依法保密');
    expect(hints.find((h) => h.key === 'kind')?.tone).toBe('warn');
    expect(hints.map((h) => h.key)).toContain('accusedUnit');
  });

  it('explains suggestions (Art 29) and requests (Art 31) in plain words, without article numbers', () => {
    expect(hintsFor({ ...complete, kind: 'suggestion' }, []).at(0)?.text).toContain('书面告诉您');
    expect(hintsFor({ ...complete, kind: 'request' }, []).at(0)?.text).toContain('劳动仲裁');
    for (const kind of ['suggestion', 'request', 'accusation'] as const)
      expect(
        hintsFor({ ...complete, kind, collective: true }, [])
          .map((h) => h.text)
          .join(),
      ).not.toMatch(/第.+条/);
  });

  it('states the five-representative rule once the petition is collective (Art 20)', () => {
    expect(hintsFor({ ...complete, collective: true }, []).map((h) => h.key)).toContain('collective');
  });
});
