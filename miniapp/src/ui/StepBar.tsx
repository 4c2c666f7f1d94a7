import { Text, View } from '@tarojs/components';
import { copy } from '@/copy/zh-CN';
import { STEPS, type Step } from '@/features/progress/progress';

/**
 * The five plain steps of a petition (已提交 → 已受理 → 办理中 → 已答复 → 评价), the ones reached
 * marked, the current one named for screen readers. In large text it stacks, one step a line.
 */
export function StepBar({ reached, caption }: { reached: Step; caption?: string | null }) {
  const at = STEPS.indexOf(reached);
  const text = copy.progress;
  return (
    <View className="xf-steps" data-testid="step-bar" data-reached={reached}>
      {caption && <Text className="xf-steps__caption">{caption}</Text>}
      <View className="xf-steps__list" role="list" aria-label={text.label}>
        {STEPS.map((step, i) => {
          const state = i < at ? 'done' : i === at ? 'current' : 'todo';
          return (
            <View
              key={step}
              className={`xf-steps__step xf-steps__step--${state}`}
              role="listitem"
              data-step={step}
              data-state={state}
              {...(state === 'current' ? { 'aria-current': 'step' } : {})}
            >
              <View className="xf-steps__dot" aria-hidden="true">
                <Text>{state === 'todo' ? String(i + 1) : '✓'}</Text>
              </View>
              <Text className="xf-steps__label">
                {text.steps[step]}
                {state === 'todo' ? <Text className="xf-sr-only">{text.todo}</Text> : null}
              </Text>
            </View>
          );
        })}
      </View>
    </View>
  );
}
