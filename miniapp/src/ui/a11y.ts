/**
 * What makes a Taro view usable with a screen reader and a keyboard in the h5 build, where a view
 * is a plain <div> (`h5.useHtmlComponents`): a role, a name, a place in the tab order, and Enter /
 * Space doing what a tap does. In WeChat these extra attributes are ignored.
 */
export interface PressableOptions {
  role?: 'button' | 'link' | 'radio' | 'switch' | 'checkbox' | 'tab';
  disabled?: boolean;
  /** For radio, switch and checkbox roles. */
  checked?: boolean;
  /** For expandable sections. */
  expanded?: boolean;
  current?: boolean;
}

/**
 * `label` becomes the accessible name; it must contain the visible text (WCAG 2.5.3 — speech users
 * say what they see). Pass null to let the visible content name the element.
 */
export function pressable(label: string | null, onPress: () => void, options: PressableOptions = {}) {
  const { role = 'button', disabled = false, checked, expanded, current } = options;
  const press = () => {
    if (!disabled) onPress();
  };
  const props: Record<string, unknown> = {
    role,
    tabIndex: disabled ? -1 : 0,
    onClick: press,
    onKeyDown: (event: { key?: string; preventDefault?: () => void }) => {
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault?.();
        press();
      }
    },
  };
  if (label !== null) props['aria-label'] = label;
  if (disabled) props['aria-disabled'] = 'true';
  if (checked !== undefined) props['aria-checked'] = String(checked);
  if (expanded !== undefined) props['aria-expanded'] = String(expanded);
  if (current) props['aria-current'] = 'page';
  return props;
}

/** A heading for assistive technology: `<Text {...heading(2)}>`. */
export function heading(level: 1 | 2 | 3) {
  return { role: 'heading', 'aria-level': level } as Record<string, unknown>;
}
