import type { UnitRef } from '@xinfang/shared/lifecycle';
import type { ClaimState, ClaimUndone, UndoClaimBody } from '@xinfang/shared/schemas/claims';
import type { Kysely } from 'kysely';
import { accuserHiddenFor } from '../../access/accuser-firewall';
import type { StaffPrincipal } from '../../access/principal';
import type { DB } from '../../db/schema';
import { AppError } from '../../errors';
import { type IdempotencyRequest, once } from '../../http/idempotency';
import type { RequestContext } from '../../http/request-context';
import type { PiiCipher } from '../../security/pii';
import type { Notifier } from '../notifications/notifier';
import { loadPetition } from '../petitions/petition.repository';
import { versionConflict } from '../petitions/petition.support';
import { newQueryCode, queryCodeHash } from '../petitions/query-code';
import type { WritePath } from '../petitions/write-path';
import { findProfileDetails, updatePetitioner } from './petitioner.repository';
import { findClaim, markUndone, moveMessages, replaceQueryCode } from './registration-claim.repository';

/** The profile fields a confirmation may fill from the desk's record (registration-claims.ts). */
type CopiedField = 'real_name' | 'address';
type Profile = Record<CopiedField, string | null>;

/**
 * Who may undo a wrong confirmation: the desk that registered the petition (reception at its
 * receiving unit, which took the details and issued the receipt) and the heads of that unit and
 * the units above it. Nobody else: the handling unit did not meet the person at the desk.
 */
export function mayUndoClaim(staff: Pick<StaffPrincipal, 'roles' | 'unit'>, receiving: UnitRef): boolean {
  if (staff.roles.includes('reception') && staff.unit.id === receiving.id) return true;
  return staff.roles.includes('unit_head') && receiving.path.includes(staff.unit.id);
}

/**
 * The fields to take out of the account again: those the confirmation filled and that still hold
 * the desk's value. What the account holder has since typed himself is his, and stays.
 */
export function fieldsToClear(copied: string | null, account: Profile, registered: Profile): CopiedField[] {
  const filled = (copied ?? '').split(',');
  return (['real_name', 'address'] as const).filter(
    (field) => filled.includes(field) && account[field] !== null && account[field] === registered[field],
  );
}

export interface ClaimUndoDeps {
  db: Kysely<DB>;
  pii: PiiCipher;
  writer: WritePath;
  /** The claimant is told that it left his account, and no more. */
  notifier: Pick<Notifier, 'notify'>;
  hashKey: Buffer;
}

/**
 * The desk's 认领有误: a registration confirmed by the wrong person (a relative's phone, a shared
 * phone, a receipt in the wrong hands) goes back to the desk's record, as before the confirmation.
 * What the confirmation copied into that person's profile and he has not changed leaves it again,
 * and its messages leave his message centre for the desk's record: the real petitioner's data
 * must not stay with a stranger (PIPL Art 47). He is no longer its petitioner, so nothing more
 * about it reaches him; the claim is closed for his phone (`undone`), and no SMS goes to that
 * number about it (`phoneDisowned`). The old receipt is spent too: its query code is replaced, and
 * the new one is answered once, for the desk to give the real petitioner a new receipt — whoever
 * held the old one can neither look the case up nor confirm it again.
 */
export function createClaimUndo({ db, pii, writer, notifier, hashKey }: ClaimUndoDeps) {
  /** Whether the petition was confirmed by someone, and whether this staff member may undo it. */
  async function state(staff: StaffPrincipal, petitionId: string): Promise<ClaimState> {
    const [loaded, claim] = await Promise.all([loadPetition(db, petitionId), findClaim(db, petitionId)]);
    if (!loaded) throw new AppError('NOT_FOUND', '没有找到这件信访事项');
    const status = claim?.status ?? 'none';
    return {
      status,
      at: claim?.undone_at ?? claim?.resolved_at ?? null,
      mayUndo:
        status === 'confirmed' &&
        mayUndoClaim(staff, loaded.petition.units.receiving) &&
        !accuserHiddenFor(loaded.petition, staff),
      version: loaded.petition.version,
    };
  }

  async function undoIn(
    trx: Parameters<WritePath['write']>[0],
    context: RequestContext,
    staff: StaffPrincipal,
    petitionId: string,
    body: UndoClaimBody,
  ): Promise<ClaimUndone> {
    const loaded = await loadPetition(trx, petitionId);
    if (!loaded) throw new AppError('NOT_FOUND', '没有找到这件信访事项');
    const { petition } = loaded;
    if (!mayUndoClaim(staff, petition.units.receiving)) {
      throw new AppError('FORBIDDEN', '只有登记这件信访事项的接待窗口及其上级单位负责人可以撤回认领');
    }
    // Art 30: moving the petition between people names its accuser to whoever does it.
    if (accuserHiddenFor(petition, staff)) {
      throw new AppError('FORBIDDEN', '依据《信访工作条例》第三十条，检举控告人的身份对您保密，不能撤回认领');
    }
    const claim = await findClaim(trx, petitionId);
    if (claim?.status !== 'confirmed') {
      throw new AppError('NOT_FOUND', '这件信访事项没有被信访人认领，无需撤回');
    }
    // Confirmed before the desk's record was kept with it (and not created by this registration).
    if (!claim.registered_petitioner_id) {
      throw new AppError('NOT_FOUND', '这次认领没有记下原登记记录，无法撤回，请联系系统管理员');
    }
    if (body.version !== petition.version) {
      throw versionConflict(petition);
    }
    const at = context.now.toISOString();
    const claimant = petition.petitionerId;
    const registered = claim.registered_petitioner_id;
    if (!(await markUndone(trx, { petitionId, by: staff.id, at, reason: body.reason.trim() })))
      throw versionConflict(petition);

    const [account, record] = await Promise.all([
      findProfileDetails(trx, claimant),
      findProfileDetails(trx, registered),
    ]);
    const cleared = account && record ? fieldsToClear(claim.copied_fields, account, record) : [];
    if (cleared.length > 0) {
      await updatePetitioner(trx, claimant, {
        ...Object.fromEntries(cleared.map((field) => [field, null])),
        updated_at: at,
      });
    }
    const moved = await moveMessages(trx, { petitionId, from: claimant, to: registered, at });
    const queryCode = newQueryCode();
    await replaceQueryCode(trx, petitionId, queryCodeHash(hashKey, petitionId, queryCode));

    const written = await writer.write(trx, {
      before: loaded,
      after: { ...petition, petitionerId: registered, version: petition.version + 1 },
      events: [],
      audit: {
        actor: context.actor,
        action: 'petition.claim_undone',
        // Who held it before and after (ids), and why, as a reveal keeps its reason (PIPL Art 51).
        details: {
          version: petition.version + 1,
          reason: body.reason.trim(),
          'petitioner.before': claimant,
          'petitioner.after': registered,
          clearedFields: cleared.join(','),
          movedMessages: moved,
        },
      },
      now: context.now,
    });
    if (!written) throw versionConflict(petition);
    // Not about the petition (no id, no number): nothing of the case reaches him, nor is this
    // notice held back as one about a case his phone disowned.
    await notifier.notify(
      trx,
      [
        {
          recipient: { type: 'petitioner', id: claimant },
          event: 'claim_undone',
          facts: { number: null, petitionId: null, at },
        },
      ],
      context.now,
    );
    return { status: 'undone', queryCode, version: petition.version + 1 };
  }

  /** Undoes a confirmation, once: with an Idempotency-Key a resend gets the first answer. */
  async function undo(
    context: RequestContext,
    staff: StaffPrincipal,
    petitionId: string,
    body: UndoClaimBody,
    idem: IdempotencyRequest | null,
  ): Promise<{ answer: ClaimUndone; replayed: boolean }> {
    if (!idem) {
      const answer = await db.transaction().execute((trx) => undoIn(trx, context, staff, petitionId, body));
      return { answer, replayed: false };
    }
    const kept = await once<ClaimUndone, null>(
      db,
      pii,
      idem,
      context.now,
      async () => null,
      async (trx) => ({ status: 200, body: await undoIn(trx, context, staff, petitionId, body) }),
    );
    return { answer: kept.body, replayed: kept.replayed };
  }

  return { state, undo };
}
