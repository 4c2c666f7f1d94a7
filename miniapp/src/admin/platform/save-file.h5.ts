import { signedInFile } from '@/services/document-file';

/** The h5 twin of `save-file.ts`: the file fetched with the access token and downloaded under its name. */
export async function saveSignedInFile(path: string, fileName: string): Promise<void> {
  const url = await signedInFile(path);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
