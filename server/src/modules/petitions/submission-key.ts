import type { Calendar } from '@xinfang/shared/clocks';
import type { Submitted } from '@xinfang/shared/schemas/petitions';
import type { Kysely } from 'kysely';
import { prepared } from '../../db/prepared';
import type { DB } from '../../db/schema';
import { AppError } from '../../errors';
import type { Answer, IdempotencyRequest } from '../../http/idempotency';
import type { PiiCipher } from '../../security/pii';
import { detailOf } from './petition.read';
import { loadPetitions } from './petition.repository';

/**
 * A petition submitted online remembers the Idempotency-Key it came with, for good: the key's kept
 * answer lasts 48 hours (http/idempotency.ts), but the phone keeps an unconfirmed submission until
 * it is sent again, however late — a worker back from a week underground — and that retry must
 * not make a second petition (which would also count as a 重复信访 against him).
 *
 * Looked for only when no answer is kept under the key. The answer is the kept one's status and
 * shape, replayed, with the case as it stands now; its `queryCode` is empty: the code was shown
 * once and is stored only as a hash, so it cannot be shown again (the page says the case was
 * already submitted, with its number).
 */
export async function madeUnderKey(
  deps: { db: Kysely<DB>; pii: PiiCipher; calendar: Calendar },
  petitionerId: string,
  idem: IdempotencyRequest,
  now: Date,
): Promise<(Answer<Submitted> & { replayed: true }) | null> {
  const { db, pii, calendar } = deps;
  const [row] = (await petitionMadeUnder(db, petitionerId, idem.key)).rows;
  if (!row) return null;
  if (row.submission_hash !== idem.requestHash) {
    throw new AppError('IDEMPOTENCY_KEY_REUSED', '同一个 Idempotency-Key 已用于另一份不同的请求');
  }
  const [loaded] = await loadPetitions(db, [row.id]);
  if (!loaded) return null;
  const viewer = { kind: 'petitioner', id: petitionerId } as const;
  const petition = await detailOf(db, pii, viewer, loaded, now, calendar);
  return { status: 201, body: { petition, queryCode: '' }, replayed: true };
}

const petitionMadeUnder = prepared((db, petitionerId: string, key: string) =>
  db
    .selectFrom('petition')
    .select(['id', 'submission_hash'])
    .where('petitioner_id', '=', petitionerId)
    .where('submission_key', '=', key),
);
