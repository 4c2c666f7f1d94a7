import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync, inflateSync } from 'node:zlib';
import fc from 'fast-check';
import { PDFDocument, PDFName, PDFRawStream, PDFString } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MediaRefused } from './media';
import { sanitizePdf } from './pdf/sanitize';

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

/**
 * A page whose content stream's `/Length` is an indirect object written after it, over data that
 * holds the word `endstream`; object 4 is the Info dictionary.
 */
const CONTENT = 'BT ET % endstream 9 0 obj here is no object\n';
const withIndirectLength = () =>
  handMade(
    [
      catalog(),
      pages,
      page('/Contents 5 0 R'),
      '<< /Author (x) >>',
      `<< /Length 6 0 R >>\nstream\n${CONTENT}\nendstream`,
      String(CONTENT.length),
    ],
    '<< /Size 7 /Root 1 0 R /Info 4 0 R >>',
  );

let dir = '';
let files = 0;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'xinfang-pdf-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The PDF as kept: written to a file, sanitized into another, read back; size and hash checked. */
async function sanitized(input: Buffer): Promise<{ kept: Buffer; path: string }> {
  files += 1;
  const from = join(dir, `${files}.pdf`);
  const path = join(dir, `${files}-kept.pdf`);
  await writeFile(from, input);
  try {
    const written = await sanitizePdf(from, path);
    const kept = await readFile(path);
    expect(written).toEqual({
      byteSize: kept.length,
      sha256: createHash('sha256').update(kept).digest('hex'),
    });
    return { kept, path };
  } catch (error) {
    expect(existsSync(path)).toBe(false);
    throw error;
  } finally {
    await rm(from);
  }
}

async function refusalOf(input: Buffer): Promise<string | null> {
  try {
    await sanitized(input);
    return null;
  } catch (error) {
    if (error instanceof MediaRefused) return error.reason;
    throw error;
  }
}

/** Whether `text` is in the bytes, written plainly, as a hex string, or as UTF-16 (how pdf-lib writes it). */
function mentions(bytes: Buffer, text: string): boolean {
  const utf16 = Buffer.from(`\ufeff${text}`, 'utf16le').swap16();
  const forms = [Buffer.from(text), utf16].flatMap((form) => [
    form,
    Buffer.from(form.toString('hex')),
    Buffer.from(form.toString('hex').toUpperCase()),
  ]);
  return forms.some((form) => bytes.includes(form));
}

/**
 * Checks the cross-reference table the sanitizer wrote (§7.5.4): `startxref` points at it, every
 * entry is 20 bytes, every object in use is where its entry says. Returns the numbers in use.
 */
function objectsInXref(kept: Buffer): number[] {
  const text = kept.toString('latin1');
  const at = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(text)?.[1]);
  const lines = text.slice(at).split('\n');
  expect(lines.shift()).toBe('xref');
  const used: number[] = [];
  for (let header = lines.shift(); header && header !== 'trailer'; header = lines.shift()) {
    const [first, count] = header.split(' ').map(Number) as [number, number];
    for (let num = first; num < first + count; num += 1) {
      const entry = `${lines.shift()}\n`;
      expect(entry).toMatch(/^\d{10} \d{5} [nf] \n$/);
      if (!entry.includes(' n ')) continue;
      const [offset, gen] = entry.split(' ').map(Number) as [number, number];
      expect(text.slice(offset, offset + 20)).toMatch(new RegExp(`^${num} ${gen} obj\n`));
      used.push(num);
    }
  }
  return used;
}

/** The data of every stream in the file, inflated where it inflates. */
function streamsOf(bytes: Buffer): Buffer[] {
  const found: Buffer[] = [];
  for (let at = bytes.indexOf('stream\n'); at >= 0; at = bytes.indexOf('stream\n', at + 1)) {
    const end = bytes.indexOf('\nendstream', at);
    if (end < 0) break;
    const data = bytes.subarray(at + 7, end);
    try {
      found.push(inflateSync(data));
    } catch {
      found.push(data);
    }
  }
  return found;
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

    const { kept, path } = await sanitized(input);
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
    // Every object the table lists is where it says, and pdf-lib, scanning the file, finds no other.
    const scanned = (await PDFDocument.load(kept, { updateMetadata: false })).context;
    expect(objectsInXref(kept)).toEqual(scanned.enumerateIndirectObjects().map(([ref]) => ref.objectNumber));

    // Read back by another reader too: poppler finds no metadata, and the page's text.
    const info = execFileSync('pdfinfo', [path], { encoding: 'utf8' });
    expect(info).toMatch(/^Pages:\s+1$/m);
    expect(info).not.toMatch(/^(Author|Creator|Producer|Title):/m);
    expect(execFileSync('pdftotext', [path, '-'], { encoding: 'utf8' })).toContain('Petition material');
  });

  it('drops the information dictionary of an older revision and objects nothing refers to', async () => {
    const base = await onePage((document) => {
      document.setAuthor('OldRevisionAuthor');
    });
    // An incremental update (§7.5.6): a new Info dictionary, an orphan, a new xref section and trailer.
    const size = (await PDFDocument.load(base)).context.largestObjectNumber + 1;
    const catalog = /\/Root (\d+) 0 R/.exec(base.toString('latin1'))?.[1];
    const update =
      `${size} 0 obj\n<< /Producer (NewRevisionProducer) >>\nendobj\n` +
      `${size + 1} 0 obj\n(OrphanedObject)\nendobj\n`;
    const xrefAt = base.length + update.length;
    const input = Buffer.concat([
      base,
      Buffer.from(
        `${update}xref\n0 1\n0000000000 65535 f \ntrailer\n<< /Size ${size + 2} /Root ${catalog} 0 R /Info ${size} 0 R >>\nstartxref\n${xrefAt}\n%%EOF\n`,
        'latin1',
      ),
    ]);
    expect(mentions(input, 'OldRevisionAuthor')).toBe(true);

    const { kept } = await sanitized(input);
    for (const gone of ['OldRevisionAuthor', 'NewRevisionProducer', 'OrphanedObject', '张伟']) {
      expect(mentions(kept, gone), gone).toBe(false);
    }
    expect(objectsInXref(kept)).not.toContain(size + 1);
    expect((await PDFDocument.load(kept)).getPageCount()).toBe(1);
  });

  it('drops an information dictionary packed in an object stream', async () => {
    const input = await onePage((document) => {
      document.setAuthor('PackedAuthor');
    }, true);
    expect(input.toString('latin1')).toContain('/ObjStm');
    expect(streamsOf(input).some((data) => mentions(data, 'PackedAuthor'))).toBe(true);

    const { kept, path } = await sanitized(input);
    expect(kept.toString('latin1')).not.toMatch(/\/ObjStm|\/XRef/);
    expect(mentions(kept, 'PackedAuthor')).toBe(false);
    expect(streamsOf(kept).some((data) => mentions(data, 'PackedAuthor'))).toBe(false);
    const read = await PDFDocument.load(kept, { updateMetadata: false });
    expect([read.getPageCount(), read.getAuthor()]).toEqual([1, undefined]);
    expect(execFileSync('pdftotext', [path, '-'], { encoding: 'utf8' })).toContain('Petition material');
  });

  it('copies a stream whose /Length is an indirect object, even when its data holds the word endstream', async () => {
    const input = withIndirectLength();
    const { kept } = await sanitized(input);
    const read = await PDFDocument.load(kept);
    const stream = read.getPage(0).node.Contents();
    expect(stream).toBeInstanceOf(PDFRawStream);
    expect(Buffer.from((stream as PDFRawStream).getContents()).toString('latin1')).toBe(CONTENT);
    // The Info dictionary's number is a free entry now, linked from entry 0; the length is inlined.
    expect(objectsInXref(kept)).toEqual([1, 2, 3, 5]);
    expect(kept.toString('latin1')).toContain('xref\n0 6\n0000000004 65535 f \n');
  });

  it('keeps the end of line that an indirect /Length counts as data', async () => {
    const input = handMade([
      catalog(),
      pages,
      page('/Contents 4 0 R'),
      '<< /Length 5 0 R >>\nstream\nq Q\nendstream',
      '4',
    ]);
    const { kept } = await sanitized(input);
    const stream = (await PDFDocument.load(kept)).getPage(0).node.Contents() as PDFRawStream;
    expect(Buffer.from(stream.getContents()).toString('latin1')).toBe('q Q\n');
  });

  it('follows an object with hundreds of thousands of references', async () => {
    const refs = Array.from({ length: 300_000 }, (_, i) => `${i + 10} 0 R`).join(' ');
    const input = handMade([catalog(), pages, page(`/Annots [${refs}]`)]);
    const { kept } = await sanitized(input);
    expect(objectsInXref(kept)).toEqual([1, 2, 3]);
    // A 3.6 MB object to parse: ~1.8 s alone, past vitest's 5 s on a loaded machine (seen in CI).
  }, 60_000);

  it('lists numbers far apart in subsections of their own', async () => {
    // Object 4, unused, ends early so that object 40 (the page's content) follows it.
    const input = handMade([
      catalog(),
      pages,
      page('/Contents 40 0 R'),
      '<< >>\nendobj\n40 0 obj\n<< /Length 4 >>\nstream\nq Q\n\nendstream',
    ]);
    const { kept } = await sanitized(input);
    expect(objectsInXref(kept)).toEqual([1, 2, 3, 40]);
    expect(kept.toString('latin1')).toMatch(/\nxref\n0 4\n(.{18} \n){4}40 1\n.{18} \ntrailer\n<< \/Size 41 /);
    expect((await PDFDocument.load(kept)).getPageCount()).toBe(1);
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

  it('refuses what would take too much memory to check: a huge object, an object stream bomb', async () => {
    // One object's text may take 4 MiB; this one is unreferenced, so it is read and dropped.
    const withString = (mib: number) =>
      handMade([catalog(), pages, page(), `(${'x'.repeat(mib * 1024 * 1024)})`]);
    expect(await refusalOf(withString(5))).toBe('undecodable');
    expect(await refusalOf(withString(3))).toBeNull();
    // One small object, then 17 MiB of zeros (white space in PDF) that deflate to some 17 KB: it
    // would be read but for the 16 MiB an object stream may inflate to.
    const packedObjects = (padding: number) => {
      const data = Buffer.concat([Buffer.from('5 0 << /Type /Annot >>', 'latin1'), Buffer.alloc(padding)]);
      const deflated = deflateSync(data).toString('latin1');
      return `<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length ${deflated.length} >>\nstream\n${deflated}\nendstream`;
    };
    const bomb = packedObjects(17 * 1024 * 1024);
    expect(await refusalOf(handMade([catalog(), pages, page(), bomb]))).toBe('undecodable');
    const fine = packedObjects(15 * 1024 * 1024);
    expect(await refusalOf(handMade([catalog(), pages, page(), fine]))).toBeNull();
  });
});

describe('damaged PDFs', () => {
  it('are kept as files a reader loads, or refused — never another error, never a hang', async () => {
    const bases = [
      await onePage(),
      await onePage(undefined, true),
      handMade([catalog(), pages, page('/Annots [4 0 R]'), link('/S /GoTo /D [3 0 R /Fit]')]),
      withIndirectLength(),
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...bases),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 3 }),
        fc.option(fc.nat(), { nil: undefined, freq: 4 }),
        async (base, flips, cut) => {
          const input = Buffer.from(base);
          for (const [at, byte] of flips) input[at % input.length] = byte;
          const damaged = cut === undefined ? input : input.subarray(0, cut % input.length);
          let kept: Buffer;
          try {
            kept = (await sanitized(damaged)).kept;
          } catch (error) {
            expect(error).toBeInstanceOf(MediaRefused);
            return;
          }
          await PDFDocument.load(kept, { updateMetadata: false });
        },
      ),
      { numRuns: 150 },
    );
  }, 60_000);
});

describe('PDFs as writers make them', () => {
  it('keep every page and lose the author, packed in object streams or not', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 4 }),
        fc.string({ minLength: 1, maxLength: 12, unit: 'grapheme' }),
        fc.boolean(),
        async (pageCount, author, objectStreams) => {
          const document = await PDFDocument.create({ updateMetadata: false });
          for (let i = 0; i < pageCount; i += 1) document.addPage([200, 200]).drawText(`page ${i}`);
          document.setAuthor(`AUTHOR:${author}`);
          const input = Buffer.from(await document.save({ useObjectStreams: objectStreams }));
          const inInput = [input, ...streamsOf(input)].some((data) => mentions(data, `AUTHOR:${author}`));
          expect(inInput).toBe(true);

          const { kept } = await sanitized(input);
          const read = await PDFDocument.load(kept, { updateMetadata: false });
          expect(read.getPageCount()).toBe(pageCount);
          expect(read.getAuthor()).toBeUndefined();
          expect(mentions(kept, `AUTHOR:${author}`)).toBe(false);
        },
      ),
      { numRuns: 25 },
    );
  }, 60_000);
});
