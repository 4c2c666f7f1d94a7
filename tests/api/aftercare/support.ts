import type { PetitionKit } from '../petitions/kit';

/** A suggestion about 东山煤矿, answered by its head and opened by the petitioner `phone`. */
export async function answeredSuggestion(kit: PetitionKit, phone: string): Promise<string> {
  const { petition } = await kit.submit(phone, { kind: 'suggestion', categoryCode: 'management_suggestion' });
  await kit.act('ds.reception', petition.id, 'accept');
  await kit.act('ds.head', petition.id, 'draft_reply', {
    request: '改进井口候车室',
    factsAndReasons: '候车室冬季无暖气。',
    decision: '今冬前加装暖气。',
    outcome: 'adopted',
  });
  await kit.act('ds.head', petition.id, 'approve_reply');
  await kit.act('ds.head', petition.id, 'issue_reply');
  await kit.openAnswer(phone, petition.id);
  return petition.id;
}
