import { Text, View } from '@tarojs/components';
import { copy } from '@/copy/zh-CN';
import { type Keyboard, TextArea, TextInput } from './controls';
import { FieldError } from './FieldError';
import { describedBy, useUniqueId } from './focus';

export interface TextFieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  placeholder?: string;
  /** Shows a counter and stops input at the limit (the limits come from `shared`). */
  maxLength?: number;
  multiline?: boolean;
  /** The keyboard (and autofill) the field asks for: digits for numbers, a phone pad, a code. */
  keyboard?: Keyboard;
  required?: boolean;
  error?: string | null;
  hint?: string;
  testId?: string;
  password?: boolean;
  /** A search box: no 必填/选填 tag (nobody "fills in" a search). */
  search?: boolean;
  /** For dates and times: the earliest and latest choice. */
  min?: string;
  max?: string;
}

/** Characters as the server counts them (code points), so the counter and the limit agree. */
export function lengthOf(text: string): number {
  return [...text].length;
}

/**
 * A labelled text input or text area with a character counter and its error under it. In h5 the
 * label and state are attributes of the real <input> or <textarea> (`controls.h5.tsx`), which is
 * described by its error and hint, so a screen reader says them on reaching the field.
 */
export function TextField({
  label,
  value,
  onChange,
  placeholder,
  maxLength,
  multiline = false,
  keyboard = 'text',
  required = false,
  error,
  hint,
  testId,
  password = false,
  search = false,
  min,
  max,
}: TextFieldProps) {
  const used = lengthOf(value);
  const id = useUniqueId('xf-field');
  const attributes: Record<string, string | undefined> = {
    'aria-label': `${label}${required ? `（${copy.common.required}）` : ''}`,
    'aria-invalid': error ? 'true' : 'false',
    'aria-describedby': describedBy(error && `${id}-error`, hint && `${id}-hint`),
    'aria-required': required ? 'true' : undefined,
    'data-testid': testId,
  };
  return (
    <View className={`xf-field${error ? ' xf-field--invalid' : ''}`}>
      <Text className={`xf-field__label${search ? ' xf-sr-only' : ''}`} aria-hidden="true">
        {label}
        {!search && (
          <Text className="xf-field__tag">{required ? copy.common.required : copy.common.optional}</Text>
        )}
      </Text>
      {multiline ? (
        <TextArea
          className="xf-field__textarea"
          value={value}
          placeholder={placeholder}
          maxLength={maxLength ?? -1}
          onChange={onChange}
          attributes={attributes}
        />
      ) : (
        <TextInput
          className="xf-field__input"
          value={value}
          keyboard={keyboard}
          password={password}
          min={min}
          max={max}
          placeholder={placeholder}
          maxLength={maxLength ?? 140}
          onChange={onChange}
          attributes={attributes}
        />
      )}
      {hint && (
        <Text className="xf-field__hint" id={`${id}-hint`}>
          {hint}
        </Text>
      )}
      <View className="xf-field__meta">
        <FieldError id={`${id}-error`} error={error} />
        {maxLength !== undefined && !search && (
          <Text className="xf-field__counter" aria-label={copy.common.counterLabel(used, maxLength)}>
            {copy.common.counter(used, maxLength)}
          </Text>
        )}
      </View>
    </View>
  );
}
