// The scope step takes what was ticked, else what was typed, else asks again: never a silent
// whole repository (issue 16).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { scopeFromInput } from '../../../src/core/dive/scopeInput';

describe('scope from what was typed and ticked', () => {
  let root: string;
  let isFolder: (rel: string) => boolean;
  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'deepdive-scope-'));
    for (const d of ['src/auth', 'test', 'e2e']) fs.mkdirSync(path.join(root, d), { recursive: true });
    isFolder = (rel) => fs.statSync(path.join(root, rel), { throwIfNoEntry: false })?.isDirectory() ?? false;
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it('ticked folders win over the filter text', () => {
    assert.deepEqual(scopeFromInput(['src/**'], 'sr', isFolder), { include: ['src/**'] });
  });

  it('a typed folder name with nothing ticked is that folder, not the whole repository', () => {
    assert.deepEqual(scopeFromInput([], 'src', isFolder), { include: ['src/**'] });
    assert.deepEqual(scopeFromInput([], './src/auth/', isFolder), { include: ['src/auth/**'] });
    assert.deepEqual(scopeFromInput([], 'src, test', isFolder), { include: ['src/**', 'test/**'] });
  });

  it('a typed glob is kept as written', () => {
    assert.deepEqual(scopeFromInput([], 'src/**/*.ts', isFolder), { include: ['src/**/*.ts'] });
  });

  it('nothing typed and nothing ticked asks again', () => {
    const a = scopeFromInput([], '  ', isFolder);
    assert.ok('askAgain' in a && /whole folder/.test(a.askAgain));
  });

  it('a folder that does not exist, or one outside the root, asks again', () => {
    const a = scopeFromInput([], 'scr', isFolder);
    assert.ok('askAgain' in a && a.askAgain.includes('No folder "scr"'), JSON.stringify(a));
    assert.ok('askAgain' in scopeFromInput([], '../other', isFolder));
    assert.ok('askAgain' in scopeFromInput([], '/etc', isFolder));
  });
});
