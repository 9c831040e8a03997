import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { DeepDive, Note } from '../../../src/core/model/types';

export function tempRoot(prefix = 'deepdive-dive-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function sampleDive(over: Partial<DeepDive> = {}): DeepDive {
  return {
    schema: 'deepdive/1',
    id: 'auth',
    title: 'Auth service',
    created: '2026-01-05T10:00:00.000Z',
    due: '2026-02-01',
    scope: { include: ['src/**'], exclude: ['**/*.test.ts'] },
    questions: [{ id: 'q1', text: 'Where is a session revoked?', status: 'open' }],
    flows: [],
    notes: [],
    reading: { 'src/a.ts': { ranges: [[1, 10]], seconds: 30 } },
    ...over,
  };
}

export function note(id: string, body: string, over: Partial<Note> = {}): Note {
  return {
    id,
    kind: 'risk',
    status: 'open',
    body,
    target: { type: 'code', anchor: { path: 'src/a.ts', range: { start: 3, end: 4 }, text: 'x' } },
    created: '2026-01-06T10:00:00.000Z',
    ...over,
  };
}

export function listRecursive(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...listRecursive(p));
    else out.push(path.relative(dir, p));
  }
  return out;
}
