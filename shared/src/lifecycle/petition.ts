import type { Instant } from '../clocks/dates';
import type { DecisionLetter, PetitionEvent } from './events';
import type { PetitionState } from './states';
import type { UnitRef } from './units';
import type { Channel, PetitionKind, Rating, Stage } from './vocabulary';

/** 集体访 (Art 20): a headcount and at most five elected representatives. */
export interface Collective {
  headcount: number;
  representatives: readonly string[];
}

/** Art 34: at most one extension of at most 30 days, approved by the unit head. */
export type Extension =
  | { status: 'none' }
  | { status: 'requested' | 'refused' | 'granted'; days: number; reason: string; at: Instant };

export interface PetitionUnits {
  /** Where the petition came in; its petition office triages (Art 22). */
  receiving: UnitRef;
  /**
   * The unit the petition is about (for accusations: the accused unit, Art 30); null while nobody
   * has said — the petitioner did not know, and the petition office names it while triaging.
   */
  concerned: UnitRef | null;
  /** Who answers the current stage: the handling unit, then the reviewer, then the re-examiner. */
  handling: UnitRef | null;
  /** The unit whose written answer is appealed (during review and re-examination). */
  answering: UnitRef | null;
  /** The parent of the first answering unit (Art 35). */
  reviewing: UnitRef | null;
  /** The parent of the reviewing unit (Art 36). */
  reExamining: UnitRef | null;
}

export interface StageRating {
  rating: Rating;
  comment: string | null;
  at: Instant;
}

/** A petition as the lifecycle sees it: everything `decide` and `clocksOf` need, nothing more. */
export interface Petition {
  id: string;
  kind: PetitionKind;
  channel: Channel;
  stage: Stage;
  state: PetitionState;
  /** Incremented by every accepted action: the server's optimistic-lock column. */
  version: number;
  petitionerId: string;
  /** When the petition arrived; the statutory clocks start here (Art 22, 23). */
  receivedAt: Instant;
  units: PetitionUnits;
  collective: Collective | null;
  /** Art 23 ¶2: no written notice is owed when the name or address is unclear. */
  contactUnclear: boolean;
  extension: Extension;
  /** The current stage's decision letter, while drafted or approved. */
  reply: DecisionLetter | null;
  ratings: Partial<Record<Stage, StageRating>>;
  /** Art 28: staff with a direct interest, who may not act on this petition. */
  recusedStaffIds: readonly string[];
  /** The leader a case is referred to (呈阅) and awaiting instructions from. */
  referredLeaderId: string | null;
  /** 包案领导 (Art 18): owns the case and may approve its extension and reply. */
  responsibleLeaderId: string | null;
  /**
   * Those named on the case who have left (their accounts no longer active): facts about people,
   * not steps of the case, which the server reads afresh with the petition — today about its
   * responsible leader, whose case another leader may then take over (Art 18). Absent: none.
   */
  inactiveStaffIds?: readonly string[];
  /**
   * 承办人 (Art 24's 五定: a named person answers for the case) inside the handling unit; null until
   * the unit head names one, and again whenever the case moves to another unit.
   */
  handlerId: string | null;
  /** A hearing scheduled and not yet held (Art 31, 36). */
  pendingHearing: { scheduledFor: Instant; place: string } | null;
  events: readonly PetitionEvent[];
}
