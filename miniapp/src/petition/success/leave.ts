import Taro from '@tarojs/taro';

/**
 * Leaves the submission's pages for `tab`, a page of the bottom bar, and opens `then` above it:
 * back from the case leads to 我的信访, which lists it — never to the emptied form, which looked as
 * if the petition were lost. A reLaunch alone does that in WeChat; in h5 it only replaces the
 * browser's current entry, and the form's entry stays behind it. So the pages above the first one
 * are left first, with one back (in WeChat the reLaunch would have closed them all the same).
 */
export async function leaveFor(tab: string, then?: string): Promise<void> {
  const depth = Taro.getCurrentPages().length;
  if (depth > 1) await Taro.navigateBack({ delta: depth - 1 }).catch(() => undefined);
  await Taro.reLaunch({ url: tab });
  if (then) await Taro.navigateTo({ url: then });
}
