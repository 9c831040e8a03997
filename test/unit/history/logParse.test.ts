import * as assert from 'node:assert/strict';
import { LogParser } from '../../../src/core/history/logParse';
import type { CommitRecord } from '../../../src/core/history/logParse';

const RS = '\x1e';
const US = '\x1f';

function header(hash: string, time: number, name: string, email: string): string {
  return `${RS}${hash}${US}${time}${US}${name}${US}${email}\0`;
}

const STREAM =
  header('a'.repeat(40), 1000, 'Zoë Ünïcode', 'zoe@example.com') +
  '\n3\t1\tsrc/é.ts\0-\t-\tlogo.png\0' +
  header('b'.repeat(40), 2000, 'Bob', 'bob@example.com') +
  '\n0\t0\t\0src/old.ts\0src/new name.ts\0' +
  header('c'.repeat(40), 3000, 'Empty', 'e@example.com');

function parseInChunks(size: number): CommitRecord[] {
  const out: CommitRecord[] = [];
  const parser = new LogParser((c) => out.push(c));
  const bytes = Buffer.from(STREAM, 'utf8');
  for (let i = 0; i < bytes.length; i += size) parser.push(bytes.subarray(i, i + size));
  parser.end();
  return out;
}

describe('history: git log stream parser', () => {
  it('reads commits, numstat lines, binary files and renames', () => {
    const commits = parseInChunks(1 << 20);
    assert.equal(commits.length, 3);
    assert.deepEqual(commits[0], {
      hash: 'a'.repeat(40),
      time: 1000,
      name: 'Zoë Ünïcode',
      email: 'zoe@example.com',
      changes: [
        { path: 'src/é.ts', added: 3, deleted: 1 },
        { path: 'logo.png', added: undefined, deleted: undefined },
      ],
    });
    assert.deepEqual(commits[1].changes, [{ path: 'src/new name.ts', from: 'src/old.ts', added: 0, deleted: 0 }]);
    assert.deepEqual(commits[2].changes, []);
  });

  it('gives the same commits whatever the chunk boundaries (even inside a multi-byte character)', () => {
    const whole = parseInChunks(1 << 20);
    for (const size of [1, 2, 3, 5, 7, 13]) assert.deepEqual(parseInChunks(size), whole, `chunk size ${size}`);
  });
});
