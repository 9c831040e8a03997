import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { walk } from '../../../src/core/walk/walker';
import { buildMap } from '../../../src/core/map/buildMap';
import { makeRepo } from './helpers';

describe('map walker', () => {
  it('honours nested .gitignore files, skips vendor and build folders, and counts why', () => {
    const root = makeRepo({
      '.gitignore': 'secret/\n*.tmp.ts\n',
      'src/a.ts': 'export const a = 1;\n',
      'src/b.tmp.ts': 'export const b = 1;\n',
      'src/sub/.gitignore': 'local.ts\n!keep.tmp.ts\n',
      'src/sub/local.ts': 'x();\n',
      'src/sub/ok.ts': 'x();\n',
      'secret/s.ts': 'x();\n',
      'node_modules/lib/index.js': 'x();\n',
      'dist/out.js': 'x();\n',
      'README.md': '# hi\n',
      'src/types.d.ts': 'declare const x: number;\n',
    });
    const r = walk({ root });
    assert.deepEqual(r.files.map((f) => f.path), ['src/a.ts', 'src/sub/ok.ts']);
    assert.equal(r.skipped.vendor, 1);
    assert.equal(r.skipped.build, 1);
    assert.equal(r.skipped.ignored, 3); // secret/, b.tmp.ts, sub/local.ts
    assert.ok(r.skipped.unsupported >= 2);
  });

  it('walks a build or vendor folder the scope names (a package whose only code is build/src)', () => {
    const root = makeRepo({
      'package.json': '{ "name": "svc" }\n',
      'build/src/app.js': 'export const app = 1;\n',
      'build/src/node_modules/dep/index.js': 'x();\n',
      'build/other.js': 'x();\n',
      'src/README.md': '# sources not shipped\n',
    });
    // Unscoped, the build folder is still left out: it is not this package's shipped code.
    assert.deepEqual(walk({ root }).files.map((f) => f.path), []);
    // Scoped to it, it is what the reader asked for; vendor folders inside stay out.
    assert.deepEqual(walk({ root, scope: { include: ['build/src/**'], exclude: [] } }).files.map((f) => f.path), ['build/src/app.js']);
  });

  it('walks a package named build, out or target deep in the code; leaves out those folders at the root or beside a build file', () => {
    const root = makeRepo({
      'go.mod': 'module example.com/svc\n',
      'build/package.go': 'package build\n',
      'lib/build/version.go': 'package build\n\nconst Version = "1"\n',
      'lib/out/writer.go': 'package out\n',
      'src/main/java/com/acme/target/Target.java': 'package com.acme.target;\nclass Target {}\n',
      'web/package.json': '{ "name": "web" }\n',
      'web/build/static/app.js': 'x();\n',
      'web/src/index.js': 'x();\n',
      'tools/gen/target/Gen.java': 'class Gen {}\n',
      'tools/gen/pom.xml': '<project/>\n',
      'lib/dist/bundle.js': 'x();\n',
    });
    const r = walk({ root });
    assert.deepEqual(r.files.map((f) => f.path), ['lib/build/version.go', 'lib/out/writer.go', 'src/main/java/com/acme/target/Target.java', 'web/src/index.js']);
    // The root's build/, web/build (beside package.json), tools/gen/target (beside pom.xml) and a dist anywhere.
    assert.equal(r.skipped.build, 4);
    // Folders the caller names are skipped wherever they are.
    assert.deepEqual(walk({ root, skipDirs: ['out'] }).files.map((f) => f.path).filter((p) => p.startsWith('lib/')), ['lib/build/version.go', 'lib/dist/bundle.js']);
  });

  it('leaves out a coverage report folder but walks a module named coverage (a CI server\'s plugins/coverage)', () => {
    const root = makeRepo({
      'package.json': '{ "name": "svc" }\n',
      'coverage/lcov-report/sorter.js': 'x();\n',
      'coverage/lcov.info': 'TN:\n',
      'src/plugins/coverage/index.js': 'module.exports = {};\n',
      'src/plugins/coverage/token.js': 'module.exports = {};\n',
    });
    assert.deepEqual(walk({ root }).files.map((f) => f.path), ['src/plugins/coverage/index.js', 'src/plugins/coverage/token.js']);
  });

  it('a scope that names files walks those files (`--scope src/routes/auth.ts` mapped nothing)', () => {
    const root = makeRepo({
      'src/routes/auth.ts': 'export const a = 1;\n',
      'src/routes/users.ts': 'export const u = 1;\n',
      'src/app.ts': 'export const app = 1;\n',
      'server.ts': 'export const s = 1;\n',
    });
    assert.deepEqual(walk({ root, scope: { include: ['src/routes/auth.ts'], exclude: [] } }).files.map((f) => f.path), ['src/routes/auth.ts']);
    assert.deepEqual(walk({ root, scope: { include: ['src/routes/auth.ts', 'src/app.ts', 'server.ts'], exclude: [] } }).files.map((f) => f.path).sort(), ['server.ts', 'src/app.ts', 'src/routes/auth.ts']);
  });

  it('never follows a link out of the root and survives a link loop', () => {
    const outside = makeRepo({ 'evil.ts': 'x();\n' });
    const root = makeRepo({ 'src/a.ts': 'x();\n' });
    fs.symlinkSync(outside, path.join(root, 'src', 'out'));
    fs.symlinkSync(path.join(outside, 'evil.ts'), path.join(root, 'src', 'evil.ts'));
    fs.symlinkSync(path.join(root, 'src'), path.join(root, 'src', 'loop'));
    const r = walk({ root });
    assert.deepEqual(r.files.map((f) => f.path), ['src/a.ts']);
    assert.equal(r.skipped['link-outside'], 2);
    assert.equal(r.skipped['link-loop'], 1);
  });

  it('skips binary, minified, generated and oversize files with a reason, and maps the rest', async () => {
    const root = makeRepo({
      'src/ok.ts': 'export function ok() { return 1; }\n',
      'src/bin.js': 'abc\u0000def',
      'src/min.js': 'var a=1;'.repeat(1000),
      'src/app.min.js': 'var a=1;\n',
      'src/gen.go': '// Code generated by protoc. DO NOT EDIT.\npackage x\n',
      'src/big.ts': `// big\n${'export const x = 1;\n'.repeat(80000)}`,
    });
    const map = await buildMap({ root, cache: false, workers: 0 });
    assert.deepEqual(map.files.map((f) => f.path), ['src/ok.ts']);
    assert.equal(map.skipped.binary, 1);
    assert.equal(map.skipped.minified, 2);
    assert.equal(map.skipped.generated, 1);
    assert.equal(map.skipped.oversize, 1);
  });

  it('maps only the scope, and shows what it imports from the rest of the repository as external', async () => {
    const root = makeRepo({
      'services/auth/src/login.ts': "import { db } from '../../../shared/db';\nimport { x } from './x';\nexport function login() { db(); x(); }\n",
      'services/auth/src/x.ts': 'export function x() {}\n',
      'services/auth/src/legacy/old.ts': 'export function old() {}\n',
      'services/billing/pay.ts': 'export function pay() {}\n',
      'shared/db.ts': 'export function db() {}\n',
    });
    const map = await buildMap({ root, cache: false, workers: 0, scope: { include: ['services/auth'], exclude: ['**/legacy/**'] } });
    assert.deepEqual(map.files.map((f) => f.path), ['services/auth/src/login.ts', 'services/auth/src/x.ts']);
    assert.equal(map.imports.unresolved, 0);
    const shared = map.modules.find((m) => m.id === 'shared');
    assert.equal(shared?.kind, 'external');
    assert.deepEqual(map.edges, [{ from: 'services/auth/src', to: 'shared', count: 1 }]);
  });
});
