// DRF routes beyond a viewset's standard actions (test/fixtures/routes/django-router-mappings,
// python/drfExtraRoutes.ts): a router subclass whose __init__ adds method → action pairs to its list
// and detail routes (NetBox's NetBoxRouter), inherited by a subclass, given only to viewsets that
// define the action and whose http_method_names allow the method; and a ViewSet method named as a
// verb (`def patch`), which APIView.dispatch reaches on the viewset's URLs, unless it is an @action.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { itHasPyRoutes, type PyRouteRow } from './pyRouteRows';
import { routeMappingUpdates } from '../../../src/core/entry/python/drfExtraRoutes';
import { createParser } from '../../../src/core/parse/languages';

const DIR = path.resolve(__dirname, '../../../../test/fixtures/routes/django-router-mappings');
const AUTH = ['IsAuthenticated'];

const ROUTES: PyRouteRow[] = [
  ['GET', '/api/stock', 'stock/api_urls.py:4', 'guarded', AUTH],
  ['GET', '/api/stock/items', 'stock/api_urls.py:5', 'guarded', AUTH],
  ['POST', '/api/stock/items', 'stock/api_urls.py:5', 'guarded', AUTH],
  ['PUT', '/api/stock/items', 'stock/api_urls.py:5', 'guarded', AUTH, 'stock/mixins.py BulkUpdateMixin.bulk_update 5'],
  ['DELETE', '/api/stock/items', 'stock/api_urls.py:5', 'guarded', AUTH, 'stock/mixins.py BulkDestroyMixin.bulk_destroy 10'],
  ['GET', '/api/stock/items/:pk', 'stock/api_urls.py:5', 'guarded', AUTH],
  ['PUT', '/api/stock/items/:pk', 'stock/api_urls.py:5', 'guarded', AUTH],
  ['PATCH', '/api/stock/items/:pk', 'stock/api_urls.py:5', 'guarded', AUTH],
  ['DELETE', '/api/stock/items/:pk', 'stock/api_urls.py:5', 'guarded', AUTH],
  ['POST', '/api/stock/items/:pk', 'stock/api_urls.py:5', 'guarded', AUTH, 'stock/views.py ItemViewSet.duplicate 13'],
  ['GET', '/api/stock/shelves', 'stock/api_urls.py:6', 'guarded', AUTH],
  ['GET', '/api/stock/shelves/:pk', 'stock/api_urls.py:6', 'guarded', AUTH],
  ['GET', '/api/stock/prefs', 'stock/api_urls.py:7', 'guarded', AUTH],
  ['PATCH', '/api/stock/prefs', 'stock/api_urls.py:7', 'guarded', AUTH, 'stock/views.py PrefsViewSet.patch 29'],
  ['POST', '/api/stock/prefs/delete', 'stock/api_urls.py:7', 'guarded', AUTH],
  // http_method_names = ["get"]: its bulk_destroy is never reached.
  ['GET', '/api/stock/bins', 'stock/api_urls.py:8', 'guarded', ['IsAdminUser']],
  ['GET', '/api/stock/bins/:pk', 'stock/api_urls.py:8', 'guarded', ['IsAdminUser']],
];

describe('python routes: DRF router subclasses adding route mappings, verb-named viewset methods (test/fixtures/routes/django-router-mappings)', () => {
  itHasPyRoutes(DIR, ROUTES, { framework: 'django' });

  const cases: [string, string, { detail: boolean; method: string; action: string }[]][] = [
    ['update() on the list route', `self.routes[0].mapping.update({'put': 'bulk_update', "PATCH": 'bulk_partial_update'})`, [{ detail: false, method: 'put', action: 'bulk_update' }, { detail: false, method: 'patch', action: 'bulk_partial_update' }]],
    ['an item set on the detail route', `self.routes[2].mapping['post'] = 'copy'`, [{ detail: true, method: 'post', action: 'copy' }]],
    ['the @action routes ([1], [3]) are not the standard ones', `self.routes[1].mapping.update({'put': 'x'})`, []],
    ['a word that is no HTTP method', `self.routes[0].mapping.update({'fetch': 'x'})`, []],
    ['a value that is not a literal', `self.routes[0].mapping.update({'put': name})`, []],
    ['another object', `other.routes[0].mapping.update({'put': 'x'})`, []],
  ];
  for (const [what, stmt, want] of cases) {
    it(`reads a router's __init__: ${what}`, async () => {
      const parser = await createParser('python');
      try {
        const tree = parser.parse(`class R(DefaultRouter):\n    def __init__(self):\n        super().__init__()\n        ${stmt}\n`)!;
        const init = tree.rootNode.descendantsOfType('function_definition')[0]!;
        assert.deepEqual(routeMappingUpdates(init), want);
      } finally {
        parser.delete();
      }
    });
  }
});
