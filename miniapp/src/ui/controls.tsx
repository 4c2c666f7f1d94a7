import { Image, Input, Picker, Text, Textarea } from '@tarojs/components';

/**
 * The three controls whose native element matters — a text box, a text area and a picture — in
 * WeChat: Taro's components. The browser build uses `controls.h5.tsx` (real <input>, <textarea>,
 * <img>, which take their labels, keyboards and autofill hints directly), with the same exports.
 */

/** Which keyboard (or picker) and autofill a text box asks for. `date` is `YYYY-MM-DD`, `time` `HH:MM`. */
export type Keyboard = 'text' | 'number' | 'phone' | 'code' | 'idcard' | 'date' | 'time';

export interface TextControlProps {
  className: string;
  value: string;
  onChange: (value: string) => void;
  placeholder?: string;
  /** -1 for no limit. */
  maxLength: number;
  keyboard?: Keyboard;
  password?: boolean;
  /** The earliest and latest choice of a date or time. */
  min?: string;
  max?: string;
  /** Accessible name, state and test id: attributes of the real element in the browser. */
  attributes: Record<string, string | undefined>;
}

const WECHAT_TYPE = {
  text: 'text',
  number: 'number',
  phone: 'number',
  code: 'number',
  idcard: 'idcard',
} as const;

export function TextInput({ keyboard = 'text', password = false, ...props }: TextControlProps) {
  if (keyboard === 'date' || keyboard === 'time') {
    // Dates and times are chosen, not typed: WeChat's own picker.
    return (
      <Picker
        mode={keyboard}
        value={props.value}
        start={props.min}
        end={props.max}
        onChange={(event) => props.onChange(String(event.detail.value))}
      >
        <Text className={props.className}>{props.value || props.placeholder}</Text>
      </Picker>
    );
  }
  return (
    <Input
      className={props.className}
      value={props.value}
      type={WECHAT_TYPE[keyboard]}
      password={password}
      placeholder={props.placeholder}
      maxlength={props.maxLength}
      onInput={(event) => props.onChange(event.detail.value)}
    />
  );
}

/** A text area that grows with what is written in it. */
export function TextArea(props: Omit<TextControlProps, 'keyboard' | 'password'>) {
  return (
    <Textarea
      className={props.className}
      value={props.value}
      placeholder={props.placeholder}
      maxlength={props.maxLength}
      autoHeight
      onInput={(event) => props.onChange(event.detail.value)}
    />
  );
}

export interface PictureProps {
  className: string;
  src: string;
  /** What it shows, for screen readers. */
  alt: string;
  /** Shown whole inside its box (a seal), rather than cropped to fill it (a photo). */
  whole?: boolean;
}

/** A picture cropped to fill its box, or shown whole, with its description for screen readers. */
export function Picture({ className, src, alt, whole = false }: PictureProps) {
  return (
    <Image
      className={className}
      src={src}
      mode={whole ? 'aspectFit' : 'aspectFill'}
      {...{ 'aria-label': alt }}
    />
  );
}
