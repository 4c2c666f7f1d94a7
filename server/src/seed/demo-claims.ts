import type { FastifyInstance } from 'fastify';
import type { Principal } from '../access/principal';
import { auditActorOf } from '../audit/audit-log';
import { newId } from '../db/ids';
import type { RequestContext } from '../http/request-context';
import { findPetitionerBy, insertPetitioner } from '../modules/petitioners/petitioner.repository';
import { createRegistrationClaims } from '../modules/petitioners/registration-claims';
import { petitionDeps } from '../modules/petitions/petition.deps';
import { normalize } from '../security/pii';

/**
 * The holder of a phone a desk registered a petition for signs in with it and says whether the
 * petition is theirs, through the claims' own service (registration-claims.ts): 「是我的」 with the
 * query code from the receipt, or 「不是我的」. Their account is made as a phone sign-in makes it —
 * the phone and nothing else — when there is none yet.
 */
export function demoClaims(app: FastifyInstance) {
  const claims = createRegistrationClaims({
    db: app.db,
    writer: petitionDeps(app).writer,
    notifier: app.notifications.notifier,
    hashKey: app.config.pii.hashKey,
  });

  async function holderOf(phone: string, at: Date): Promise<Principal> {
    const phoneHash = app.pii.lookupHash('phone', phone);
    const found = await findPetitionerBy(app.db, { phoneHash });
    if (found) return { kind: 'petitioner', id: found.id };
    const id = newId(at.getTime());
    await insertPetitioner(app.db, {
      id,
      wechat_openid: null,
      wechat_unionid: null,
      phone_cipher: app.pii.encrypt(normalize('phone', phone)),
      phone_hash: phoneHash,
      real_name: null,
      id_number_cipher: null,
      id_number_hash: null,
      address: null,
      employee_number: null,
      worker_unit_id: null,
      status: 'active',
      created_at: at.toISOString(),
      updated_at: at.toISOString(),
    });
    return { kind: 'petitioner', id };
  }

  return async function claim(
    at: Date,
    phone: string,
    petitionId: string,
    answer: { mine: boolean; queryCode: string },
  ): Promise<void> {
    const principal = await holderOf(phone, at);
    const context: RequestContext = {
      principal,
      actor: auditActorOf(principal, 'demo-seed', null),
      ip: 'demo-seed',
      now: at,
    };
    await claims.resolve(
      context,
      principal.id,
      petitionId,
      answer.mine ? { mine: true, queryCode: answer.queryCode } : { mine: false },
    );
  };
}
