// The answer cache (core/cache/answerCache.ts): an answer comes back while every folder and file
// it was computed from stamps as it did; any change, a corrupt or foreign file, a copy planted
// with restored times, or a cache folder leading out of the repository is never trusted.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { answerCacheFile, answerInputs, answerKey, loadAnswer, saveAnswer } from '../../../src/core/cache/answerCache';
import { walk } from '../../../src/core/walk/walker';

function repo(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'deepdive-answers-'));
  fs.mkdirSync(path.join(root, 'src'));
  fs.writeFileSync(path.join(root, 'src', 'app.js'), 'module.exports = 1;\n');
  fs.writeFileSync(path.join(root, 'openapi.yaml'), 'openapi: 3.0.0\n');
  return root;
}

/** Times a second on, as they would be between two commands. */
function later(abs: string): void {
  const t = new Date(fs.statSync(abs).mtimeMs + 1000);
  fs.utimesSync(abs, t, t);
}

function keep(root: string, key: string, answer: string): void {
  saveAnswer(root, 'routes', key, () => answerInputs(root, walk({ root }), { files: ['openapi.yaml', 'node_modules/x/package.json'], dirs: ['node_modules'] }), answer);
}

describe('answer cache: a command answers again while nothing it read changed', () => {
  const key = answerKey('routes', [false]);

  it('gives the answer back for its key only, and keeps answers of other options beside it', () => {
    const root = repo();
    keep(root, key, 'first answer');
    assert.equal(loadAnswer(root, 'routes', key), 'first answer');
    assert.equal(loadAnswer(root, 'routes', answerKey('routes', [true])), undefined);
    assert.equal(loadAnswer(root, 'flows', key), undefined);
    keep(root, answerKey('routes', [true]), 'json answer');
    assert.equal(loadAnswer(root, 'routes', key), 'first answer');
    assert.equal(loadAnswer(root, 'routes', answerKey('routes', [true])), 'json answer');
  });

  it('recomputes after an edited walked file, a new file, an edited file read outside the walk, or a folder that appeared', () => {
    const root = repo();
    keep(root, key, 'a');
    fs.appendFileSync(path.join(root, 'src', 'app.js'), '// more\n');
    assert.equal(loadAnswer(root, 'routes', key), undefined, 'walked file edited');

    keep(root, key, 'b');
    fs.writeFileSync(path.join(root, 'src', 'new.js'), 'x\n');
    later(path.join(root, 'src'));
    assert.equal(loadAnswer(root, 'routes', key), undefined, 'file added');

    keep(root, key, 'c');
    fs.writeFileSync(path.join(root, 'openapi.yaml'), 'openapi: 3.1.0\n');
    later(path.join(root, 'openapi.yaml'));
    assert.equal(loadAnswer(root, 'routes', key), undefined, 'a file read beside the walk');

    keep(root, key, 'd');
    assert.equal(loadAnswer(root, 'routes', key), 'd');
    fs.mkdirSync(path.join(root, 'node_modules', 'x'), { recursive: true });
    assert.equal(loadAnswer(root, 'routes', key), undefined, 'a folder that did not exist');
  });

  it('ignores a copy whose sizes and modification times were restored (a planted cache): change times differ', () => {
    const root = repo();
    const app = path.join(root, 'src', 'app.js');
    // Whole seconds, as a tarball stores them, so that setting them back is exact.
    const packed = new Date('2025-06-01T12:00:00Z');
    fs.utimesSync(app, packed, packed);
    keep(root, key, 'honest');
    assert.equal(loadAnswer(root, 'routes', key), 'honest');
    // Same bytes, same size, modification time set back: only the change time tells.
    fs.writeFileSync(app, fs.readFileSync(app));
    fs.utimesSync(app, packed, packed);
    assert.equal(fs.statSync(app).mtimeMs, packed.getTime());
    assert.equal(loadAnswer(root, 'routes', key), undefined);
  });

  it('ignores a corrupt, foreign-shaped or escaping stored file', () => {
    const root = repo();
    keep(root, key, 'x');
    const file = answerCacheFile(root, 'routes');
    const stored = JSON.parse(fs.readFileSync(file, 'utf8'));
    fs.writeFileSync(file, '{"version":1,');
    assert.equal(loadAnswer(root, 'routes', key), undefined);
    fs.writeFileSync(file, JSON.stringify({ ...stored, inputs: { dirs: 'all', files: [] } }));
    assert.equal(loadAnswer(root, 'routes', key), undefined);
    fs.writeFileSync(file, JSON.stringify({ ...stored, answers: { [key]: 42 } }));
    assert.equal(loadAnswer(root, 'routes', key), undefined);
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'deepdive-answers-out-'));
    const rel = path.relative(root, outside);
    const st = fs.statSync(outside);
    fs.writeFileSync(file, JSON.stringify({ ...stored, inputs: { dirs: [[rel, st.mtimeMs, st.ctimeMs]], files: [] } }));
    assert.equal(loadAnswer(root, 'routes', key), undefined, 'a path out of the root is never stat-checked as an input');
    keep(root, key, 'repaired');
    assert.equal(loadAnswer(root, 'routes', key), 'repaired');
  });

  it('never writes through a cache folder planted as a symlink out of the repository', () => {
    const root = repo();
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'deepdive-answers-out-'));
    fs.mkdirSync(path.join(root, '.deepdive'));
    fs.symlinkSync(outside, path.join(root, '.deepdive', 'cache'));
    keep(root, key, 'x');
    assert.deepEqual(fs.readdirSync(outside), []);
    assert.equal(loadAnswer(root, 'routes', key), undefined);

    const root2 = repo();
    fs.mkdirSync(path.join(root2, '.deepdive', 'cache'), { recursive: true });
    fs.symlinkSync(outside, path.join(root2, '.deepdive', 'cache', 'answers'));
    keep(root2, key, 'y');
    assert.deepEqual(fs.readdirSync(outside), []);
  });
});
