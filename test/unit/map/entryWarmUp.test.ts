import * as assert from 'node:assert/strict';
import { decodeFacts } from '../../../src/core/map/mapCache';
import { EntryWarmUp } from '../../../src/core/map/entryWarmUp';
import { dataFileCandidates, dataPathsNamed } from '../../../src/core/entry/interp/dataFiles';
import { importSpecs } from '../../../src/core/entry/interp/routeReach';
import type { EntryFacts } from '../../../src/core/entry/facts/types';
import type { JsFileEntry } from '../../../src/core/entry/jsFileEntry';

const HEAD = JSON.stringify({ lines: 1, codeLines: 1, codeLineRanges: [1, 1], imports: [], parseErrors: 0, symbolCount: 0 });
const BODY = JSON.stringify({ symbols: [], calls: { c: [], l: [], k: [] } });

/** Facts naming `express` by a lazy require and `routes.yaml` beside the module, as the extractor writes them. */
function entryFacts(): EntryFacts {
  const call = (callee: unknown[], args: unknown[]) => ['c', callee, args];
  return {
    imports: [],
    top: [
      ['expr', call(['id', 'require'], [['s', 'express']])],
      ['expr', call(['m', ['id', 'path'], 'join'], [['id', '__dirname'], ['s', 'routes.yaml']])],
    ],
    exports: [],
    fns: [],
    classes: [],
  } as unknown as EntryFacts;
}

/** Runs the event loop until the warm-up's slices are done (they run between other work). */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
}

describe('entry facts warmed up while the parse threads work', () => {
  it('decodes each added file once, and the decoded facts are the ones later read', async () => {
    let reads = 0;
    const text = JSON.stringify({ v: 'x', facts: entryFacts() } satisfies JsFileEntry);
    const facts = decodeFacts(HEAD, BODY, () => {
      reads++;
      return text;
    });
    const warm = new EntryWarmUp();
    warm.add(facts);
    assert.equal(reads, 0, 'nothing is decoded while the thread is busy');
    await settle();
    assert.equal(reads, 1, 'decoded when the thread is free');
    const entry = facts.entry as JsFileEntry;
    assert.equal(reads, 1, 'read from then on without decoding again');
    // The walks were made on the same object: what the pass asks for later is the memo.
    assert.equal(importSpecs(entry.facts!), importSpecs(entry.facts!));
    assert.ok(importSpecs(entry.facts!).has('express'));
    assert.deepEqual(dataPathsNamed(entry.facts!).own, [['routes.yaml']]);
    warm.stop();
  });

  it('leaves what arrives after the threads are done to be decoded where it is read', async () => {
    let reads = 0;
    const facts = decodeFacts(HEAD, BODY, () => {
      reads++;
      return JSON.stringify({ v: 'x' });
    });
    const warm = new EntryWarmUp();
    warm.add(facts);
    warm.stop();
    await settle();
    assert.equal(reads, 0, 'stopped: the queued file was not decoded');
    warm.add(facts);
    await settle();
    assert.equal(reads, 0, 'stopped: a later file is not taken');
    assert.deepEqual(facts.entry, { v: 'x' });
    assert.equal(reads, 1);
  });

  it('a damaged entry text fails where it is read, as without the warm-up', async () => {
    const facts = decodeFacts(HEAD, BODY, '{not json');
    const warm = new EntryWarmUp();
    warm.add(facts);
    await settle();
    assert.throws(() => facts.entry);
    warm.stop();
  });

  it('data-file candidates are the same from memoised walks as from fresh ones', () => {
    const a = entryFacts();
    const fresh = dataFileCandidates(new Map([['srv/app.js', a]]));
    dataPathsNamed(a);
    assert.deepEqual(dataFileCandidates(new Map([['srv/app.js', a]])), fresh);
    assert.deepEqual(fresh, ['srv/routes.yaml']);
  });
});
