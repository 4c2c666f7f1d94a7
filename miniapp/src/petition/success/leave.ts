import Taro from '@tarojs/taro';

/** How long the case waits for 我的信访 to be up before it opens above it anyway. */
const TAB_WAIT_MS = 3000;

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
  if (!then) return;
  // h5 mounts the relaunched page once its code has loaded, which on a busy phone can be after
  // the case has opened: it then lay on top of the case, which could not be seen.
  await topIs(tab);
  await Taro.navigateTo({ url: then });
}

/** Until the page of `url` is on top of the stack, or TAB_WAIT_MS has passed. */
async function topIs(url: string): Promise<void> {
  const route = (path: string) => path.replace(/^\//, '').replace(/\?.*$/, '');
  for (let waited = 0; waited < TAB_WAIT_MS; waited += 50) {
    const pages = Taro.getCurrentPages();
    const top = pages[pages.length - 1];
    if (top && route(top.route ?? '') === route(url)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
