/** Where a new member of staff accepts an invitation, in words: in WeChat, the mini-program's staff entrance. */
export function inviteAddress(): string {
  return '微信小程序「信访通」首页的“工作人员入口”';
}
