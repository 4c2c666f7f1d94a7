/**
 * The browser's own PDF viewer in a frame, where it has one (`navigator.pdfViewerEnabled`: desktop
 * browsers, some phones). Phones without one save the file and open it in their reader.
 */
export function PdfFrame({
  source,
  title,
  frameRef,
}: {
  source: string;
  title: string;
  frameRef: (frame: HTMLIFrameElement | null) => void;
}) {
  return (
    <iframe ref={frameRef} className="xf-pdf-frame" src={source} title={title} data-testid="document-frame" />
  );
}

export const inlinePdf = typeof navigator !== 'undefined' && navigator.pdfViewerEnabled === true;
