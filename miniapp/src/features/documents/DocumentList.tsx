import { Text, View } from '@tarojs/components';
import type { DocumentSummary } from '@xinfang/shared/schemas/documents';
import { useCallback, useEffect, useState } from 'react';
import { copy } from '@/copy/zh-CN';
import { formatDate, formatDateString } from '@/format/dates';
import { openDocument } from '@/services/document-file';
import { listDocuments } from '@/services/documents';
import { Button } from '@/ui/Button';
import { Card } from '@/ui/Card';
import { ErrorRetry, Loading } from '@/ui/Feedback';
import './DocumentList.scss';

const text = copy.documents;

/**
 * The written notices of one petition, each with a large button to open it (WeChat's reader, or the
 * viewer page in a browser), its number, when it was issued and whether it has been delivered. An
 * answer still waiting says that opening it counts as receiving it. `version` reloads the list when
 * the case changes; `onOpened` lets the page reload the case after an opening (it may be a delivery).
 */
export function DocumentList({
  petitionId,
  version,
  onOpened,
  staff = false,
}: {
  petitionId: string;
  version: number;
  onOpened?: () => void;
  /**
   * Staff read it: an answer waiting is theirs to deliver (their opening is not its delivery), one
   * without the unit's seal is theirs to stamp by hand before it goes out on paper, and a rare
   * character no font has (printed as 「□」) theirs to write in.
   */
  staff?: boolean;
}) {
  const [items, setItems] = useState<DocumentSummary[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [opening, setOpening] = useState<string | null>(null);

  const load = useCallback(async () => {
    setError(null);
    try {
      setItems((await listDocuments(petitionId)).items);
    } catch (failure) {
      setError(failure);
    }
  }, [petitionId]);

  useEffect(() => {
    void version;
    void load();
  }, [load, version]);

  const open = async (document: DocumentSummary) => {
    if (opening) return;
    setOpening(document.id);
    setError(null);
    try {
      await openDocument(document.id, document.title);
      onOpened?.();
    } catch (failure) {
      setError(failure);
    } finally {
      setOpening(null);
    }
  };

  return (
    <Card title={text.title} testId="documents" label={text.title}>
      <Text className="xf-text xf-text--small xf-text--muted">{text.intro}</Text>
      {error ? (
        <ErrorRetry error={error} onRetry={() => void load()} what={text.title} testId="documents-error" />
      ) : null}
      {items === null ? (
        error ? null : (
          <Loading />
        )
      ) : items.length === 0 ? (
        <Text className="xf-text xf-text--muted">{text.empty}</Text>
      ) : (
        <View role="list">
          {items.map((document) => (
            <View
              key={document.id}
              role="listitem"
              className="xf-document"
              data-testid="document"
              data-type={document.type}
            >
              <Text className="xf-document__title">{document.title}</Text>
              {document.number && <Text className="xf-document__meta">{document.number}</Text>}
              <Text className="xf-document__meta">{text.issued(formatDate(document.issuedAt))}</Text>
              {document.delivery && (
                <Text className="xf-document__meta" data-testid="document-delivered">
                  {text.delivered(
                    formatDateString(document.delivery.deliveredOn),
                    text.methods[document.delivery.method],
                  )}
                </Text>
              )}
              {staff && !document.sealed && (
                <Text className="xf-document__awaiting" data-testid="document-unsealed">
                  {text.unsealedStaff}
                </Text>
              )}
              {staff && document.unprintable?.length ? (
                <Text className="xf-document__awaiting" data-testid="document-unprintable">
                  {text.unprintableStaff(document.unprintable)}
                </Text>
              ) : null}
              {document.awaitingDelivery && (
                <Text className="xf-document__awaiting" data-testid="document-awaiting">
                  {staff ? text.awaitingStaff : text.awaiting}
                </Text>
              )}
              <Button
                variant={document.awaitingDelivery ? 'primary' : 'secondary'}
                onPress={() => void open(document)}
                busy={opening === document.id}
                busyText={text.opening}
                label={text.open(document.title)}
                testId={`document-open-${document.type}`}
              >
                {text.open(document.title)}
              </Button>
            </View>
          ))}
        </View>
      )}
    </Card>
  );
}
