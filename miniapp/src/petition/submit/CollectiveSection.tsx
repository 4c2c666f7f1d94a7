import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { copy } from '@/copy/zh-CN';
import {
  addRepresentative,
  LIMITS,
  type Problems,
  removeRepresentative,
  type SubmissionFields,
} from '@/features/submission/form';
import { heading } from '@/ui/a11y';
import { Button } from '@/ui/Button';
import { Card } from '@/ui/Card';
import { FieldError } from '@/ui/FieldError';
import { useUniqueId } from '@/ui/focus';
import { Switch } from '@/ui/Switch';
import { TextField } from '@/ui/TextField';

const text = copy.submit;

/** 集体访 (Art 20): the headcount and one to five representatives, when several people ask together. */
export function CollectiveSection({
  fields,
  setFields,
  problems,
  tried,
  hint,
}: {
  fields: SubmissionFields;
  setFields: (patch: Partial<SubmissionFields>) => void;
  problems: Problems;
  tried: boolean;
  hint: ReactNode;
}) {
  const show = (field: 'headcount' | 'representatives') => (tried ? (problems.fields[field] ?? null) : null);
  const id = useUniqueId('representatives');
  return (
    <Card title={text.steps.collective}>
      <Switch
        label={text.collectiveToggle}
        checked={fields.collective}
        onChange={(collective) => setFields({ collective })}
        testId="collective-toggle"
      />
      {hint}
      {fields.collective && (
        <View>
          <TextField
            label={text.headcount}
            value={fields.headcount}
            keyboard="number"
            maxLength={6}
            onChange={(headcount) => setFields({ headcount })}
            placeholder={text.headcountPlaceholder}
            required
            error={show('headcount')}
            testId="headcount-input"
          />
          <Text className="xf-field__label" {...heading(3)}>
            {text.representatives}
          </Text>
          <View
            role="group"
            aria-label={text.representatives}
            aria-invalid={show('representatives') ? 'true' : undefined}
            aria-describedby={show('representatives') ? `${id}-error` : undefined}
          >
            {fields.representatives.map((name, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the lines are positional and edited in place
              <View key={`rep-${i}`} className="representative">
                <TextField
                  label={text.representative(i + 1)}
                  value={name}
                  maxLength={LIMITS.representativeName}
                  onChange={(value) =>
                    setFields({
                      representatives: fields.representatives.map((n, j) => (j === i ? value : n)),
                    })
                  }
                  required={i === 0}
                  error={tried ? problems.representatives[i] : null}
                  testId={`representative-${i}`}
                />
                {fields.representatives.length > 1 && (
                  <Button
                    inline
                    variant="danger"
                    onPress={() =>
                      setFields({ representatives: removeRepresentative(fields.representatives, i) })
                    }
                    label={text.removeRepresentative(i + 1)}
                  >
                    {copy.common.remove}
                  </Button>
                )}
              </View>
            ))}
            <FieldError id={`${id}-error`} error={show('representatives')} />
          </View>
          <Button
            inline
            disabled={fields.representatives.length >= LIMITS.representatives}
            onPress={() => setFields({ representatives: addRepresentative(fields.representatives) })}
            testId="representative-add"
          >
            {text.addRepresentative}
          </Button>
        </View>
      )}
    </Card>
  );
}
