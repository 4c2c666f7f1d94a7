import type { Channel, PetitionKind } from '../lifecycle/vocabulary';

/** The statutory names, as the bulletins print them (Art 17, 21; Art 29–31). */
export const CHANNEL_LABELS: Readonly<Record<Channel, string>> = {
  online: '网上信访',
  letter: '来信',
  visit: '来访',
  call: '来电',
  fax: '传真',
  email: '电子邮件',
};

export const KIND_LABELS: Readonly<Record<PetitionKind, string>> = {
  suggestion: '建议意见类',
  accusation: '检举控告类',
  request: '申诉求决类',
};
