import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { adminCopy } from '@/copy/admin';
import { Button } from '@/ui/Button';
import { TextField } from '@/ui/TextField';
import { chooseTextFile } from '../platform/text-file';

/** A file's text, chosen from the device or pasted in (a roster, a holiday notice). */
export function TextSource({
  label,
  value,
  onChange,
  accept,
  hint,
  maxLength,
  testId,
}: {
  label: string;
  value: string;
  onChange: (text: string) => void;
  accept: string;
  hint?: string;
  maxLength: number;
  testId: string;
}) {
  const [file, setFile] = useState<string | null>(null);
  const [unreadable, setUnreadable] = useState(false);
  const choose = () =>
    void chooseTextFile(accept).then(
      (chosen) => {
        setUnreadable(false);
        if (!chosen) return;
        setFile(chosen.name);
        onChange(chosen.text);
      },
      () => setUnreadable(true),
    );
  return (
    <View className="admin-source">
      <Button inline onPress={choose} testId={`${testId}-file`}>
        {adminCopy.common.chooseFile}
      </Button>
      {file && <Text className="xf-text xf-text--small">{adminCopy.common.fileRead(file)}</Text>}
      {unreadable && (
        <Text className="xf-text xf-text--small" role="alert">
          {adminCopy.common.fileUnreadable}
        </Text>
      )}
      <Text className="xf-text xf-text--small xf-text--muted">{adminCopy.common.orPaste}</Text>
      <TextField
        label={label}
        value={value}
        onChange={onChange}
        multiline
        maxLength={maxLength}
        hint={hint}
        testId={testId}
      />
    </View>
  );
}
