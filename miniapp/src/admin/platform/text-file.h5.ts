/**
 * The h5 twin of `text-file.ts`: the browser's file picker, the file read as UTF-8 — or, when it is
 * not UTF-8, as GB 18030 (what an older spreadsheet saves a Chinese CSV as). Null when nothing was chosen.
 */
export function chooseTextFile(accept: string): Promise<{ name: string; text: string } | null> {
  return new Promise((resolve, reject) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = accept;
    input.style.cssText = 'position:fixed;left:-9999px;top:0;opacity:0';
    const done = (file: File | undefined) => {
      input.remove();
      if (!file) resolve(null);
      else file.arrayBuffer().then((bytes) => resolve({ name: file.name, text: decode(bytes) }), reject);
    };
    input.addEventListener('change', () => done(input.files?.[0]));
    input.addEventListener('cancel', () => done(undefined));
    document.body.appendChild(input);
    input.click();
  });
}

function decode(bytes: ArrayBuffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}
