import type { Submitted } from '@xinfang/shared/schemas/petitions';
import type { Receipt } from './draft';

/**
 * What the success page keeps of the server's answer: the number and the one-time query code and,
 * when the server declined the petition in the same request (Art 19 ¶3, 36 ¶3), the decline's
 * reason and guidance, so the page does not promise news of acceptance that will not come.
 */
export function receiptOf(answer: Submitted, at: Date): Receipt {
  const { petition } = answer;
  const receipt: Receipt = {
    petitionId: petition.id,
    number: petition.number,
    queryCode: answer.queryCode,
    at: at.toISOString(),
  };
  if (petition.state !== 'declined') return receipt;
  // Not `findLast`: the phone's engine may be older than iOS 15.4 (weapp-build.test.ts).
  const declined = [...petition.timeline].reverse().find((event) => event.type === 'declined');
  const reason = declined?.data.reason;
  const guidance = declined?.data.guidance;
  return {
    ...receipt,
    declined: {
      reason: typeof reason === 'string' ? reason : '',
      guidance: typeof guidance === 'string' && guidance.trim() ? guidance : null,
    },
  };
}
