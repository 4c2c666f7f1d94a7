import { Text, View } from '@tarojs/components';
import type { OrgUnit } from '@xinfang/shared/schemas/identity';
import { useEffect, useState } from 'react';
import { UnitPicker } from '@/features/submission/UnitPicker';
import { getUnits } from '@/services/org';
import { Loading } from '@/ui/Feedback';
import { StaffError } from '../ui/StaffPage';
import { subtreeUnits } from './oversight-forms';

/**
 * A form's choice of one unit of the person's subtree (a suggestion's or a 下访's unit): the units
 * load with the field, and the field says so while they load or when they cannot.
 */
export function SubtreeUnitField({
  rootId,
  label,
  value,
  onChange,
  error,
  testId,
}: {
  rootId: string;
  label: string;
  value: string | null;
  onChange: (unitId: string) => void;
  error: string | null;
  testId: string;
}) {
  const [units, setUnits] = useState<OrgUnit[] | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  useEffect(() => {
    getUnits()
      .then((all) => setUnits(subtreeUnits(all, rootId)))
      .catch(setFailure);
  }, [rootId]);
  return (
    <View className="staff-unit-param" data-testid={testId}>
      <Text className="xf-field__label" aria-hidden="true">
        {label}
      </Text>
      {failure ? (
        <StaffError error={failure} what={label} />
      ) : units === null ? (
        <Loading />
      ) : (
        <UnitPicker units={units} value={value} onChange={onChange} error={error} label={label} />
      )}
    </View>
  );
}
