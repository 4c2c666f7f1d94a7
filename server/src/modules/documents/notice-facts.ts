import type { DateString } from '@xinfang/shared/clocks';
import type {
  DecisionLetter,
  DeclineGround,
  DiversionRoute,
  PetitionKind,
  SupervisionConcern,
} from '@xinfang/shared/lifecycle';
import type { DocumentType } from '@xinfang/shared/schemas/documents';

/**
 * What a notice states, fixed when it is issued and stored with it (the `document.facts` column):
 * the PDF is rendered from this alone, so it reads the same however the units, people and settings
 * change later. Each type has its own body.
 */
export interface NoticeFacts {
  petition: { number: string; title: string; receivedOn: DateString; kind: PetitionKind };
  /** 主送: the petitioner's name; null when unknown (the document says 信访人). */
  addressee: string | null;
  /** Its name as printed, with the units above it (东山煤矿综采区); plain names before that. */
  issuingUnit: { id: string; name: string };
  issuedOn: DateString;
  /** The unit's seal and signatory when issued; without a seal the document says 「（印章）」. */
  seal: { key: string } | null;
  signatory: { name: string; title: string | null } | null;
  body: NoticeBody;
}

export type AnswerBody = {
  type: 'decision' | 'reply' | 'review_decision' | 're_examination_decision';
  letter: DecisionLetter;
  /**
   * Art 35, 36: where and within how long the petitioner may appeal; null when final or not
   * appealable. No unit (null) where nothing in the organisation stands above the answering unit.
   */
  appeal: { unitName: string | null; days: number; kind: 'review' | 're_examination' } | null;
};

export type NoticeBody =
  | { type: 'acceptance_notice'; unitName: string; dueDate: DateString }
  | {
      type: 'decline_notice';
      ground: DeclineGround;
      reason: string;
      /** Art 22–23: where the petitioner may turn instead, as staff wrote it. */
      guidance?: string;
      /**
       * Art 19 ¶3: the unit handling the earlier case, pending below. It is the petitioner's own
       * case (checked when the decline was decided), so naming its unit tells them nothing new.
       */
      earlierUnitName?: string;
    }
  | { type: 'forwarding_notice'; recipientOrgan: string; reason: string }
  | { type: 'assignment_notice'; unitName: string }
  | { type: 'diversion_notice'; route: DiversionRoute; guidance: string }
  | { type: 'general_notice'; message: string }
  | { type: 'extension_notice'; days: number; reason: string; dueDate: DateString }
  | AnswerBody
  | {
      type: 'supervision_notice';
      no: number;
      unitName: string;
      concern: SupervisionConcern;
      requirements: string;
      dueDate: DateString;
    }
  | { type: 'mediation_agreement'; summary: string; terms: string; otherParty: string }
  | { type: 'delivery_receipt'; answerTitle: string; answerNumber: string | null };

export type BodyOf<T extends DocumentType> = Extract<NoticeBody, { type: T }>;
