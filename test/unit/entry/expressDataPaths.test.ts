// Paths that come from configuration text the code parses itself (test/fixtures/routes/express-data-paths):
// YAML through js-yaml and JSON through JSON.parse are values like object literals; a permalink
// template turned into Express notation by a regular expression, and a slash trimmed by one, are
// evaluated; `for (const [key, value] of Object.entries(o))` binds each name. A regular expression
// that could backtrack without end is not run: that path stays `dynamic`. A JSON or YAML file shipped
// beside the code and read by a path fixed in it (`path.join(__dirname, 'config', 'routes.yaml')`)
// is read as its text; one named by a path from the environment is not.
import * as assert from 'node:assert/strict';
import { httpRoutesOf } from './httpRoutes';
import { regexReplace, safePattern } from '../../../src/core/entry/interp/safeRegex';
import { dataPath } from '../../../src/core/entry/interp/dataFiles';

describe('routes: paths from parsed configuration text and regular expressions', () => {
  const { all, byId } = httpRoutesOf('express-data-paths');

  // Route ids drop a trailing slash (`/blog/` is `GET /blog`).
  const expected: [id: string, line: number][] = [
    ['GET /blog', 30],
    ['GET /blog/:slug', 31],
    ['GET /tag/:slug', 36],
    ['GET /tag/:slug.md', 37],
    ['GET /author/:slug', 36],
    ['GET /author/:slug.md', 37],
    ['GET /api/v2/health', 41],
  ];
  // From data files read by a path fixed in the code (sections.js).
  const fromFiles: [id: string, line: number][] = [
    ['GET /docs', 16],
    ['GET /docs/:slug', 17],
    ['GET /news', 16],
    ['GET /news/:year/:slug', 17],
    ['GET /status', 21],
    ['GET /version', 22],
  ];
  for (const [id, line] of fromFiles) {
    it(`${id} is read from a data file shipped with the code (sections.js:${line})`, () => {
      const e = byId(id);
      assert.equal(e.file, 'sections.js');
      assert.equal(e.line, line);
      assert.equal(e.dynamic, undefined);
    });
  }
  for (const [id, line] of expected) {
    it(`${id} is found with its path evaluated (app.js:${line})`, () => {
      const e = byId(id);
      assert.equal(e.file, 'app.js');
      assert.equal(e.line, line);
      assert.equal(e.dynamic, undefined);
    });
  }

  it('keeps paths from an unsafe regular expression or a file named at run time dynamic, with their expressions', () => {
    const dyn = all().filter((e) => e.dynamic);
    assert.deepEqual(dyn.map((e) => `${e.file}:${e.line}`), ['app.js:44', 'sections.js:25'], all().map((e) => e.id).join(', '));
    assert.match(dyn[0]!.dynamic!.expression, /replace/);
    assert.match(dyn[1]!.dynamic!.expression, /custom\.prefix/);
    assert.equal(all().length, 15, all().map((e) => e.id).join(', '));
  });

  it('names only data files inside the repository', () => {
    assert.equal(dataPath('src/routing', ['..', 'config', 'routes.yaml']), 'src/config/routes.yaml');
    assert.equal(dataPath('', ['..', 'routes.yaml']), undefined);
    assert.equal(dataPath('src', ['/etc/routes.yaml']), undefined);
  });
});

describe('regular expressions of a repository: run only when they cannot backtrack badly', () => {
  it('replaces with capture groups and anchors as JavaScript does', () => {
    assert.equal(regexReplace('/{primary_tag}/{slug}/', '/{(\\w+)}/g', ':$1'), '/:primary_tag/:slug/');
    assert.equal(regexReplace('/blog/', '/\\/$/', '.md'), '/blog.md');
    assert.equal(regexReplace('/a/b/', '/\\//g', '-', true), '-a-b-');
    assert.equal(regexReplace('/(?:x)+/', '/(?:\\(\\?:x\\))+/', 'y'), '/y+/');
  });

  it('refuses nested quantifiers, quantified alternations, backreferences and replaceAll without g', () => {
    for (const p of ['(a+)+$', '(a|aa)*b', '((ab)*)+', '(\\w+\\s?)*$', '(a)\\1', '(?<=a)b']) assert.equal(safePattern(p), false, p);
    for (const p of ['{(\\w+)}', '^\\/+|\\/+$', '(?:abc)+', '[(+)]+x', '(a)?b']) assert.equal(safePattern(p), true, p);
    assert.equal(regexReplace('/x/', '/x/', 'y', true), undefined);
    assert.equal(regexReplace('x'.repeat(600), '/x/', 'y'), undefined);
    assert.equal(regexReplace('/x/', 'not a regex', 'y'), undefined);
  });
});
