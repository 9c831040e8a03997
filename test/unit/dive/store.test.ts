import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { serializeDive } from '../../../src/core/dive/canonical';
import { isDiveFileError } from '../../../src/core/dive/diveError';
import { resolveDiveId, setActiveDive } from '../../../src/core/dive/active';
import { newDive } from '../../../src/core/dive/ops';
import { deleteDive, insertDive, listDives, loadDive, reloadDive, saveDive, updateDive } from '../../../src/core/dive/store';
import { listRecursive, note, sampleDive, tempRoot } from './helpers';

function writeRaw(root: string, id: string, text: string): string {
  fs.mkdirSync(path.join(root, '.deepdive'), { recursive: true });
  const file = path.join(root, '.deepdive', `${id}.json`);
  fs.writeFileSync(file, text);
  return file;
}

describe('dive store', () => {
  it('creates, loads and saves with canonical bytes and no temp files left', () => {
    const root = tempRoot();
    const loaded = insertDive(root, sampleDive());
    loaded.dive.notes.push(note('n1', 'tokens never expire'));
    const { written } = saveDive(loaded);
    assert.equal(written, true);
    // Temp files and the lock live in cache/ (ignored by git) and are gone after the save.
    const files = listRecursive(path.join(root, '.deepdive')).sort();
    assert.deepEqual(files, ['.gitignore', '.gitignore', 'auth.json']); // .deepdive/ and .deepdive/cache/
    const text = fs.readFileSync(path.join(root, '.deepdive', 'auth.json'), 'utf8');
    assert.equal(text, serializeDive(loadDive(root, 'auth').dive));
    assert.match(text, /^\{\n {2}"schema": "deepdive\/1",\n {2}"id": "auth",/);
    assert.match(text, /"ranges": \[\n {8}\[1, 10\]\n/);
  });

  it('does not rewrite a file whose bytes would not change', () => {
    const root = tempRoot();
    const loaded = insertDive(root, sampleDive());
    const before = fs.statSync(path.join(root, '.deepdive', 'auth.json')).mtimeMs;
    const { written } = saveDive(loaded);
    assert.equal(written, false);
    assert.equal(fs.statSync(path.join(root, '.deepdive', 'auth.json')).mtimeMs, before);
  });

  it('reports a JSON syntax error with file, line and column, keeps a backup, never overwrites', () => {
    const root = tempRoot();
    const good = serializeDive(sampleDive());
    const broken = good.replace('"title": "Auth service",', '"title": "Auth service"');
    const file = writeRaw(root, 'auth', broken);
    assert.throws(
      () => loadDive(root, 'auth'),
      (err: unknown) => {
        assert.ok(isDiveFileError(err));
        assert.match(err.message, /^\.deepdive\/auth\.json:5:3: not valid JSON: expected ',' or '}', found '"'$/);
        assert.ok(err.backup && fs.readFileSync(path.join(root, err.backup), 'utf8') === broken);
        return true;
      },
    );
    assert.equal(fs.readFileSync(file, 'utf8'), broken);
  });

  it('reports a validation error with the JSON path and its line', () => {
    const root = tempRoot();
    const d = sampleDive({ notes: [note('n1', 'a'), { ...note('n2', 'b'), kind: 'rumour' as never }] });
    writeRaw(root, 'auth', serializeDive(d));
    assert.throws(() => loadDive(root, 'auth'), /^DiveFileError: \.deepdive\/auth\.json:\d+:\d+ at \$\.notes\[1\]\.kind: must be one of decision, gap, risk, question, insight, found "rumour"$/);
    try {
      loadDive(root, 'auth');
    } catch (err) {
      const line = serializeDive(d).split('\n').findIndex((l) => l.includes('"rumour"')) + 1;
      assert.ok(isDiveFileError(err) && err.position?.line === line, `line ${line}`);
    }
  });

  it('refuses to save over a file that was hand-broken after loading, byte for byte', () => {
    const root = tempRoot();
    const loaded = insertDive(root, sampleDive());
    const file = path.join(root, '.deepdive', 'auth.json');
    const broken = fs.readFileSync(file, 'utf8').replace('"open"', 'open');
    fs.writeFileSync(file, broken);
    loaded.dive.notes.push(note('n1', 'x'));
    assert.throws(() => saveDive(loaded), /auth\.json:\d+:\d+: not valid JSON/);
    assert.equal(fs.readFileSync(file, 'utf8'), broken);
    assert.equal(listRecursive(path.join(root, '.deepdive', 'cache', 'backup')).length, 1);
  });

  it('merges a concurrent change on disk without losing a note', () => {
    const root = tempRoot();
    const mine = insertDive(root, sampleDive({ notes: [note('n0', 'base note')] }));
    // Another window adds a note and reads more lines, and edits the base note.
    const other = loadDive(root, 'auth');
    other.dive.notes.push(note('n-theirs', 'their note'));
    other.dive.notes[0].body = 'base note, edited elsewhere';
    other.dive.reading['src/a.ts'].ranges = [[1, 10], [20, 30]];
    saveDive(other);
    mine.dive.notes.push(note('n-mine', 'my note'));
    mine.dive.reading['src/a.ts'].ranges = [[1, 15]];
    mine.dive.reading['src/b.ts'] = { ranges: [[2, 3]], seconds: 4 };
    const res = saveDive(mine);
    assert.equal(res.merged, true);
    const after = loadDive(root, 'auth').dive;
    assert.deepEqual(after.notes.map((n) => n.id).sort(), ['n-mine', 'n-theirs', 'n0']);
    assert.equal(after.notes.find((n) => n.id === 'n0')!.body, 'base note, edited elsewhere');
    assert.deepEqual(after.reading['src/a.ts'].ranges, [[1, 15], [20, 30]]);
    assert.deepEqual(after.reading['src/b.ts'].ranges, [[2, 3]]);
  });

  it('keeps both versions when the same note was edited on both sides', () => {
    const root = tempRoot();
    const mine = insertDive(root, sampleDive({ notes: [note('n0', 'base')] }));
    updateDive(root, 'auth', (d) => {
      d.notes[0].body = 'theirs';
    });
    mine.dive.notes[0].body = 'mine';
    saveDive(mine);
    const bodies = loadDive(root, 'auth').dive.notes.map((n) => `${n.id}=${n.body}`);
    assert.deepEqual(bodies, ['n0=mine', 'n0-conflict-2=theirs']);
  });

  it('refuses to recreate a file deleted on disk', () => {
    const root = tempRoot();
    const loaded = insertDive(root, sampleDive());
    fs.rmSync(path.join(root, '.deepdive', 'auth.json'));
    assert.throws(() => saveDive(loaded), /was deleted on disk/);
    assert.equal(fs.existsSync(path.join(root, '.deepdive', 'auth.json')), false);
  });

  it('keeps unknown fields on a round trip, after the known ones', () => {
    const root = tempRoot();
    const raw = { ...sampleDive(), zFuture: { b: 1, a: [1, 2] }, notes: [{ ...note('n1', 'x'), color: 'red' }] };
    writeRaw(root, 'auth', JSON.stringify(raw));
    const loaded = loadDive(root, 'auth');
    loaded.dive.title = 'Auth';
    saveDive(loaded);
    const text = fs.readFileSync(path.join(root, '.deepdive', 'auth.json'), 'utf8');
    const back = JSON.parse(text);
    assert.deepEqual(back.zFuture, { b: 1, a: [1, 2] });
    assert.equal(back.notes[0].color, 'red');
    assert.ok(text.indexOf('"zFuture"') > text.indexOf('"reading"'));
  });

  it('refuses a newer major schema with a clear error and leaves the file alone', () => {
    const root = tempRoot();
    const text = JSON.stringify({ ...sampleDive(), schema: 'deepdive/2' }, null, 2);
    const file = writeRaw(root, 'auth', text);
    assert.throws(() => loadDive(root, 'auth'), /auth\.json:2:\d+ at \$\.schema: written by a newer Deep Dive \(deepdive\/2\)/);
    assert.equal(fs.readFileSync(file, 'utf8'), text);
  });

  it('lists ok and broken dives, and resolves the active one', () => {
    const root = tempRoot();
    insertDive(root, sampleDive());
    insertDive(root, newDive({ title: 'Billing pipeline', template: 'pipeline' }));
    writeRaw(root, 'zz', '{');
    const { dives, broken } = listDives(root);
    assert.deepEqual(dives.map((d) => d.id), ['auth', 'billing-pipeline']);
    assert.deepEqual(broken.map((b) => b.id), ['zz']);
    assert.match(broken[0].error.message, /^\.deepdive\/zz\.json:1:2: not valid JSON/);
    assert.throws(() => resolveDiveId(root), /several deep dives and none active \(have: auth, billing-pipeline, zz\)/);
    setActiveDive(root, 'billing-pipeline');
    assert.equal(resolveDiveId(root), 'billing-pipeline');
    assert.equal(resolveDiveId(root, 'auth'), 'auth');
    assert.throws(() => resolveDiveId(root, 'nope'), /no deep dive "nope"/);
    assert.equal(fs.readFileSync(path.join(root, '.deepdive', '.gitignore'), 'utf8').includes('cache/'), true);
  });

  it('reload notices an outside change, and deleteDive keeps a backup', () => {
    const root = tempRoot();
    const loaded = insertDive(root, sampleDive());
    assert.equal(reloadDive(loaded).status, 'unchanged');
    updateDive(root, 'auth', (d) => d.notes.push(note('n9', 'outside')));
    const r = reloadDive(loaded);
    assert.equal(r.status, 'reloaded');
    assert.equal(r.status === 'reloaded' && r.loaded.dive.notes[0].id, 'n9');
    const backup = deleteDive(root, 'auth');
    assert.equal(reloadDive(loaded).status, 'deleted');
    assert.match(fs.readFileSync(path.join(root, backup), 'utf8'), /"n9"/);
  });
});
