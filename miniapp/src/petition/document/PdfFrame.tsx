/** In WeChat the reader is WeChat's own (`openDocument`): there is no frame to show. */
export function PdfFrame(_props: {
  source: string;
  title: string;
  frameRef: (frame: HTMLIFrameElement | null) => void;
}) {
  return null;
}

export const inlinePdf = false;
