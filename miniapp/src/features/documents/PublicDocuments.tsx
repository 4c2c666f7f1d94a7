import { Text, View } from '@tarojs/components';
import type { PublicDocument } from '@xinfang/shared/schemas/documents';
import { copy } from '@/copy/zh-CN';
import { formatDate } from '@/format/dates';
import { Card } from '@/ui/Card';

const text = copy.documents;

/** The lookup's view of the documents: which exist, by title and number — never their text. */
export function PublicDocuments({ documents }: { documents: readonly PublicDocument[] }) {
  if (documents.length === 0) return null;
  return (
    <Card title={text.title} testId="lookup-documents" label={text.title}>
      <Text className="xf-text xf-text--small xf-text--muted">{text.lookupIntro}</Text>
      <View role="list">
        {documents.map((document) => (
          <View key={`${document.type}-${document.issuedAt}`} role="listitem" className="xf-kv">
            <Text className="xf-kv__key">{document.title}</Text>
            <Text className="xf-kv__value">
              {[
                document.number,
                text.issued(formatDate(document.issuedAt)),
                document.delivered ? text.deliveredShort : null,
              ]
                .filter(Boolean)
                .join(' · ')}
            </Text>
          </View>
        ))}
      </View>
    </Card>
  );
}
