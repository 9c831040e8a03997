// A deployment base path held in a package variable that start-up code parses from a setting
// (alist's shape: `conf.URL = u` with `u, _ := url.Parse(conf.Conf.SiteURL)`, after `if
// !strings.Contains(conf.Conf.SiteURL, "://") { conf.Conf.SiteURL = utils.FixAndCleanPath(conf.Conf.SiteURL) }`):
// routes under `e.Group(conf.URL.Path)` carry the parsed path of the setting at its default ("" → "/"),
// the in-place rewrite applied where its own test decides for it. A URL parsed from what we cannot
// compute, a rewrite under a test nothing decides, and one that changes the value again when start-up
// code runs twice (`X = X + "/ext"`), stay dynamic.
import * as assert from 'node:assert/strict';
import { httpRoutesOf } from './httpRoutes';
import { cleanPath } from '../../../src/core/entry/go/libCalls';

describe('Go URL settings parsed at start-up: test/fixtures/routes/go-parsed-url-setting', () => {
  const { all, byId: route } = httpRoutesOf('go-parsed-url-setting');
  it('conf.URL.Path of url.Parse(FixAndCleanPath("")) is "/": the group adds nothing', () => {
    for (const id of ['GET /ping', 'GET /api/me']) {
      assert.equal(route(id).dynamic, undefined, id);
      assert.match(route(id).pathDependsOn ?? '', /conf\.URL\.Path/, id);
    }
  });
  it('never guessed: a URL parsed from a call we cannot compute, a rewrite under an undecided test', () => {
    const dyn = all().filter((e) => e.dynamic).map((e) => e.dynamic!.expression).sort();
    assert.deepEqual(dyn, ['CdnURL.Path', 'Conf.DavPath', 'Conf.ExtPath']);
  });
  it('path.Clean as Go cleans', () => {
    const rows: [string, string][] = [['', '.'], ['/', '/'], ['/a//b/', '/a/b'], ['a/../..', '..'], ['/../a', '/a'], ['/a/./b/../c', '/a/c']];
    for (const [p, want] of rows) assert.equal(cleanPath(p), want, p);
  });
});
