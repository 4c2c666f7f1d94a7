import { describe, expect, it } from 'vitest';
import { citationZh, RULE_IDS, RULES, refuse } from './rules';

describe('refusals name their article in Chinese', () => {
  it.each([
    ['Art 9', '《信访工作条例》第九条'],
    ['Art 10', '《信访工作条例》第十条'],
    ['Art 20', '《信访工作条例》第二十条'],
    ['Art 23 ¶3', '《信访工作条例》第二十三条第三款'],
    ['Art 35', '《信访工作条例》第三十五条'],
    ['Art 36 ¶3', '《信访工作条例》第三十六条第三款'],
  ] as const)('%s → %s', (article, zh) => {
    expect(citationZh(article)).toBe(zh);
  });

  it('every rule with an article ends its message with the citation; the others cite nothing', () => {
    for (const rule of RULE_IDS) {
      const { article, zh } = RULES[rule];
      const { message } = refuse(rule);
      if (article) expect(message).toBe(`${zh}（${citationZh(article)}）`);
      else expect(message).toBe(zh);
      expect(message).not.toMatch(/Art|¶/);
    }
  });

  it('a 31-day extension says the limit and where it is written', () => {
    expect(refuse('extension.too_long', { param: 'days' })).toMatchObject({
      rule: 'extension.too_long',
      article: 'Art 34',
      param: 'days',
      message: '延长期限不得超过30日（《信访工作条例》第三十四条）',
    });
  });
});
