import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(fileURLToPath(import.meta.url), '../../..');
export const serverDir = resolve(repoRoot, 'server');
export const h5Dir = resolve(repoRoot, 'miniapp/dist/h5');
