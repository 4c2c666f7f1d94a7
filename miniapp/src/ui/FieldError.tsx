import { Text } from '@tarojs/components';
import { useContext } from 'react';
import { ErrorsSummarised } from './focus';

/**
 * A field's error under it, with the id its field points at (aria-describedby); an alert of its
 * own unless the form says its problems once, in a summary (ErrorsSummarised).
 */
export function FieldError({ id, error }: { id: string; error: string | null | undefined | false }) {
  const summarised = useContext(ErrorsSummarised);
  if (!error) return null;
  return (
    <Text className="xf-field__error" id={id} role={summarised ? undefined : 'alert'}>
      {error}
    </Text>
  );
}
