import { createContext, useEffect, useRef, useState } from 'react';

/**
 * Keyboard focus for dialogs and forms in the h5 build (WCAG 2.1.2, 2.4.3, 3.3.1). WeChat has no
 * keyboard focus to move: there every DOM step below is skipped (`process.env.TARO_ENV` is fixed at
 * build time), and nothing touches `document` outside an effect or a handler.
 */
const h5 = () => process.env.TARO_ENV === 'h5';

let issued = 0;

/** An id unique in the whole app (several pages stay in the DOM at once), stable for a component. */
export function useUniqueId(prefix: string): string {
  const [id] = useState(() => `${prefix}-${++issued}`);
  return id;
}

/** The ids an element is described by, or undefined when there are none. */
export function describedBy(...ids: (string | false | null | undefined)[]): string | undefined {
  const list = ids.filter(Boolean);
  return list.length > 0 ? list.join(' ') : undefined;
}

/**
 * Where Tab goes inside a dialog of `count` focusable elements from `index` (-1: focus is outside
 * it): round from the last to the first, and with Shift from the first to the last.
 */
export function nextInTrap(count: number, index: number, backwards: boolean): number {
  if (count === 0) return -1;
  if (index < 0) return backwards ? count - 1 : 0;
  return (index + (backwards ? count - 1 : 1)) % count;
}

/**
 * Inside a form that says its problems once, in a summary alert, the fields' own errors are not
 * alerts too (six at once are noise): each is tied to its field by aria-describedby instead.
 */
export const ErrorsSummarised = createContext(false);

const FOCUSABLE = 'input, textarea, select, button, a[href], [tabindex="0"]';

function focusables(root: HTMLElement): HTMLElement[] {
  return Array.from(root.querySelectorAll<HTMLElement>(FOCUSABLE)).filter(
    (el) => el.getClientRects().length > 0 && el.getAttribute('aria-disabled') !== 'true',
  );
}

/**
 * A modal dialog's focus, for as long as the component calling it is shown: the element `initial`
 * selects (the safe answer) takes focus, Tab and Shift+Tab stay inside the element with id `id`,
 * Esc does `onEscape` (the safe answer; none where the dialog cannot be dismissed), and focus goes
 * back to the opener when the dialog closes.
 */
export function useDialogFocus(id: string, initial: string, onEscape?: () => void): void {
  const dismiss = useRef(onEscape);
  dismiss.current = onEscape;
  useEffect(() => {
    if (!h5()) return;
    const opener = document.activeElement as HTMLElement | null;
    const box = () => document.getElementById(id);
    const start = box()?.querySelector<HTMLElement>(initial) ?? box();
    if (start && !start.matches(FOCUSABLE)) start.setAttribute('tabindex', '-1');
    start?.focus();
    const onKey = (event: KeyboardEvent) => {
      const root = box();
      if (!root) return;
      if (event.key === 'Escape' && dismiss.current) {
        event.preventDefault();
        dismiss.current();
      } else if (event.key === 'Tab') {
        const items = focusables(root);
        const to = nextInTrap(
          items.length,
          items.indexOf(document.activeElement as HTMLElement),
          event.shiftKey,
        );
        event.preventDefault();
        items[to]?.focus();
      }
    };
    document.addEventListener('keydown', onKey, true);
    return () => {
      document.removeEventListener('keydown', onKey, true);
      if (opener?.isConnected) opener.focus();
    };
  }, [id, initial]);
}

/**
 * Moves focus to the first field marked invalid on the page in view (hidden pages of the stack have
 * no boxes): the field itself, or the first control inside an invalid group. False when none.
 */
export function focusFirstInvalid(): boolean {
  if (!h5()) return false;
  const invalid = Array.from(document.querySelectorAll<HTMLElement>('[aria-invalid="true"]')).find(
    (el) => el.getClientRects().length > 0,
  );
  if (!invalid) return false;
  const target = invalid.matches(FOCUSABLE) ? invalid : (focusables(invalid)[0] ?? invalid);
  if (!target.matches(FOCUSABLE)) target.setAttribute('tabindex', '-1');
  target.focus({ preventScroll: true });
  return true;
}
