import { Text, View } from '@tarojs/components';
import Taro, { useRouter, useUnload } from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import { copy } from '@/copy/zh-CN';
import { documentFile, openDocument, releaseDocumentFile } from '@/services/document-file';
import { Button } from '@/ui/Button';
import { ErrorRetry, Loading, Notice } from '@/ui/Feedback';
import { Page } from '@/ui/Page';
import { inlinePdf, PdfFrame } from './PdfFrame';
import './index.scss';

const text = copy.documents;

/**
 * One document, read in place: in a browser, inline where the browser shows PDFs, with buttons to
 * save it and print it; in WeChat, WeChat's reader opens it (with its own save and print). Opening
 * the answer a petitioner is waiting for is its delivery — the server records that.
 */
export default function DocumentViewer() {
  const { id = '', title: rawTitle = '' } = useRouter().params;
  const title = decodeURIComponent(rawTitle) || text.viewerTitle;
  const [source, setSource] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const frame = useRef<HTMLIFrameElement | null>(null);

  const load = useCallback(async () => {
    setError(null);
    try {
      if (process.env.TARO_ENV === 'weapp') await openDocument(id, title);
      else setSource(await documentFile(id));
    } catch (failure) {
      setError(failure);
    }
  }, [id, title]);

  useEffect(() => {
    void load();
  }, [load]);
  useUnload(() => {
    if (source) releaseDocumentFile(source);
  });

  const save = () => {
    if (!source) return;
    const link = document.createElement('a');
    link.href = source;
    link.download = `${title}.pdf`;
    link.click();
  };
  const print = () => {
    const target = frame.current?.contentWindow;
    if (target) target.print();
    else if (source) window.open(source, '_blank');
  };

  return (
    <Page title={title} testId="document-page">
      {error ? (
        <ErrorRetry
          error={error}
          onRetry={() => void load()}
          message={text.loadFailed}
          testId="document-error"
        />
      ) : process.env.TARO_ENV === 'weapp' ? (
        <Button variant="primary" onPress={() => void load()} testId="document-reopen">
          {text.open(title)}
        </Button>
      ) : !source ? (
        <Loading text={text.opening} />
      ) : (
        <View className="xf-document-viewer" data-testid="document-ready">
          <View className="xf-row">
            <Button variant="primary" inline onPress={save} testId="document-save">
              {text.save}
            </Button>
            {inlinePdf && (
              <Button inline onPress={print} testId="document-print">
                {text.print}
              </Button>
            )}
            <Button inline onPress={() => void Taro.navigateBack()} testId="document-back">
              {copy.common.back}
            </Button>
          </View>
          {inlinePdf ? (
            <PdfFrame source={source} title={title} frameRef={(f) => (frame.current = f)} />
          ) : (
            <Notice tone="info" testId="document-no-inline">
              <Text>{text.noInlineViewer}</Text>
            </Notice>
          )}
        </View>
      )}
    </Page>
  );
}
