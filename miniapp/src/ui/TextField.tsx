import { Input, Text, Textarea, View } from '@tarojs/components';
import { copy } from '@/copy/zh-CN';

export interface TextFieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  placeholder?: string;
  /** Shows a counter and stops input at the limit (the limits come from `shared`). */
  maxLength?: number;
  multiline?: boolean;
  type?: 'text' | 'number' | 'digit' | 'idcard';
  required?: boolean;
  error?: string | null;
  hint?: string;
  testId?: string;
  password?: boolean;
}

/** Characters as the server counts them (code points), so the counter and the limit agree. */
export function lengthOf(text: string): number {
  return [...text].length;
}

/**
 * A labelled text input or text area with a character counter and its error under it. In h5 the
 * label and state go onto the real <input> inside Taro's element (its `nativeProps`).
 */
export function TextField({
  label,
  value,
  onChange,
  placeholder,
  maxLength,
  multiline = false,
  type = 'text',
  required = false,
  error,
  hint,
  testId,
  password = false,
}: TextFieldProps) {
  const used = lengthOf(value);
  const native: Record<string, unknown> = {
    'aria-label': `${label}${required ? `（${copy.common.required}）` : ''}`,
    'aria-invalid': error ? 'true' : 'false',
    'aria-required': required ? 'true' : undefined,
    'data-testid': testId,
  };
  const onInput = (event: { detail: { value: string } }) => onChange(event.detail.value);
  return (
    <View className={`xf-field${error ? ' xf-field--invalid' : ''}`}>
      <Text className="xf-field__label" aria-hidden="true">
        {label}
        <Text className="xf-field__tag">{required ? copy.common.required : copy.common.optional}</Text>
      </Text>
      {multiline ? (
        <Textarea
          className="xf-field__textarea"
          value={value}
          placeholder={placeholder}
          maxlength={maxLength ?? -1}
          onInput={onInput}
          nativeProps={native}
        />
      ) : (
        <Input
          className="xf-field__input"
          value={value}
          type={type}
          password={password}
          placeholder={placeholder}
          maxlength={maxLength ?? 140}
          onInput={onInput}
          nativeProps={native}
        />
      )}
      {hint && <Text className="xf-field__hint">{hint}</Text>}
      <View className="xf-field__meta">
        {error ? (
          <Text className="xf-field__error" role="alert">
            {error}
          </Text>
        ) : null}
        {maxLength !== undefined && (
          <Text className="xf-field__counter" aria-label={copy.common.counterLabel(used, maxLength)}>
            {copy.common.counter(used, maxLength)}
          </Text>
        )}
      </View>
    </View>
  );
}
