// kill -9 during saves: four writers save without pause (each save: lock, re-read, merge, write a
// temp file, rename, unlock) and are killed at random moments, over and over. Afterwards the dive
// loads, every acknowledged note and read line is in it, a lock left by a killed writer did not
// block the others, and nothing a save left behind shows in `git status`; the next start clears
// the leftovers.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadDive } from '../../src/core/dive/store';
import { sweepLeftovers } from '../../src/core/dive/leftovers';
import { LONG, assertKept, assertNoStrays, diveRepo, writer } from './helpers';
import type { Writer } from './helpers';

const KILLS = LONG ? 2000 : 300;
const PARALLEL = 4;

function delay(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

describe('reliability: kill -9 during saves', function () {
  this.timeout(LONG ? 3_600_000 : 900_000);

  it(`${KILLS} kills of writers in the middle of saving lose no acknowledged change and leave no stray`, async () => {
    const root = diveRepo();
    const acks: string[] = [];
    let kills = 0;
    let started = 0;
    const slot = async (k: number): Promise<void> => {
      while (kills < KILLS) {
        const w: Writer = writer(root, ['forever', `w${k}-${started++}`]);
        // Let it save a few times so the kill lands mid-save, not while node starts.
        while (w.acks.length < 2 + 2 * Math.floor(Math.random() * 2)) {
          const exited = await Promise.race([w.done.then(() => true), delay(5).then(() => false)]);
          if (exited) break;
        }
        await delay(Math.random() * 15);
        w.kill();
        const r = await w.done;
        acks.push(...w.acks);
        assert.ok(r.signal === 'SIGKILL', `writer exited by itself: ${r.code} ${r.err}`);
        kills++;
      }
    };
    await Promise.all(Array.from({ length: PARALLEL }, (_, k) => slot(k)));

    const loaded = loadDive(root, 'd'); // valid: parses and validates
    const kept = assertKept(root, acks);
    assert.ok(kept.notes > 0);
    assert.equal(loaded.dive.notes.length >= kept.notes, true);
    assertNoStrays(root);
    const cache = path.join(root, '.deepdive', 'cache');
    const leftovers = ['tmp', 'locks'].flatMap((d) => (fs.existsSync(path.join(cache, d)) ? fs.readdirSync(path.join(cache, d)) : []));
    const removed = sweepLeftovers(root, true);
    const after = ['tmp', 'locks'].flatMap((d) => (fs.existsSync(path.join(cache, d)) ? fs.readdirSync(path.join(cache, d)) : []));
    assert.deepEqual(after, [], 'the next start clears what killed saves left');
    console.log(`      ${kills} kills, ${kept.notes} acknowledged notes and ${kept.reads} read lines all kept, ${loaded.dive.notes.length} notes on disk, ${leftovers.length} leftovers in .deepdive/cache (ignored by git) cleared: ${removed}`);
  });
});
