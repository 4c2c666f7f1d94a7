/**
 * The browser's default font size (what `medium` resolves to) is the person's own setting: 16 px
 * unless they enlarged it. 20 px or more means they want large text.
 */
export const LARGE_SYSTEM_FONT_PX = 20;

export function systemPrefersLargeText(): boolean {
  if (typeof document === 'undefined' || !document.body) return false;
  const probe = document.createElement('span');
  probe.style.cssText = 'position:absolute;visibility:hidden;font-size:medium';
  document.body.appendChild(probe);
  const size = Number.parseFloat(getComputedStyle(probe).fontSize);
  probe.remove();
  return Number.isFinite(size) && size >= LARGE_SYSTEM_FONT_PX;
}
