import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Where the external programs the suites need are installed, if they are. No relative imports:
 * the root vitest config loads this file natively.
 */
const SBIN = ['/usr/sbin', '/usr/bin', '/usr/local/sbin', '/usr/local/bin'];

/** A MariaDB tool (`mariadbd`, `mariadb-install-db`, `mariadb-admin`, `mariadb`), or null. */
export function findMariadbTool(tool: string): string | null {
  for (const dir of [...(process.env.PATH ?? '').split(':'), ...SBIN]) {
    if (dir && existsSync(join(dir, tool))) return join(dir, tool);
  }
  return null;
}

/** Debian's Chromium (or `CHROMIUM_PATH`); playwright's own browser download is unreachable here. */
export function findChromium(): string | null {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return candidates.find((path): path is string => Boolean(path && existsSync(path))) ?? null;
}
