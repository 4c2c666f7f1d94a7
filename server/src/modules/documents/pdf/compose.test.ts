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
    const guided = { ...facts, body: { ...facts.body, guidance: '东山区人民法院。' } } as NoticeFacts;
    expect(paragraphs(guided).slice(1)).toEqual(['理由：属于个人借贷纠纷', '您可以向东山区人民法院反映。']);
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
