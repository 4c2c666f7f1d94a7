import { PDFDocument, PDFName, PDFString } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { MediaRefused, sanitizePdf } from './media';

/**
 * Uploaded PDFs: kept only without active content, and without who made them. The documents are
 * made here with pdf-lib, and by hand where a trick needs bytes pdf-lib would not write; what is
 * kept is read back.
 */

async function onePage(build?: (document: PDFDocument) => void | Promise<void>, objectStreams = false) {
  const document = await PDFDocument.create({ updateMetadata: false });
  document.addPage([200, 200]).drawText('Petition material', { x: 10, y: 100, size: 12 });
  document.setAuthor('张伟');
  document.setCreator('WPS Office');
  document.setProducer('东山矿区打印店');
  document.setTitle('关于工资拖欠的材料');
  await build?.(document);
  return Buffer.from(await document.save({ useObjectStreams: objectStreams }));
}

/** A PDF written by hand: `objects` as given, a cross-reference pointer and the end marker. */
function handMade(objects: string[], trailer = '<< /Size 9 /Root 1 0 R >>') {
  const body = objects.map((o, i) => `${i + 1} 0 obj\n${o}\nendobj\n`).join('');
  return Buffer.from(
    `%PDF-1.7\n${body}xref\n0 1\n0000000000 65535 f \ntrailer\n${trailer}\nstartxref\n9\n%%EOF\n`,
    'latin1',
  );
}
const catalog = (extra = '') => `<< /Type /Catalog /Pages 2 0 R ${extra} >>`;
const pages = '<< /Type /Pages /Kids [3 0 R] /Count 1 >>';
const page = (extra = '') => `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] ${extra} >>`;
const link = (action: string) => `<< /Type /Annot /Subtype /Link /Rect [0 0 9 9] /A << ${action} >> >>`;

async function refusalOf(input: Buffer): Promise<string | null> {
  try {
    await sanitizePdf(input);
    return null;
  } catch (error) {
    if (error instanceof MediaRefused) return error.reason;
    throw error;
  }
}

describe('uploaded PDFs', () => {
  it('keep their pages and lose their metadata: author, creator, producer, title, XMP', async () => {
    const input = await onePage(async (document) => {
      const xmp = document.context.stream('<x:xmpmeta><dc:creator>张伟</dc:creator></x:xmpmeta>', {
        Type: 'Metadata',
        Subtype: 'XML',
      });
      document.catalog.set(PDFName.of('Metadata'), document.context.register(xmp));
    });
    expect((await PDFDocument.load(input)).getAuthor()).toBe('张伟');

    const kept = await sanitizePdf(input);
    const read = await PDFDocument.load(kept, { updateMetadata: false });
    expect(read.getPageCount()).toBe(1);
    expect([read.getAuthor(), read.getCreator(), read.getProducer(), read.getTitle()]).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    expect(read.catalog.get(PDFName.of('Metadata'))).toBeUndefined();
    const text = kept.toString('latin1');
    expect(text).not.toContain('xmpmeta');
    expect(text).not.toMatch(/\/Author|\/Producer|\/Creator/);
  });

  it('refuses scripts and actions, however they are written or packed', async () => {
    const js = (document: PDFDocument) => {
      const action = document.context.obj({ S: 'JavaScript', JS: PDFString.of('app.alert(1)') });
      document.catalog.set(PDFName.of('OpenAction'), document.context.register(action));
    };
    const annotationAction = (document: PDFDocument) => {
      const launch = document.context.obj({ S: 'Launch', F: PDFString.of('cmd.exe') });
      const annotation = document.context.obj({
        Type: 'Annot',
        Subtype: 'Link',
        Rect: [0, 0, 10, 10],
        AA: { O: launch },
      });
      document
        .getPage(0)
        .node.set(PDFName.of('Annots'), document.context.obj([document.context.register(annotation)]));
    };
    for (const [what, input] of [
      ['an OpenAction script', await onePage(js)],
      ['a script inside a compressed object stream', await onePage(js, true)],
      ['a Launch in an annotation’s additional actions', await onePage(annotationAction, true)],
      [
        'an escaped action type',
        handMade([catalog(), pages, page('/Annots [4 0 R]'), link('/S /J#61vaScript')]),
      ],
      [
        'a lower-case escape',
        handMade([catalog(), pages, page('/Annots [4 0 R]'), link('/S /#4aavaScript')]),
      ],
      ['an escaped key', handMade([catalog(), pages, page('/Annots [4 0 R]'), link('/S /Named /J#53 (x)')])],
      [
        'additional actions on a page',
        handMade([catalog(), pages, page('/AA << /O 4 0 R >>'), '<< /S /SubmitForm >>']),
      ],
      ['an XFA form', handMade([catalog('/AcroForm << /XFA 4 0 R >>'), pages, page(), '<< >>'])],
    ] as const) {
      expect(await refusalOf(input), what).toBe('active_content');
    }
  });

  it('keeps a link that only goes to another page', async () => {
    const input = handMade([catalog(), pages, page('/Annots [4 0 R]'), link('/S /GoTo /D [3 0 R /Fit]')]);
    expect(await refusalOf(input)).toBeNull();
  });

  it('refuses embedded files', async () => {
    const input = await onePage(async (document) => {
      await document.attach(Buffer.from('MZ…'), 'payload.exe', { mimeType: 'application/octet-stream' });
    });
    expect(await refusalOf(input)).toBe('active_content');
  });

  it('refuses what cannot be read whole: encrypted, cut off, or only a PDF by name', async () => {
    const encrypted = handMade(
      [catalog(), pages, page(), '<< /Filter /Standard /V 2 /R 3 /O (x) /U (y) /P -4 >>'],
      '<< /Size 5 /Root 1 0 R /Encrypt 4 0 R >>',
    );
    expect(await refusalOf(encrypted)).toBe('undecodable');
    const whole = await onePage();
    expect(await refusalOf(whole.subarray(0, Math.floor(whole.length / 2)))).toBe('undecodable');
    expect(await refusalOf(Buffer.from('%PDF-1.7\nnot really\n'))).toBe('undecodable');
  });
});
