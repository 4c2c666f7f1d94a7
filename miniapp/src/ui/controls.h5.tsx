import { useLayoutEffect, useRef } from 'react';
import type { Keyboard, PictureProps, TextControlProps } from './controls';

export type { Keyboard, PictureProps, TextControlProps } from './controls';

/**
 * The browser's own <input>, <textarea> and <img> (see `controls.tsx`): no web component between
 * the person and the field, so labels, phone keyboards and one-time-code autofill reach the
 * element, our styles apply as written, and the page loads no component library for them.
 */
const KEYBOARD: Record<Keyboard, { type: string; inputMode?: 'numeric' | 'tel'; autoComplete?: string }> = {
  text: { type: 'text' },
  // The browser's own date and time pickers; their values are `YYYY-MM-DD` and `HH:MM`.
  date: { type: 'date' },
  time: { type: 'time' },
  number: { type: 'text', inputMode: 'numeric' },
  phone: { type: 'tel', inputMode: 'tel', autoComplete: 'tel' },
  code: { type: 'text', inputMode: 'numeric', autoComplete: 'one-time-code' },
  idcard: { type: 'text' },
};

export function TextInput({ keyboard = 'text', password = false, attributes, ...props }: TextControlProps) {
  const kind = KEYBOARD[keyboard];
  return (
    <input
      {...attributes}
      className={props.className}
      value={props.value}
      type={password ? 'password' : kind.type}
      inputMode={kind.inputMode}
      autoComplete={password ? 'current-password' : kind.autoComplete}
      placeholder={props.placeholder}
      maxLength={props.maxLength < 0 || kind.type !== 'text' ? undefined : props.maxLength}
      min={props.min}
      max={props.max}
      onChange={(event) => props.onChange(event.target.value)}
    />
  );
}

/** Grows with its text (down to the height its class sets), so nothing scrolls inside a small box. */
export function TextArea({ attributes, ...props }: Omit<TextControlProps, 'keyboard' | 'password'>) {
  const ref = useRef<HTMLTextAreaElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the height follows the value
  useLayoutEffect(() => {
    const area = ref.current;
    if (!area) return;
    area.style.height = '';
    if (area.scrollHeight > area.clientHeight) area.style.height = `${area.scrollHeight + 4}px`;
  }, [props.value]);
  return (
    <textarea
      {...attributes}
      ref={ref}
      className={props.className}
      value={props.value}
      placeholder={props.placeholder}
      maxLength={props.maxLength < 0 ? undefined : props.maxLength}
      onChange={(event) => props.onChange(event.target.value)}
    />
  );
}

export function Picture({ className, src, alt, whole = false }: PictureProps) {
  return (
    <img className={`${className} xf-picture${whole ? ' xf-picture--whole' : ''}`} src={src} alt={alt} />
  );
}
