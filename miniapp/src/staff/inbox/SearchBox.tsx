import { View } from '@tarojs/components';
import { useState } from 'react';
import { staffCopy } from '@/copy/staff';
import { Button } from '@/ui/Button';
import { TextField } from '@/ui/TextField';
import { parseSearch } from './query';

const text = staffCopy.inbox;

/** Search by petition number or by the petitioner's phone (matched on its hash by the server). */
export function SearchBox({
  active,
  onSearch,
}: {
  active: string | null;
  onSearch: (term: string | null) => void;
}) {
  const [typed, setTyped] = useState(active ?? '');
  const [problem, setProblem] = useState<string | null>(null);
  const submit = () => {
    const parsed = parseSearch(typed);
    if (parsed === null) {
      setProblem(null);
      onSearch(null);
    } else if ('error' in parsed) setProblem(parsed.error);
    else {
      setProblem(null);
      onSearch(parsed.search);
    }
  };
  return (
    <View className="staff-search" role="search" aria-label={text.search}>
      <TextField
        label={text.search}
        value={typed}
        onChange={setTyped}
        maxLength={20}
        placeholder={text.searchPlaceholder}
        search
        error={problem}
        testId="staff-search"
      />
      <View className="xf-row">
        <Button inline variant="primary" onPress={submit} testId="staff-search-submit">
          {text.searchSubmit}
        </Button>
        {active && (
          <Button
            inline
            onPress={() => {
              setTyped('');
              onSearch(null);
            }}
            label={`${text.searchClear}（${active}）`}
            testId="staff-search-clear"
          >
            {text.searchClear}
          </Button>
        )}
      </View>
    </View>
  );
}
