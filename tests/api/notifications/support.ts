import type { NotificationPage } from '@xinfang/shared/schemas/notifications';
import { expect } from 'vitest';
import type { PetitionKit } from '../petitions/kit';

/** A decision letter on a request about night-shift pay (Art 32: request, facts, decision, basis). */
export const LETTER = {
  request: '补发夜班加班费',
  factsAndReasons: '经核实考勤，夜班加班属实。',
  decision: '补发全部夜班加班费。',
  legalBasis: '《劳动法》第四十四条',
  outcome: 'support',
};

/** Beijing wall time as a UTC instant. */
export const bj = (local: string) => new Date(`${local}+08:00`).toISOString();

/**
 * What the notification suites read back: a person's message centre over HTTP, and straight from
 * the database who was told what about a petition and what waits in the outbox.
 */
export async function messageCentre(kit: PetitionKit, who: string, query = ''): Promise<NotificationPage> {
  const response = await kit.http(who, 'GET', `/api/me/notifications${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as NotificationPage;
}

/** Who was told what about a petition, as `event → recipient ids`, sorted. */
export async function toldAbout(kit: PetitionKit, petitionId: string): Promise<Record<string, string[]>> {
  const rows = await kit.app.db
    .selectFrom('notification')
    .select(['event', 'recipient_id'])
    .where('petition_id', '=', petitionId)
    .execute();
  const told: Record<string, string[]> = {};
  for (const row of rows) told[row.event] = [...(told[row.event] ?? []), row.recipient_id].sort();
  return told;
}

export async function outboxRows(kit: PetitionKit, where: { recipientId?: string; event?: string } = {}) {
  let query = kit.app.db.selectFrom('outbox').selectAll().orderBy('id');
  if (where.recipientId) query = query.where('recipient_id', '=', where.recipientId);
  if (where.event) query = query.where('event', '=', where.event);
  return query.execute();
}

export async function count(kit: PetitionKit, table: 'notification' | 'outbox'): Promise<number> {
  const row = await kit.app.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Runs dispatcher rounds until the outbox has nothing due. */
export async function dispatchAll(kit: PetitionKit): Promise<void> {
  for (let round = 0; round < 50; round += 1) {
    const report = await kit.app.notifications.dispatcher.dispatchOnce();
    if (report.claimed === 0) return;
  }
  throw new Error('the outbox did not drain in 50 rounds');
}

/** The deliveries of one notice about a petition, as sorted `[channel, status]` pairs and the rows. */
export async function deliveriesOf(kit: PetitionKit, petitionId: string, event: string) {
  const rows = await kit.app.db
    .selectFrom('outbox as o')
    .innerJoin('notification as n', 'n.id', 'o.notification_id')
    .selectAll('o')
    .where('n.petition_id', '=', petitionId)
    .where('n.event', '=', event)
    .execute();
  const byChannel = Object.fromEntries(rows.map((r) => [r.channel, r]));
  return { pairs: rows.map((r) => [r.channel, r.status]).sort(), rows, byChannel };
}
