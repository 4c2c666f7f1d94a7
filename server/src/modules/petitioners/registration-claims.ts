import { maskName } from '@xinfang/shared/masking';
import type { ClaimRegistrationBody, PendingRegistration } from '@xinfang/shared/schemas/petitions';
import type { Kysely } from 'kysely';
import { recordAudit } from '../../audit/audit-log';
import type { DB } from '../../db/schema';
import { AppError } from '../../errors';
import type { RequestContext } from '../../http/request-context';
import { rateLimited, reserve, type ThrottleRule } from '../../security/throttle';
import type { Notifier } from '../notifications/notifier';
import { cancelPendingSms } from '../notifications/outbox.repository';
import { staffAudience } from '../notifications/staff-audience';
import { loadPetition } from '../petitions/petition.repository';
import { queryCodeMatches } from '../petitions/query-code';
import type { WritePath } from '../petitions/write-path';
import { findPetitionerBy, findProfileDetails, updatePetitioner } from './petitioner.repository';
import {
  DISOWNED_SMS,
  findPendingClaims,
  hasPendingClaim,
  noteConfirmation,
  settleClaim,
} from './registration-claim.repository';

/** What registration claims work with — no more. */
export interface RegistrationClaimsDeps {
  db: Kysely<DB>;
  /** A claimed petition joins its petitioner's account through the write path. */
  writer: WritePath;
  /** "Not mine" tells the desk that registered it. */
  notifier: Pick<Notifier, 'notify'>;
  /** The key the query codes are hashed with (query-code.ts). */
  hashKey: Buffer;
}

/**
 * Wrong query codes allowed on one registration. Only the holder of its phone may try at all, so
 * a few a day let a mistyped code be typed again, and keep the code's 39 bits out of reach.
 */
export const CLAIM_GUESSES: ThrottleRule = { limit: 5, windowSeconds: 24 * 3600, blockSeconds: 24 * 3600 };

/**
 * The holder of a phone says whether the petitions registered at a desk for that phone are theirs
 * (registered-person.ts). "Mine", with the query code from the desk's receipt: the petition joins
 * their account — they follow it, read the reply in full, rate and appeal it — and the name and
 * address the desk took fill what their profile lacks. A phone typed one digit off belongs to a
 * stranger, who has no receipt: without the code he learns no more than the masked name and the
 * number (PIPL Art 10, 14; audit 32, D2). The ID number is never copied: it was not typed for
 * the account. "Not mine": it stays with the desk's record and the clerk's phone number is known
 * to be wrong: no SMS about it goes to that number any more, and the desk that registered it (the
 * receiving unit's reception) is told, to find the real petitioner. Only a phone proven by a
 * one-time code (sign-in or binding) sees its registrations. A "mine" said by the wrong person
 * (a relative with the receipt) the desk undoes (claim-undo.ts).
 */
export function createRegistrationClaims({ db, writer, notifier, hashKey }: RegistrationClaimsDeps) {
  async function provenPhoneHash(petitionerId: string): Promise<string | null> {
    return (await findPetitionerBy(db, { id: petitionerId }))?.phone_hash ?? null;
  }

  async function pending(petitionerId: string): Promise<PendingRegistration[]> {
    const phoneHash = await provenPhoneHash(petitionerId);
    if (!phoneHash) return [];
    const rows = await findPendingClaims(db, phoneHash);
    return rows.map((row) => ({
      petitionId: row.id,
      number: row.number,
      channel: row.channel as PendingRegistration['channel'],
      receivedAt: row.received_at,
      receivingUnit: { id: row.unitId, code: row.unitCode, name: row.unitName },
      registeredName: row.real_name ? maskName(row.real_name) : null,
    }));
  }

  /**
   * The query code from the receipt, checked before anything changes hands. A guess is counted
   * before the code is compared, so parallel guesses cannot outrun the count; a right one hands
   * its guess back. Nothing is counted for a registration that does not wait for this phone.
   */
  async function assertReceiptCode(
    context: RequestContext,
    phoneHash: string | null,
    petitionId: string,
    queryCode: string | undefined,
  ): Promise<void> {
    if (!phoneHash || !(await hasPendingClaim(db, petitionId, phoneHash)))
      throw new AppError('NOT_FOUND', '没有这件待确认的登记');
    const code = queryCode?.trim() ?? '';
    if (code === '') {
      throw new AppError('VALIDATION_FAILED', '请输入回执上的查询码', [
        { path: '/body/queryCode', message: 'is required to say the registration is mine' },
      ]);
    }
    const attempt = await reserve(db, [{ key: `claim:${petitionId}`, rule: CLAIM_GUESSES }], context.now);
    if (!attempt.granted) throw rateLimited(attempt.until, context.now);
    const registered = await loadPetition(db, petitionId);
    if (registered && queryCodeMatches(hashKey, petitionId, code, registered.row.query_code_hash)) {
      await attempt.release();
      return;
    }
    await recordAudit(
      db,
      context.actor,
      {
        action: 'petition.claim_confirmed',
        outcome: 'failure',
        target: { type: 'petition', id: petitionId },
      },
      context.now,
    );
    throw new AppError('VALIDATION_FAILED', '查询码不对，请对照回执再输入一次', [
      { path: '/body/queryCode', message: 'is not the query code of this registration' },
    ]);
  }

  async function resolve(
    context: RequestContext,
    petitionerId: string,
    petitionId: string,
    claim: ClaimRegistrationBody,
  ): Promise<PendingRegistration[]> {
    const { mine } = claim;
    const phoneHash = await provenPhoneHash(petitionerId);
    if (mine) await assertReceiptCode(context, phoneHash, petitionId, claim.queryCode);
    await db.transaction().execute(async (trx) => {
      const at = context.now.toISOString();
      const settled = await settleClaim(trx, {
        petitionId,
        phoneHash: phoneHash ?? '',
        mine,
        by: petitionerId,
        at,
      });
      if (!settled) throw new AppError('NOT_FOUND', '没有这件待确认的登记');
      if (!mine) {
        // No further SMS about it to this phone: those waiting are withdrawn here, later ones by
        // the SMS delivery (deliverers.ts), while the desk's record keeps the number.
        const registered = await loadPetition(trx, petitionId);
        if (!registered) throw new AppError('NOT_FOUND', '没有这件待确认的登记');
        const { petition, row } = registered;
        const cancelledSms = await cancelPendingSms(trx, {
          petitionId,
          recipientId: petition.petitionerId,
          reason: DISOWNED_SMS,
          at,
        });
        // The number only: the phone and the name the desk took are what is in doubt. Recusals
        // (Art 28) and an accused unit's line (Art 30) are left out as for any staff notice.
        const desk = await staffAudience(trx, petition, [
          { unitId: petition.units.receiving.id, roles: ['reception'] },
        ]);
        await notifier.notify(
          trx,
          desk.map((id) => ({
            recipient: { type: 'staff' as const, id },
            event: 'registration_disowned' as const,
            facts: { number: row.number, petitionId, at, date: null, unitName: null },
          })),
          context.now,
        );
        await recordAudit(
          trx,
          context.actor,
          {
            action: 'petition.claim_declined',
            outcome: 'success',
            target: { type: 'petition', id: petitionId },
            details: { cancelledSms },
          },
          context.now,
        );
        return;
      }
      const loaded = await loadPetition(trx, petitionId);
      if (!loaded) throw new AppError('NOT_FOUND', '没有这件待确认的登记');
      const { petition } = loaded;
      // The petition changes hands through the write path, like any other change of it.
      const written = await writer.write(trx, {
        before: loaded,
        after: { ...petition, petitionerId, version: petition.version + 1 },
        events: [],
        audit: { actor: context.actor, action: 'petition.claim_confirmed' },
        now: context.now,
      });
      if (!written) throw new AppError('VERSION_CONFLICT', '这件信访事项刚刚有了变化，请再确认一次');
      const copiedFields = await fillProfile(trx, petitionerId, petition.petitionerId, at);
      await noteConfirmation(trx, {
        petitionId,
        registeredPetitionerId: petition.petitionerId,
        copiedFields,
      });
    });
    return pending(petitionerId);
  }

  /**
   * The name and address the desk wrote down, where the petitioner's own profile is still empty
   * (they proved with the receipt that it is them). Never the ID number: the person types their
   * own into their profile if they want it there. Answers the fields it filled (kept, so that a
   * wrong confirmation can take them out again: claim-undo.ts).
   */
  async function fillProfile(
    trx: Parameters<typeof updatePetitioner>[0],
    accountId: string,
    registeredId: string,
    at: string,
  ): Promise<string[]> {
    const account = await findProfileDetails(trx, accountId);
    const registered = await findProfileDetails(trx, registeredId);
    if (!account || !registered) return [];
    const changes = {
      ...(account.real_name === null && registered.real_name ? { real_name: registered.real_name } : {}),
      ...(account.address === null && registered.address ? { address: registered.address } : {}),
    };
    const filled = Object.keys(changes);
    if (filled.length > 0) await updatePetitioner(trx, accountId, { ...changes, updated_at: at });
    return filled;
  }

  return { pending, resolve };
}
