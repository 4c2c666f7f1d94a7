import { earlierCaseNumber, type PetitionKind } from '@xinfang/shared/lifecycle';
import type { DocumentType } from '@xinfang/shared/schemas/documents';
import { DOCUMENT_TITLES } from '@xinfang/shared/schemas/documents';
import type { AnswerBody, BodyOf, NoticeFacts } from '../notice-facts';
import { chineseDate, DIVERSION_ROUTES, declineGround, OUTCOMES, SUPERVISION_CONCERNS } from './wording';

/** A document laid out as text, before pages: what the PDF shows, in order. */
export interface ComposedDocument {
  title: string;
  number: string | null;
  /** 签发人 (GB/T 9704 §7.2.5), when the unit has one. */
  signatory: string | null;
  /** 主送: a person or a unit, followed by a full-width colon on paper. */
  addressee: string | null;
  blocks: Block[];
  /** 署名, 成文日期 and the seal area. */
  signature: { unitName: string; date: string };
}

export type Block =
  | { kind: 'paragraph'; text: string }
  | { kind: 'heading'; text: string }
  /** Lines set flush left, without the paragraph indent (parties, signature lines). */
  | { kind: 'line'; text: string }
  | { kind: 'table'; rows: [string, string][] };

/** Art 30: an accuser's name never goes to the accused; the document then says 信访人. */
export const WITHHELD_NAME = '信访人';

/**
 * The wording of each notice from its facts. Plain, short sentences; the articles cited are the
 * ones that call for the notice. A written answer keeps Art 32's order: the request, the facts and
 * reasons, the decision, and its legal basis.
 */
export function compose(facts: NoticeFacts, number: string | null, withholdName = false): ComposedDocument {
  const body = facts.body;
  const person = withholdName ? WITHHELD_NAME : (facts.addressee ?? WITHHELD_NAME);
  const matter = `您于${chineseDate(facts.petition.receivedOn)}反映的“${facts.petition.title}”（信访编号${facts.petition.number}）一事`;
  const composed = (addressee: string | null, blocks: Block[]): ComposedDocument => ({
    title: DOCUMENT_TITLES[body.type as DocumentType],
    number: body.type === 'delivery_receipt' ? null : number,
    signatory: facts.signatory
      ? `签发人：${facts.signatory.name}${facts.signatory.title ? `（${facts.signatory.title}）` : ''}`
      : null,
    addressee,
    blocks,
    signature: { unitName: facts.issuingUnit.name, date: chineseDate(facts.issuedOn) },
  });
  const p = (text: string): Block => ({ kind: 'paragraph', text });

  switch (body.type) {
    case 'acceptance_notice':
      return composed(person, [
        p(`${matter}，本单位已依法受理，由${body.unitName}办理。`),
        p(
          `依据《信访工作条例》第三十四条的规定，将在${chineseDate(body.dueDate)}前办结，并书面答复您。办理中如需补充材料，我们会及时与您联系。`,
        ),
        p(PROGRESS),
      ]);
    case 'decline_notice': {
      const earlier = earlierCaseNumber(body.reason, facts.petition.number);
      const blocks = [
        p(`${matter}，经审查，${declineGround(body.ground, earlier)}，本单位不予受理。`),
        p(`理由：${body.reason}`),
      ];
      // Art 22–23: where it belongs elsewhere, to whom to turn; Art 19 ¶3: who has the earlier case.
      if (earlier && body.earlierUnitName) {
        blocks.push(
          p(`信访编号${earlier}的信访事项正由${body.earlierUnitName}办理，您可以向其了解办理情况。`),
        );
      }
      // Staff write a place (晋安市东山区人民法院) or a sentence (向东山区人民法院起诉): either reads
      // as its own sentence after the label.
      if (body.guidance?.trim()) blocks.push(p(`反映途径：${sentence(body.guidance)}`));
      return composed(person, blocks);
    }
    case 'forwarding_notice':
      return composed(person, [
        p(`${matter}，依据《信访工作条例》第二十二条的规定，已转送${body.recipientOrgan}处理。`),
        p(`转送理由：${body.reason}`),
        p(`请您今后与${body.recipientOrgan}联系。`),
      ]);
    case 'assignment_notice':
      return composed(person, [
        p(`${matter}，依据《信访工作条例》第二十二条的规定，已交由${body.unitName}办理。`),
        p(`${body.unitName}将在收到之日起15日内书面告知您是否受理。`),
      ]);
    case 'diversion_notice':
      return composed(person, [
        p(
          `${matter}，依照法律规定应当通过法定途径解决。依据《信访工作条例》第三十一条的规定，请您${DIVERSION_ROUTES[body.route]}。`,
        ),
        p(body.guidance),
      ]);
    case 'general_notice':
      return composed(person, [p(`${matter}，现告知如下：`), p(body.message)]);
    case 'extension_notice':
      return composed(person, [
        p(`${matter}，因${body.reason.replace(/[。.]$/, '')}，不能在60日内办结。`),
        p(
          `经本单位负责人批准，依据《信访工作条例》第三十四条的规定，办理期限延长${body.days}日，将在${chineseDate(body.dueDate)}前办结，并书面答复您。`,
        ),
      ]);
    case 'decision':
    case 'reply':
    case 'review_decision':
    case 're_examination_decision':
      return composed(person, answerBlocks(body, matter, facts.petition.kind));
    case 'supervision_notice':
      return composed(body.unitName, supervisionBlocks(body, facts));
    case 'mediation_agreement':
      return composed(null, [
        { kind: 'line', text: `甲方（信访人）：${person}` },
        { kind: 'line', text: `乙方：${body.otherParty}` },
        p(
          `就信访事项“${facts.petition.title}”（信访编号${facts.petition.number}），经${facts.issuingUnit.name}主持调解，双方自愿达成如下协议：`,
        ),
        p(body.terms),
        p(`调解情况：${body.summary}`),
        p('本协议经双方当事人确认，依据《信访工作条例》第三十三条的规定制作，双方签字后生效，各执一份。'),
        { kind: 'line', text: '甲方（签名）：                乙方（签名或盖章）：' },
      ]);
    case 'delivery_receipt':
      return composed(null, [
        {
          kind: 'table',
          rows: [
            ['送达文书', `${body.answerTitle}${body.answerNumber ? `\n${body.answerNumber}` : ''}`],
            ['信访编号', facts.petition.number],
            ['受送达人', person],
            ['送达地点', ''],
            ['送达方式', '□当面送达　□邮寄送达　□来访时宣读'],
            ['受送达人签名', '\n                    年    月    日'],
            ['代收人及代收理由', ''],
            ['送达人', ''],
            ['备注', ''],
          ],
        },
      ]);
  }
}

/** Art 18, 21: how the petitioner follows the case, with or without the app. */
const PROGRESS = '您可以在“信访通”中查看办理进度，也可以凭信访编号和查询码查询。';

/** Text as one sentence: ended with 「。」 unless it already ends a sentence. */
function sentence(text: string): string {
  const trimmed = text.trim();
  return /[。！？.!?]$/.test(trimmed) ? trimmed.replace(/[.]$/, '。') : `${trimmed}。`;
}

const ANSWER_INTRO: Record<AnswerBody['type'], (matter: string, kind: PetitionKind) => string> = {
  decision: (m) =>
    `${m}，本单位已依法受理并调查核实。依据《信访工作条例》第三十二条的规定，现出具处理意见如下：`,
  // Art 29 answers a suggestion, Art 30 an accusation: the one that applies.
  reply: (m, kind) =>
    `${m}，本单位已依法受理并调查核实。依据《信访工作条例》${kind === 'accusation' ? '第三十条' : '第二十九条'}的规定，现答复如下：`,
  review_decision: (m) =>
    `${m}，您对原处理意见不服，请求复查。依据《信访工作条例》第三十五条的规定，本单位进行了复查，现出具复查意见如下：`,
  re_examination_decision: (m) =>
    `${m}，您对复查意见不服，请求复核。依据《信访工作条例》第三十六条的规定，本单位进行了复核，现出具复核意见如下：`,
};

/**
 * Art 32: the request, the facts and reasons, the decision, its legal basis — then the way onward:
 * the appeal (Art 35, 36) to the unit above, or where the organisation ends to whoever may hear it
 * above it; or that a re-examination is final; and how to rate the answer, with or without the app.
 */
function answerBlocks(body: AnswerBody, matter: string, kind: PetitionKind): Block[] {
  const { letter } = body;
  const blocks: Block[] = [
    { kind: 'paragraph', text: ANSWER_INTRO[body.type](matter, kind) },
    { kind: 'heading', text: '一、信访请求' },
    { kind: 'paragraph', text: letter.request },
    { kind: 'heading', text: '二、事实和理由' },
    { kind: 'paragraph', text: letter.factsAndReasons },
    { kind: 'heading', text: '三、处理意见' },
    { kind: 'paragraph', text: `${letter.decision}（${OUTCOMES[letter.outcome]}）` },
  ];
  if (letter.legalBasis) {
    blocks.push(
      { kind: 'heading', text: '四、法律法规依据' },
      { kind: 'paragraph', text: letter.legalBasis },
    );
  }
  if (body.appeal) {
    const { days, unitName } = body.appeal;
    const [step, article] = body.appeal.kind === 'review' ? ['复查', '第三十五条'] : ['复核', '第三十六条'];
    const within = `如您对本意见不服，可以依据《信访工作条例》${article}的规定，自收到本意见书之日起${days}日内`;
    // Art 35, 36 ask for no particular form: in the app, or by letter, visit or call (Art 17).
    // Where the organisation ends, the appeal goes outside it, and the app cannot take it.
    blocks.push({
      kind: 'paragraph',
      text: unitName
        ? `${within}，向${unitName}提出${step}请求：可以在“信访通”中提出，也可以来信、来访或者来电提出。`
        : `${within}，向有权处理的上级机关或者单位提出${step}请求。`,
    });
  } else if (body.type === 're_examination_decision') {
    blocks.push({
      kind: 'paragraph',
      text: '本复核意见为终结意见。依据《信访工作条例》第三十六条的规定，您以同一事实和理由再提出信访事项的，不再受理。',
    });
  }
  blocks.push({
    kind: 'paragraph',
    text: '请您自收到本意见书之日起30日内对办理结果作出评价：可以在“信访通”中评价，也可以通过来信、来电或者来访向本单位提出意见。',
  });
  return blocks;
}

function supervisionBlocks(body: BodyOf<'supervision_notice'>, facts: NoticeFacts): Block[] {
  return [
    {
      kind: 'paragraph',
      text: `你单位办理的信访事项“${facts.petition.title}”（信访编号${facts.petition.number}）存在${SUPERVISION_CONCERNS[body.concern]}的情况。依据《信访工作条例》第四十条的规定，现予督办（第${body.no}号）。`,
    },
    { kind: 'paragraph', text: `督办要求：${body.requirements}` },
    { kind: 'paragraph', text: `请于${chineseDate(body.dueDate)}前将办理情况书面答复本单位。` },
  ];
}
