// The kit of the jsdom page tests: Taro's components and API as the browser's DOM holds them, and
// a page mounted in the document through React's act. Taro's own need the app's build (its
// runtime), so a test stands them in from a hoisted mock:
//   vi.mock('@tarojs/components', async () => (await import('@/testing/page-test')).taroComponents);
//   vi.mock('@tarojs/taro', async () => (await import('@/testing/page-test')).taroApi());
import { act, createElement, type ReactElement, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { vi } from 'vitest';

// Tells React that updates happen inside act, as a test runs them.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const plain =
  (tag: string) =>
  ({ children, ...props }: Record<string, unknown> & { children?: ReactNode }) =>
    createElement(tag, props, children);

/** View and Text (all the pages use) as a div and a span, with their class and test id. */
export const taroComponents = { View: plain('div'), Text: plain('span') };

/**
 * Taro's API: the router's `params`, page events that never fire, `navigateTo` a spy (or the
 * test's own, to assert on).
 */
export function taroApi({
  params = {},
  navigateTo = vi.fn(),
}: {
  params?: Record<string, string>;
  navigateTo?: (options: { url: string }) => unknown;
} = {}) {
  return {
    default: { navigateTo, stopPullDownRefresh: () => {} },
    useRouter: () => ({ params }),
    useDidShow: () => {},
    usePullDownRefresh: () => {},
  };
}

/** The staff pages' frame as a plain main, its error as an alert (for vi.mock('../ui/StaffPage')). */
export const staffPage = {
  StaffPage: ({ children }: { children?: ReactNode }) => createElement('main', {}, children),
  StaffError: ({ message, error }: { message?: string; error: Error }) =>
    createElement('p', { role: 'alert' }, message ?? error.message),
};

let mounted: { host: HTMLElement; root: Root } | null = null;

/**
 * Renders `element` inside act into a fresh element of the document; a later call renders into the
 * same root, so what stays the same keeps its state. Returns the element that holds the page.
 */
export async function mount(element: ReactElement): Promise<HTMLElement> {
  if (!mounted) {
    const host = document.body.appendChild(document.createElement('div'));
    mounted = { host, root: createRoot(host) };
  }
  const { host, root } = mounted;
  await act(async () => root.render(element));
  return host;
}

/** Unmounts the page and takes its element out of the document: `afterEach(unmount)`. */
export async function unmount(): Promise<void> {
  if (!mounted) return;
  const { host, root } = mounted;
  mounted = null;
  await act(async () => root.unmount());
  host.remove();
}

/** Clicks the element (if there is one) inside act, waiting for what the click sets going. */
export async function click(element: Element | null | undefined): Promise<void> {
  await act(async () => (element as HTMLElement | null | undefined)?.click());
}
