import type { PhotoData } from '@/services/attachments';

/**
 * The h5 twin of `photo-store.ts`: a draft's photos as blobs in IndexedDB, which survives closing
 * the tab and holds far more than localStorage.
 */
export interface KeptPhoto {
  data: PhotoData;
  preview: string;
}

const DB_NAME = 'xinfang-drafts';
const STORE = 'photos';

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function run<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await open();
  try {
    return await new Promise<T>((resolve, reject) => {
      const transaction = db.transaction(STORE, mode);
      const request = work(transaction.objectStore(STORE));
      transaction.oncomplete = () => resolve(request.result);
      transaction.onerror = () => reject(transaction.error);
      transaction.onabort = () => reject(transaction.error);
    });
  } finally {
    db.close();
  }
}

export async function keepPhoto(id: string, data: PhotoData): Promise<string> {
  if (typeof data === 'string') throw new Error('Expected the bytes');
  await run('readwrite', (store) => store.put(data, id));
  return id;
}

export async function loadPhoto(ref: string): Promise<KeptPhoto | null> {
  try {
    const blob = await run<unknown>('readonly', (store) => store.get(ref));
    if (!(blob instanceof Blob)) return null;
    return { data: blob, preview: URL.createObjectURL(blob) };
  } catch {
    return null;
  }
}

export async function discardPhoto(ref: string): Promise<void> {
  try {
    await run('readwrite', (store) => store.delete(ref));
  } catch {
    // already gone
  }
}

export function releasePreview(preview: string): void {
  if (preview.startsWith('blob:')) URL.revokeObjectURL(preview);
}
