import Taro from '@tarojs/taro';

/** WeChat keeps at most ten pages open; an eleventh `navigateTo` fails and the tap does nothing. */
export const PAGE_STACK_LIMIT = 10;

/**
 * Opens `url` above the current page, or in its place once the stack is one short of WeChat's
 * limit: links that lead from a page to another of its kind (a case to a linked case, a person's
 * cases) can be followed without end. The last place is left for a page opened the ordinary way
 * (the messages, a document), so the deepest page still opens those.
 */
export function go(url: string): Promise<unknown> {
  return Taro.getCurrentPages().length >= PAGE_STACK_LIMIT - 1
    ? Taro.redirectTo({ url })
    : Taro.navigateTo({ url });
}
