// A Spring controller without a type-level @RequestMapping of its own takes the nearest one up its
// superclasses (`@RequestMapping("/api/v1") abstract class BaseApiController`, `ItemController extends
// BaseApiController { @GetMapping("/items") }` → GET /api/v1/items). Before, the base's prefix was
// dropped (GET /items). Fixture test/fixtures/routes/spring-inherited-class-path (Java and Kotlin); the
// annotation reader table-driven below.
import * as assert from 'node:assert/strict';
import { typeLevelPaths } from '../../../src/core/entry/springInheritedClassPaths';
import { httpRoutesOf } from './httpRoutes';

describe('Spring: a type-level @RequestMapping inherited from a base class (test/fixtures/routes/spring-inherited-class-path)', () => {
  const routes = httpRoutesOf('spring-inherited-class-path');
  it('finds every route under the inherited prefix', () => {
    assert.deepEqual(routes.all().map((e) => e.id).sort(), [
      'DELETE /admin/cache', // its own class mapping wins
      "GET /{ConstBase's @RequestMapping /stats}", // a constant not read: dynamic
      'GET /api/v1/items', // Java, one class up
      'GET /k/v2/things', // Kotlin
      'GET /lib', // a library's base: nothing added
      'GET /m1/ping', // two paths on the base
      'GET /m2/ping',
      'POST /api/v1/orders', // two classes up
    ].sort());
  });
  it('the route stays at the controller\'s method', () => {
    const e = routes.byId('POST /api/v1/orders');
    assert.equal(e.handler, 'OrderController.create');
    assert.equal(e.file, 'src/main/java/com/inh/OrderController.java');
  });

  const table: [string, string, string[] | 'none' | undefined][] = [
    ['Java, a literal', 'package a;\nimport x.RequestMapping;\n@RequestMapping("/api")\npublic abstract class B {}', ['/api']],
    ['Java, value= and produces=', '@Validated\n@RequestMapping(value = "/api", produces = "application/json")\nabstract class B {}', ['/api']],
    ['Java, path= array', '@RequestMapping(path = {"/a", "/b"})\nclass B {}', ['/a', '/b']],
    ['Kotlin, arrayOf and method=', '@RequestMapping(value = arrayOf("/k"), method = [RequestMethod.GET])\nabstract class B(val x: Int)', ['/k']],
    ['no arguments: no prefix', '@RequestMapping\nclass B {}', ['']],
    ['none on the class (one on a method above is not its)', 'class A {\n  @RequestMapping("/x") fun f() {}\n}\nabstract class B {}', 'none'],
    ['a constant: not read', '@RequestMapping(Paths.API)\nclass B {}', undefined],
  ];
  for (const [what, text, want] of table) {
    it(`typeLevelPaths: ${what}`, () => {
      const got = typeLevelPaths(text, 'B');
      assert.deepEqual(got === 'none' || got === undefined ? got : got.paths, want);
    });
  }
});
