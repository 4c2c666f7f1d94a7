import type { DeclineGround } from '@xinfang/shared/lifecycle';
import { describe, expect, it } from 'vitest';
import type { NoticeFacts } from '../notice-facts';
import { compose } from './compose';

/** A decline notice's facts as stored with the document (`document.facts`). */
function declineFacts(ground: DeclineGround, reason: string): NoticeFacts {
  return {
    petition: { number: 'XF2026-000010', title: '取暖补贴', receivedOn: '2026-03-02', kind: 'request' },
    addressee: '张伟',
    issuingUnit: { id: 'ds', name: '东山煤矿信访办' },
    issuedOn: '2026-03-03',
    seal: null,
    signatory: null,
    body: { type: 'decline_notice', ground, reason },
  };
}

const paragraphs = (facts: NoticeFacts) =>
  compose(facts, '东山信告〔2026〕1号').blocks.map((block) => ('text' in block ? block.text : ''));

describe('the decline notice (不予受理告知书)', () => {
  it('names the earlier case its ground rests on (Art 36 ¶3, Art 19 ¶3)', () => {
    const [ground, reason] = paragraphs(
      declineFacts(
        'already_final',
        '经核实，与已复核终结的 XF2026-000003 为同一事实和理由，未提出新的事实和理由。',
      ),
    );
    expect(ground).toContain(
      '经审查，同一事实和理由的信访事项（信访编号XF2026-000003）已经复核终结（《信访工作条例》第三十六条第三款），本单位不予受理。',
    );
    expect(reason).toMatch(/^理由：经核实/);
    const [pending] = paragraphs(
      declineFacts('pending_elsewhere', '本件 XF2026-000010 与 XF2026-000004 同一事项'),
    );
    expect(pending).toContain('同一事项（信访编号XF2026-000004）正在下级单位法定期限内办理');
  });

  it('says where to turn instead, and who handles the earlier case (Art 22–23, 19 ¶3)', () => {
    const facts = declineFacts('not_a_petition_matter', '属于个人借贷纠纷');
    const guided = (guidance: string) =>
      paragraphs({ ...facts, body: { ...facts.body, guidance } } as NoticeFacts).slice(1);
    expect(guided('东山区人民法院')).toEqual(['理由：属于个人借贷纠纷', '反映途径：东山区人民法院。']);
    // Staff may write a sentence: it stands as they wrote it, never 「向向…起诉反映」.
    expect(guided('向东山区人民法院起诉。')).toEqual([
      '理由：属于个人借贷纠纷',
      '反映途径：向东山区人民法院起诉。',
    ]);
    expect(guided('向东山区人民法院起诉.').at(-1)).toBe('反映途径：向东山区人民法院起诉。');
    const pending = declineFacts('pending_elsewhere', '与 XF2026-000004 同一事项');
    const named = { ...pending, body: { ...pending.body, earlierUnitName: '东山煤矿安全科' } } as NoticeFacts;
    expect(paragraphs(named).at(-1)).toBe(
      '信访编号XF2026-000004的信访事项正由东山煤矿安全科办理，您可以向其了解办理情况。',
    );
  });

  it('still reads as it did for declines stored before the basis was required', () => {
    // An `other` decline without a provision, and an Art 36 ¶3 one naming no case.
    expect(paragraphs(declineFacts('other', '已经通过诉讼途径解决'))).toEqual([
      '您于2026年3月2日反映的“取暖补贴”（信访编号XF2026-000010）一事，经审查，不符合受理条件，本单位不予受理。',
      '理由：已经通过诉讼途径解决',
    ]);
    expect(paragraphs(declineFacts('already_final', '同一事项已终结'))[0]).toContain(
      '经审查，同一事实和理由的信访事项已经复核终结（《信访工作条例》第三十六条第三款），本单位不予受理。',
    );
  });
});

/** A written answer's and an acceptance's facts, as stored with the document. */
function answerFacts(appealUnit: string | null): NoticeFacts {
  return {
    petition: { number: 'XF2026-000010', title: '取暖补贴', receivedOn: '2026-03-02', kind: 'request' },
    addressee: '张伟',
    issuingUnit: { id: 'ds', name: '东山煤矿' },
    issuedOn: '2026-04-03',
    seal: null,
    signatory: null,
    body: {
      type: 'decision',
      letter: {
        request: '补发取暖补贴',
        factsAndReasons: '经核实属实',
        decision: '补发',
        legalBasis: '《劳动法》第四十四条',
        outcome: 'support',
      },
      appeal: { unitName: appealUnit, days: 30, kind: 'review' },
    },
  };
}

describe('the way onward (Art 18, 21, 35)', () => {
  it('an appeal may be made in the app, or by letter, visit or call — not in writing only', () => {
    const appeal = paragraphs(answerFacts('晋安煤业集团')).find((t) => t.includes('复查请求'));
    expect(appeal).toBe(
      '如您对本意见不服，可以依据《信访工作条例》第三十五条的规定，自收到本意见书之日起30日内，向晋安煤业集团提出复查请求：可以在“信访通”中提出，也可以来信、来访或者来电提出。',
    );
    // Above the organisation the app cannot take it: the notice names no way it does not offer.
    const outside = paragraphs(answerFacts(null)).find((t) => t.includes('复查请求'));
    expect(outside).toBe(
      '如您对本意见不服，可以依据《信访工作条例》第三十五条的规定，自收到本意见书之日起30日内，向有权处理的上级机关或者单位提出复查请求。',
    );
  });

  it('the acceptance notice says how to follow the case, with or without the app', () => {
    const accepted: NoticeFacts = {
      ...answerFacts(null),
      body: { type: 'acceptance_notice', unitName: '东山煤矿安全科', dueDate: '2026-05-06' },
    };
    expect(paragraphs(accepted).at(-1)).toBe(
      '您可以在“信访通”中查看办理进度，也可以凭信访编号和查询码查询。',
    );
  });
});
