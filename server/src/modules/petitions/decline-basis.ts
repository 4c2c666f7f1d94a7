import type { Calendar } from '@xinfang/shared/clocks';
import {
  checkFinality,
  checkPendingElsewhere,
  type DeclineGround,
  declineBasisRefusal,
  earlierCaseNumber,
  refuse,
} from '@xinfang/shared/lifecycle';
import type { Kysely, Transaction } from 'kysely';
import type { StaffPrincipal } from '../../access/principal';
import type { DB } from '../../db/schema';
import { type LoadedPetition, loadPetition } from './petition.repository';
import { refused } from './petition.support';
import { samePersonPetitionByNumber } from './repeats';

type Db = Kysely<DB> | Transaction<DB>;

/**
 * A staff member's decline states its statutory basis (`declineBasisRefusal`), and the earlier
 * case it names on Art 36 ¶3 or Art 19 ¶3 is one: the same person's (as for repeats), visible to
 * them, and final — or accepted or being handled below within its limits. The statute's own checks
 * decide that, as for the system's declines at registration. Throws the refusal otherwise.
 */
export async function assertDeclineBasis(
  db: Db,
  staff: StaffPrincipal,
  declined: LoadedPetition,
  params: { ground: DeclineGround; reason: string },
  now: Date,
  calendar: Calendar,
): Promise<void> {
  const own = declined.row.number;
  const missing = declineBasisRefusal(params, own);
  if (missing) throw refused(missing);
  const { ground, reason } = params;
  if (ground !== 'already_final' && ground !== 'pending_elsewhere') return;
  const number = earlierCaseNumber(reason, own) as string;
  const { petition } = declined;
  const id = await samePersonPetitionByNumber(db, staff, petition, number);
  const earlier = id ? await loadPetition(db, id) : null;
  const verdict = !earlier
    ? null
    : ground === 'already_final'
      ? checkFinality([earlier.petition])
      : checkPendingElsewhere(petition.units.receiving, [earlier.petition], now.toISOString(), calendar);
  if (verdict && !verdict.ok) return;
  // One answer whatever is wrong with it — unknown, another person's, or not final or pending —
  // so a number outside one's reach tells nothing about its case.
  throw refused(
    ground === 'already_final'
      ? refuse('decline.final_case_required', {
          param: 'reason',
          message: `${number} 不是该信访人已经复核终结的信访事项`,
        })
      : refuse('decline.pending_case_required', {
          param: 'reason',
          message: `${number} 不是该信访人正在下级单位法定期限内办理的信访事项`,
        }),
  );
}
