// Kubernetes-style RBAC as a Spring Security authorization manager (test/fixtures/routes/spring-k8s-rbac):
// `access(new RuleCheckingManager(…))` on /apis/**, a request-info resolver mapping methods to verbs,
// role templates in YAML under the folder the code loads by `classpath:/roles/*.yaml`, and anonymous
// callers given the `guest` role by `.anonymous(spec -> spec.authorities("ROLE_guest"))`.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { EntryPoint } from '../../../src/core/entry/types';
import { buildMap } from '../../../src/core/map/buildMap';
import { entryPointsOf } from '../../../src/core/entry/entryCache';
import { diskFiles } from '../../../src/core/files/sourceFiles';
import { ANY_VALUE, allowingRule, requestAttributes, type PolicyRule } from '../../../src/core/entry/k8sRbac';
import { parseRoleTemplates, roleClosure } from '../../../src/core/entry/k8sRoles';
import { reasonsOf } from './httpRoutes';

const ROOT = path.resolve(__dirname, '../../../../test/fixtures/routes/spring-k8s-rbac');
const TEMPLATES = 'src/main/resources/roles/guest.yaml';

describe('routes: Kubernetes-style RBAC role templates behind a Spring authorization manager', () => {
  let routes: EntryPoint[] = [];
  let dataFolders: string[] = [];
  before(async () => {
    const map = await buildMap({ root: ROOT, cache: false, workers: 0 });
    const result = await entryPointsOf(map, diskFiles(ROOT), { cacheDir: false });
    routes = result.entries.filter((e) => e.kind === 'http');
    dataFolders = (result.dataFolders ?? []).map((d) => d.path);
  });
  const byId = (id: string) => {
    const e = routes.find((x) => x.id === id);
    assert.ok(e, `${id} missing; found ${routes.map((x) => x.id).join(', ')}`);
    return e;
  };

  const rows: [string, EntryPoint['guardState'], RegExp][] = [
    ['GET /apis/shop.example.com/v1/products', 'unguarded', /guest\.yaml:9/],
    ['GET /apis/shop.example.com/v1/products/:name', 'unguarded', /guest\.yaml:9/],
    ['POST /apis/shop.example.com/v1/products', 'guarded', /no rule for shop\.example\.com products create/],
    ['DELETE /apis/shop.example.com/v1/products/:name', 'guarded', /products delete/],
    // A create of a name without a subresource is a non-resource request, matched by nonResourceURLs.
    ['POST /apis/shop.example.com/v1/visits/:page', 'unguarded', /guest\.yaml:12/],
    // The resource is a parameter: some values are open, others not.
    ['GET /apis/shop.example.com/v1/:kind', 'unknown', /depends on a path parameter/],
    // Through the dependency role, for the name "-" only.
    ['GET /apis/account.example.com/v1/accounts/-/profile', 'unguarded', /own-account/],
    ['GET /apis/account.example.com/v1/accounts/:name/profile', 'guarded', /accounts\/profile/],
    ['GET /apis/account.example.com/v1/invoices', 'guarded', /no rule for account\.example\.com invoices list/],
    ['GET /health', 'unguarded', /permitAll/],
  ];
  for (const [id, state, reason] of rows) {
    it(`${id} is ${state}`, () => {
      const e = byId(id);
      assert.equal(e.guardState, state, reasonsOf(e));
      assert.match(reasonsOf(e), reason);
    });
  }

  it('cites the anonymous role template for a refused route, and stamps the folder it listed', () => {
    const g = byId('GET /apis/account.example.com/v1/invoices').guards.find((x) => x.kind === 'authorization');
    assert.deepEqual(g?.evidence && [g.evidence.file, g.evidence.line], [TEMPLATES, 4]);
    assert.deepEqual(dataFolders, ['src/main/resources/roles']);
  });

  it('turns a path into request attributes as Kubernetes does', () => {
    assert.deepEqual(requestAttributes('GET', '/apis/g.io/v1/things'), { resourceRequest: true, group: 'g.io', version: 'v1', resource: 'things', name: '', subresource: '', subName: '', verb: 'list' });
    assert.deepEqual(requestAttributes('PUT', '/api/v1/namespaces/:ns/pods/:name/status'), { resourceRequest: true, group: '', version: 'v1', resource: 'pods', name: ANY_VALUE, subresource: 'status', subName: '', verb: 'update' });
    assert.deepEqual(requestAttributes('GET', '/login'), { resourceRequest: false, path: '/login', verb: 'get' });
  });

  it('matches */subresource rules and leaves a parameter-dependent URL undecided', () => {
    const rule = (over: Partial<PolicyRule>): PolicyRule => ({ apiGroups: [], resources: [], resourceNames: [], verbs: [], nonResourceURLs: [], file: 'r.yaml', line: 1, ...over });
    const scale = rule({ apiGroups: ['*'], resources: ['*/scale'], verbs: ['get'] });
    assert.equal(allowingRule([scale], requestAttributes('GET', '/apis/apps/v1/deployments/:name/scale')), scale);
    assert.equal(allowingRule([rule({ nonResourceURLs: ['/healthz'], verbs: ['get'] })], requestAttributes('GET', '/:page')), 'depends');
  });

  it('reads role templates with their lines and follows dependencies and aggregation labels', () => {
    const yaml = 'kind: Role\nmetadata:\n  name: a\n  annotations:\n    x.io/dependencies: \'["b"]\'\nrules: []\n---\nkind: Role\nmetadata:\n  name: b\nrules:\n  - verbs: ["get"]\n    nonResourceURLs: ["/x"]\n---\nkind: Role\nmetadata:\n  name: c\n  labels:\n    x.io/aggregate-to-a: "true"\nrules: []\n';
    const roles = parseRoleTemplates(yaml, 'roles.yaml');
    assert.deepEqual(roles.map((r) => [r.name, r.line]), [['a', 3], ['b', 10], ['c', 17]]);
    assert.equal(roles[1]!.rules[0]!.line, 12);
    assert.deepEqual(roleClosure(roles, ['a']).map((r) => r.name).sort(), ['a', 'b', 'c']);
  });
});
