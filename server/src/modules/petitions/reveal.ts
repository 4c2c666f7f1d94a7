import type { Kysely } from 'kysely';
import { accuserHiddenFor } from '../../access/accuser-firewall';
import type { StaffPrincipal } from '../../access/principal';
import { recordAudit } from '../../audit/audit-log';
import type { DB } from '../../db/schema';
import { AppError } from '../../errors';
import type { RequestContext } from '../../http/request-context';
import type { PiiCipher } from '../../security/pii';
import { loadPetition } from './petition.repository';

/** What revealing a petitioner works with — no more. */
export interface RevealDeps {
  db: Kysely<DB>;
  pii: PiiCipher;
}

/**
 * The full phone and ID number of a petition's petitioner, for staff who must call or identify
 * them. Every reveal is audited with its reason (PIPL Art 51); none for staff of an accused unit
 * (Art 30).
 */
export function createReveal(deps: RevealDeps) {
  const { db, pii } = deps;
  return async function reveal(
    context: RequestContext,
    staff: StaffPrincipal,
    petitionId: string,
    reason: string,
  ) {
    const loaded = await loadPetition(db, petitionId);
    if (!loaded) throw new AppError('NOT_FOUND', '没有找到这件信访事项');
    if (accuserHiddenFor(loaded.petition, staff)) {
      await recordAudit(
        db,
        context.actor,
        {
          action: 'petitioner.reveal',
          outcome: 'denied',
          target: { type: 'petition', id: petitionId },
          details: { reason: 'accuser_firewall' },
        },
        context.now,
      );
      throw new AppError(
        'FORBIDDEN',
        '依据《信访工作条例》第三十条，检举控告人的身份不得向被检举控告单位的人员透露',
      );
    }
    const row = await db
      .selectFrom('petitioner_account')
      .select(['id', 'real_name', 'phone_cipher', 'id_number_cipher', 'address'])
      .where('id', '=', loaded.petition.petitionerId)
      .executeTakeFirstOrThrow();
    await recordAudit(
      db,
      context.actor,
      {
        action: 'petitioner.reveal',
        outcome: 'success',
        target: { type: 'petitioner', id: row.id },
        details: { petitionId, reason },
        petitionId,
      },
      context.now,
    );
    return {
      realName: row.real_name,
      phone: row.phone_cipher ? pii.decrypt(row.phone_cipher) : null,
      idNumber: row.id_number_cipher ? pii.decrypt(row.id_number_cipher) : null,
      address: row.address,
    };
  };
}
