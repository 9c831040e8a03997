// The files seam on disk (core/files/sourceFiles.ts) never gives text from outside the repository:
// not through a path that climbs out, and not through a link that leads out (the walker does not
// follow one either), whatever the file is read for (a JSON module, a data file read as a value,
// package.json, an installed package).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { diskFiles } from '../../../src/core/files/sourceFiles';

describe('files on disk', () => {
  it('reads files inside, refuses paths and links that lead out, follows links that stay inside', () => {
    const base = fs.mkdtempSync(path.join(os.tmpdir(), 'deepdive-diskfiles-'));
    const outside = path.join(base, 'secret.yaml');
    fs.writeFileSync(outside, 'token: s3cret\n');
    const root = path.join(base, 'repo');
    fs.mkdirSync(path.join(root, 'config'), { recursive: true });
    fs.writeFileSync(path.join(root, 'config', 'real.yaml'), 'routes: /a\n');
    fs.symlinkSync(outside, path.join(root, 'config', 'routes.yaml'));
    fs.symlinkSync(path.join(root, 'config', 'real.yaml'), path.join(root, 'config', 'alias.yaml'));
    fs.symlinkSync(base, path.join(root, 'up'));
    const files = diskFiles(root);
    assert.equal(files.read('config/real.yaml'), 'routes: /a\n');
    assert.equal(files.read('config/alias.yaml'), 'routes: /a\n', 'a link inside the repository is followed');
    assert.equal(files.read('config/routes.yaml'), undefined, 'a file link out of the repository');
    assert.equal(files.read('up/secret.yaml'), undefined, 'a folder link out of the repository');
    assert.equal(files.read('../secret.yaml'), undefined, 'a path that climbs out');
    assert.equal(files.read('config/missing.yaml'), undefined);
    assert.equal(files.edited('config/real.yaml'), false);
  });
});
