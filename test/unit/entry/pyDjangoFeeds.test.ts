// Django syndication Feeds mounted as views (test/fixtures/routes/django-syndication-feeds,
// python/djangoFeeds.ts): Feed.__call__ refuses only through get_object, called with the URL's values
// by name. A credential looked up by a URL value (a reader's token, a team's invite secret), also
// through a subclass's super() call, guards the route; a Feed without get_object, one looking up a
// plain page (a topic by slug) and a subclass handing the base's lookup None are open; a Feed reading
// the identity stays unknown.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { itHasPyRoutes, type PyRouteRow } from './pyRouteRows';
import { feedGetObject } from '../../../src/core/entry/python/djangoFeeds';
import { createParser } from '../../../src/core/parse/languages';

const DIR = path.resolve(__dirname, '../../../../test/fixtures/routes/django-syndication-feeds');
const KEY = ['TokenFeed.get_object'];

const ROUTES: PyRouteRow[] = [
  ['ANY', '/feeds/:token/mine', 'newsroom/urls.py:6', 'guarded', KEY],
  ['ANY', '/feeds/:token/starred', 'newsroom/urls.py:7', 'guarded', KEY],
  ['ANY', '/feeds/public', 'newsroom/urls.py:8', 'unguarded', []],
  ['ANY', '/feeds/latest', 'newsroom/urls.py:9', 'unguarded', []],
  ['ANY', '/feeds/topics/:slug', 'newsroom/urls.py:10', 'unguarded', []],
  ['ANY', '/feeds/:secret/team', 'newsroom/urls.py:11', 'guarded', ['TeamFeed.get_object']],
  ['ANY', '/feeds/drafts', 'newsroom/urls.py:12', 'unknown', []],
  ['ANY', '/feeds/:token/audit', 'newsroom/urls.py:13', 'guarded', KEY],
];

describe('python routes: Django syndication Feeds (test/fixtures/routes/django-syndication-feeds)', () => {
  itHasPyRoutes(DIR, ROUTES, { framework: 'django' });

  const cases: [string, ReturnType<typeof feedGetObject>][] = [
    ['def get_object(self, request, feed_key):\n    return FeedToken.objects.get(key__exact=feed_key)', { params: ['request', 'feed_key'], keyLookup: { text: 'FeedToken.objects.get(key__exact=feed_key)', line: 2, param: 'feed_key' } }],
    ['def get_object(self, request, slug):\n    return get_object_or_404(Post, slug=slug)', { params: ['request', 'slug'] }],
    // A plain `key` on a model that is no credential: a page's key.
    ['def get_object(self, request, key):\n    return Category.objects.get(key=key)', { params: ['request', 'key'] }],
    ['def get_object(self, request, key):\n    return Reader.objects.get(feed_key=key)', { params: ['request', 'key'], keyLookup: { text: 'Reader.objects.get(feed_key=key)', line: 2, param: 'key' } }],
    ['def get_object(self, request):\n    return super().get_object(request, None)', { params: ['request'], superArgs: ['request', 'None'] }],
    // A key read from the query string is no parameter of get_object: not a lookup by the URL's value.
    ['def get_object(self, request):\n    return ApiKey.objects.get(key=request.GET["k"])', { params: ['request'] }],
  ];
  for (const [src, want] of cases) {
    it(`reads ${src.split('\n')[1].trim()}`, async () => {
      const parser = await createParser('python');
      try {
        const fn = parser.parse(src)!.rootNode.descendantsOfType('function_definition')[0]!;
        assert.deepEqual(feedGetObject(fn), want);
      } finally {
        parser.delete();
      }
    });
  }
});
