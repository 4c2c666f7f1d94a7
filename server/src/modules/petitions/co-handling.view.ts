import { beijingDate } from '@xinfang/shared/clocks';
import { type AssistPart, assistParts, type Petition } from '@xinfang/shared/lifecycle';
import type { AssistPartView } from '@xinfang/shared/schemas/co-handling';
import type { PetitionDetail } from '@xinfang/shared/schemas/petitions';
import { unitSummary, type ViewContext } from './petition.view';

/**
 * Who answers for the case and the parts other units answer (Art 24), as the case shows them to
 * staff. A petitioner sees the handling unit only: neither staff names nor the units helping it.
 */
export function coHandlingView(
  petition: Petition,
  context: Pick<ViewContext, 'viewer' | 'staffNames' | 'units' | 'now'>,
): Pick<PetitionDetail, 'handler' | 'coHandling'> {
  if (context.viewer.kind !== 'staff') return { handler: null, coHandling: [] };
  const name = (id: string) => context.staffNames.get(id) ?? '工作人员';
  const today = beijingDate(context.now.toISOString());
  return {
    handler: petition.handlerId ? { id: petition.handlerId, name: name(petition.handlerId) } : null,
    coHandling: assistParts(petition).map((part) => partView(part, today, context, name)),
  };
}

/** An open part past its date is overdue. */
export function assistOverdue(part: { status: string; dueDate: string }, today: string): boolean {
  return part.status === 'open' && part.dueDate < today;
}

function partView(
  part: AssistPart,
  today: string,
  context: Pick<ViewContext, 'units'>,
  name: (id: string) => string,
): AssistPartView {
  const answer = part.answer;
  return {
    no: part.no,
    unit: unitSummary(context.units, part.unit.id),
    part: part.part,
    dueDate: part.dueDate,
    status: part.status,
    overdue: assistOverdue(part, today),
    answer: answer && {
      text: answer.data.answer,
      at: answer.at,
      by: { id: answer.actorId, name: name(answer.actorId) },
      attachmentIds: [...answer.data.attachmentIds],
    },
  };
}
