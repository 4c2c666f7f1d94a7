import type { PetitionKind } from '@xinfang/shared/lifecycle';

/**
 * The submission form's fields as the draft keeps them. Kept apart from the rules (`form.ts`, which
 * load the lifecycle's limits) so that the home page can look for a draft without loading them.
 */
export interface SubmissionFields {
  kind: PetitionKind | null;
  categoryCode: string | null;
  concernedUnitId: string | null;
  /** 「不清楚，由信访办分办」: the petitioner does not know the unit; the petition office names it. */
  unitUnknown: boolean;
  /** Optional: left empty, the first sentence of the content becomes the title. */
  title: string;
  content: string;
  location: string;
  /** 集体访 (Art 20). */
  collective: boolean;
  /** As typed: validated into an integer. */
  headcount: string;
  representatives: string[];
}

export const EMPTY_FIELDS: SubmissionFields = {
  kind: null,
  categoryCode: null,
  concernedUnitId: null,
  unitUnknown: false,
  title: '',
  content: '',
  location: '',
  collective: false,
  headcount: '',
  representatives: [''],
};
