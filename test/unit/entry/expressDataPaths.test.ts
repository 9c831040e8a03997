// Paths that come from configuration text the code parses itself (test/fixtures/routes/express-data-paths):
// YAML through js-yaml and JSON through JSON.parse are values like object literals; a permalink
// template turned into Express notation by a regular expression, and a slash trimmed by one, are
// evaluated; `for (const [key, value] of Object.entries(o))` binds each name. A regular expression
// that could backtrack without end is not run: that path stays `dynamic`.
import * as assert from 'node:assert/strict';
import { httpRoutesOf } from './httpRoutes';
import { regexReplace, safePattern } from '../../../src/core/entry/interp/safeRegex';

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
  for (const [id, line] of expected) {
    it(`${id} is found with its path evaluated (app.js:${line})`, () => {
      const e = byId(id);
      assert.equal(e.file, 'app.js');
      assert.equal(e.line, line);
      assert.equal(e.dynamic, undefined);
    });
  }

  it('keeps a path built with an unsafe regular expression dynamic, with its expression', () => {
    const dyn = all().filter((e) => e.dynamic);
    assert.deepEqual(dyn.map((e) => `${e.file}:${e.line}`), ['app.js:44'], all().map((e) => e.id).join(', '));
    assert.match(dyn[0]!.dynamic!.expression, /replace/);
    assert.equal(all().length, 8, all().map((e) => e.id).join(', '));
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
