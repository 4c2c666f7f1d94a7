import type { DateString } from '@xinfang/shared/clocks';
import type {
  DeclineGround,
  DiversionRoute,
  ReplyOutcome,
  SupervisionConcern,
} from '@xinfang/shared/lifecycle';

/** The formal wording documents use for the statute's vocabularies. */
export const OUTCOMES: Readonly<Record<ReplyOutcome, string>> = {
  support: '予以支持',
  explain: '解释说明',
  not_support: '不予支持',
  adopted: '予以采纳',
  partly_adopted: '部分采纳',
  not_adopted: '不予采纳',
  substantiated: '反映问题属实',
  partly_substantiated: '反映问题部分属实',
  unsubstantiated: '反映问题不属实',
};

export const DIVERSION_ROUTES: Readonly<Record<DiversionRoute, string>> = {
  litigation: '依法向人民法院提起诉讼',
  arbitration: '依法申请劳动人事争议仲裁',
  administrative_review: '依法申请行政复议',
  party_appeal: '向党组织提出申诉',
  law_enforcement: '向有关执法机关反映',
};

const DECLINE_GROUNDS: Readonly<Record<DeclineGround, string>> = {
  pending_elsewhere: '同一事项正在下级单位法定期限内办理（《信访工作条例》第十九条第三款）',
  already_final: '同一事实和理由的信访事项已经复核终结（《信访工作条例》第三十六条第三款）',
  not_a_petition_matter: '所反映事项不属于信访事项',
  // The reason cites the provision (decline-basis.ts); declines from before that rule may not.
  other: '不符合受理条件',
};

/**
 * The ground as a decline notice states it: on Art 19 ¶3 and 36 ¶3 naming the earlier case, when
 * the reason names one (every decline on them since staff must; the system's always did).
 */
export function declineGround(ground: DeclineGround, earlierNumber: string | null): string {
  if (earlierNumber === null) return DECLINE_GROUNDS[ground];
  switch (ground) {
    case 'pending_elsewhere':
      return `同一事项（信访编号${earlierNumber}）正在下级单位法定期限内办理（《信访工作条例》第十九条第三款）`;
    case 'already_final':
      return `同一事实和理由的信访事项（信访编号${earlierNumber}）已经复核终结（《信访工作条例》第三十六条第三款）`;
    default:
      return DECLINE_GROUNDS[ground];
  }
}

export const SUPERVISION_CONCERNS: Readonly<Record<SupervisionConcern, string>> = {
  delay: '拖延办理',
  evasion: '推诿敷衍',
  falsification: '弄虚作假',
  other: '办理不到位',
};

/** GB/T 9704 §7.3.5.4: the year, month and day in Arabic numerals, without leading zeros. */
export function chineseDate(date: DateString): string {
  const [year, month, day] = date.split('-').map(Number);
  return `${year}年${month}月${day}日`;
}
