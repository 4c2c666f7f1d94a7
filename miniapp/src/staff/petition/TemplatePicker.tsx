import { Text, View } from '@tarojs/components';
import type { PetitionKind } from '@xinfang/shared/lifecycle';
import type { ReplyTemplate } from '@xinfang/shared/schemas/petitions';
import { useEffect, useState } from 'react';
import { staffCopy } from '@/copy/staff';
import { Button } from '@/ui/Button';
import { StatusLine } from '@/ui/Feedback';
import type { FormValues } from '../forms/action-form';
import { replyTemplates } from '../services/staff-api';

const text = staffCopy.detail;

/**
 * The reusable wording of decision letters for this category and kind, kept by my unit and the
 * units above it: choosing one fills the facts and reasons, the decision and the legal basis, which
 * the handler then fits to the case. The request and the outcome stay the case's own.
 */
export function TemplatePicker({
  categoryCode,
  kind,
  onUse,
}: {
  categoryCode: string;
  kind: PetitionKind;
  onUse: (patch: FormValues) => void;
}) {
  const [templates, setTemplates] = useState<ReplyTemplate[] | null>(null);
  const [failed, setFailed] = useState(false);
  const [used, setUsed] = useState<string | null>(null);
  useEffect(() => {
    let alive = true;
    replyTemplates({ categoryCode, kind })
      .then((list) => alive && setTemplates(list))
      .catch(() => alive && setFailed(true));
    return () => {
      alive = false;
    };
  }, [categoryCode, kind]);

  return (
    <View className="staff-templates" role="group" aria-label={text.templates} data-testid="letter-templates">
      <Text className="xf-text xf-text--strong">{text.templates}</Text>
      <Text className="xf-text xf-text--small xf-text--muted">{text.templatesIntro}</Text>
      {failed ? (
        <Text className="xf-text xf-text--muted">{text.templatesFailed}</Text>
      ) : templates === null ? null : templates.length === 0 ? (
        <Text className="xf-text xf-text--muted">{text.templatesEmpty}</Text>
      ) : (
        <View className="xf-row">
          {templates.map((template) => (
            <Button
              key={template.id}
              inline
              onPress={() => {
                onUse({
                  factsAndReasons: template.factsAndReasons,
                  decision: template.decision,
                  legalBasis: template.legalBasis ?? '',
                });
                setUsed(template.title);
              }}
              label={text.templateLabel(template.title)}
              testId="letter-template"
            >
              {template.title}
            </Button>
          ))}
        </View>
      )}
      <StatusLine text={used ? text.templateUsed(used) : null} testId="letter-template-used" />
    </View>
  );
}
