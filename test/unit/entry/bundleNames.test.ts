// Front-end bundles by their names (entryFiles.ts BUNDLE): their code gets no router facts, since a
// browser bundle registers no server route and interpreting it costs much. Vite and Rollup name a
// chunk `[name]-[hash].js` with an 8-character base64url hash, which may itself hold `-`: those
// escaped the old pattern, and a cold `deepdive routes` on Ghost extracted and ran 28 of them.
import * as assert from 'node:assert/strict';
import { BUNDLE } from '../../../src/core/entry/entryFiles';
import { extractJsFileEntry } from '../../../src/core/entry/jsFileEntry';
import { createParser } from '../../../src/core/parse/languages';

describe('front-end bundles by name', () => {
  it('knows content-hashed chunk names, with or without a dash inside the hash', () => {
    for (const f of [
      'core/built/admin/assets/index-DDok6F2N.js',
      'core/built/admin/assets/heading-ih-fOVqF.js',
      'core/built/admin/assets/esm--rhhUGIG.js',
      'core/built/admin/assets/box-LUuYRT-1.js',
      'core/built/admin/assets/testimonials-modal-CVm0_7E-.js',
      'web/static/js/main.3f2a1b9c8d7e6f5a4b3c.js',
      'public/chunks/vendor-Bq1el-gw.mjs',
    ])
      assert.ok(BUNDLE.test(f), f);
  });

  it('leaves ordinary file names alone, in those folders and elsewhere', () => {
    for (const f of [
      'public/js/main.js',
      'public/admin-dashboard-widgets.js',
      'assets/activitypub/activitypub.js',
      'public/private.min.js',
      'assets/jquery-3.7.1.min.js',
      'src/routes/heading-ih-fOVqF.js',
      'core/built/admin/assets/heading-ih-fOVqF.ts',
    ])
      assert.ok(!BUNDLE.test(f), f);
  });

  it('extracts no router facts from a chunk whose hash has a dash, and still does from the same code under an ordinary name', async () => {
    const text = "const express = require('express');\nconst app = express();\napp.get('/x', (req, res) => res.send('x'));\n";
    const tree = (await createParser('javascript')).parse(text)!;
    try {
      assert.equal(extractJsFileEntry(tree, 'javascript', 'built/assets/app-ih-fOVqF.js', text).facts, undefined);
      assert.ok(extractJsFileEntry(tree, 'javascript', 'server/app.js', text).facts);
    } finally {
      tree.delete();
    }
  });
});
