// A DRF router subclass declaring its own `routes = [Route(...), DynamicRoute(...)]` table
// (test/fixtures/routes/django-route-tables, python/drfRouteTables.ts), inherited by a subclass: each
// viewset gets a URL per Route whose mapped action it has, and one per @action of the side a
// DynamicRoute names; the standard create/update/destroy routes and list-side @actions get none.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { itHasPyRoutes, type PyRouteRow } from './pyRouteRows';
import { routeTemplates } from '../../../src/core/entry/python/drfRouteTables';
import { createParser } from '../../../src/core/parse/languages';

const DIR = path.resolve(__dirname, '../../../../test/fixtures/routes/django-route-tables');
const AUTH = ['IsAuthenticated'];

const ROUTES: PyRouteRow[] = [
  ['GET', '/api/books', 'shelf/api_urls.py:5', 'guarded', AUTH],
  ['GET', '/api/books/:isbn', 'shelf/api_urls.py:5', 'guarded', AUTH],
  ['POST', '/api/books/:isbn/borrow', 'shelf/api_urls.py:5', 'guarded', AUTH, 'shelf/views.py BookViewSet.borrow 11'],
  ['GET', '/api/authors', 'shelf/api_urls.py:6', 'unguarded', []],
  ['GET', '/api/shelves', 'shelf/api_urls.py:7', 'guarded', AUTH],
  ['GET', '/api/shelves/:pk', 'shelf/api_urls.py:7', 'guarded', AUTH],
  ['GET', '/api/shelves/:pk/books-on-shelf', 'shelf/api_urls.py:7', 'unguarded', []],
];

describe('python routes: a DRF router with its own route table (test/fixtures/routes/django-route-tables)', () => {
  itHasPyRoutes(DIR, ROUTES, { framework: 'django' });

  const cases: [string, string, ReturnType<typeof routeTemplates>][] = [
    ['keywords', `[Route(url=r'^{prefix}$', mapping={'get': 'list', 'post': 'create'}, name='x', detail=False, initkwargs={})]`, [{ dynamic: false, url: '^{prefix}$', detail: false, mapping: [['GET', 'list'], ['POST', 'create']], line: 1 }]],
    ['positional', `(routers.DynamicRoute(r'^{prefix}/{url_path}$', '{basename}-{url_name}', False, {}),)`, [{ dynamic: true, url: '^{prefix}/{url_path}$', detail: false, mapping: [], line: 1 }]],
    // A table built otherwise (a comprehension, a spread) is not read: the standard routes stay.
    ['not a literal table', `[r._replace(detail=True) for r in SimpleRouter.routes]`, undefined],
    ['an element not read', `[*SimpleRouter.routes, Route(url=r'^{prefix}$', mapping={}, name='x', detail=False, initkwargs={})]`, undefined],
  ];
  for (const [what, src, want] of cases) {
    it(`reads a routes table: ${what}`, async () => {
      const parser = await createParser('python');
      try {
        const right = parser.parse(`routes = ${src}\n`)!.rootNode.descendantsOfType('assignment')[0]!.childForFieldName('right')!;
        assert.deepEqual(routeTemplates(right), want);
      } finally {
        parser.delete();
      }
    });
  }
});
