import type { FastifyInstance } from 'fastify';
import type { StaffPrincipal } from '../access/principal';
import { petitionDeps } from '../modules/petitions/petition.deps';
import { createPetitionService } from '../modules/petitions/petition.service';
import { type caseSeeder, HOUR } from './demo-case-seeder';
import { DEMO_LINK_REASON } from './demo-cases-named';

type Seeder = Awaited<ReturnType<typeof caseSeeder>>;

/**
 * 周福来's two records at the group's desk, neither with an account: the clerk who registered his
 * visit links it to his letter as one person's, with her reason — two desk records are joined only
 * on a reason written down (same-person.ts), shown on both cases and audited on each.
 */
export async function seedDemoLinkedRecords(
  app: FastifyInstance,
  seeder: Seeder,
  ids: { letter: string; visit: string },
): Promise<void> {
  const service = createPetitionService(petitionDeps(app));
  const context = seeder.contextAt('reception', 2 * 24 * HOUR - 90 * 60_000);
  await service.setLink(context, context.principal as StaffPrincipal, ids.visit, ids.letter, {
    linked: true,
    reason: DEMO_LINK_REASON,
  });
}
