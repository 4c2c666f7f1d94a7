import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const read = (path: string) => readFileSync(fileURLToPath(new URL(path, import.meta.url)), 'utf8');
const runtime = JSON.parse(read('../runtime.json')) as {
  nodeFlags: string[];
  entry: string;
  env: Record<string, string>;
};
const unit = read('../../deploy/systemd/xinfang@.service');

/** The values of a unit's `Key=` lines. */
const lines = (key: string) =>
  unit
    .split('\n')
    .filter((line) => line.startsWith(`${key}=`))
    .map((line) => line.slice(key.length + 1));

describe('the compiled server runs alike everywhere (server/runtime.json)', () => {
  it('the systemd unit starts it with the same Node flags and entry as npm start', () => {
    expect(lines('ExecStart')).toEqual([`/usr/bin/node ${[...runtime.nodeFlags, runtime.entry].join(' ')}`]);
  });

  it('the systemd unit sets the same environment for its memory as npm start', () => {
    const set = new Map(
      lines('Environment')
        .flatMap((line) => line.split(' '))
        .map((pair) => pair.split('=') as [string, string]),
    );
    for (const [name, value] of Object.entries(runtime.env)) expect(set.get(name), name).toBe(value);
  });
});
