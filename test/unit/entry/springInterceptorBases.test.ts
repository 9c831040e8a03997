// Spring interceptors built on a template of the service's own (tolgee's AbstractAuthorizationInterceptor:
// the base's preHandle ends `return preHandleInternal(…)`, the registered subclass overrides only that),
// and interceptors that open with an annotation gate (`val a = getAnnotation(…A…); if (a == null) return
// true`): they refuse only handlers with @A, so they are no guard, and no reason for `unknown`, on the
// others. Before: tolgee's FeatureAuthorizationInterceptor read as "not the service's own code" made 13
// open routes `unknown`. Fixture test/fixtures/routes/spring-interceptor-base; the readers table-driven below.
import * as assert from 'node:assert/strict';
import { annotationGate } from '../../../src/core/entry/springAnnotationGate';
import { composedPreHandle, superclassOf } from '../../../src/core/entry/springInterceptorBases';
import { httpRoutesOf, reasonsOf } from './httpRoutes';
import { itHasStates } from './httpRoutes';

const REFUSAL = /return\s+false\b|sendError\s*\(|\bthrow\s+(?:new\s+)?\w+/;

describe('Spring: interceptors extending the service\'s own base, annotation gates (test/fixtures/routes/spring-interceptor-base)', () => {
  const routes = httpRoutesOf('spring-interceptor-base');
  itHasStates(routes, [
    // PlanAuthorizationInterceptor (every path) lets handlers without @RequiresFeatures through.
    ['GET /public/items', 'unguarded'],
    ['GET /items/export', 'guarded'],
    // @ExportFeature is the service's own annotation, meta-annotated @RequiresFeatures.
    ['GET /items/report', 'guarded'],
    // AdminAuthInterceptor's preHandleInternal, under the base's preHandle, refuses non-admins.
    ['POST /admin/items', 'guarded'],
    // The Java base tests its hook's result (`if (!check(…))`): not read.
    ['GET /legacy/report', 'unknown'],
    // QuotaInterceptor (Java, no base): `if (quota == null) return true` first.
    ['GET /quota/export', 'guarded'],
    ['GET /quota/status', 'unguarded'],
  ]);
  it('the template\'s refusal is shown where the subclass makes it', () => {
    const g = routes.byId('POST /admin/items').guards.find((x) => /AdminAuthInterceptor/.test(x.name));
    assert.ok(g, reasonsOf(routes.byId('POST /admin/items')));
    assert.match(`${g.evidence?.file}:${g.evidence?.line}`, /AdminAuthInterceptor\.kt:19$/);
  });

  const superTable: [string, string, string, string | undefined][] = [
    ['Kotlin, constructor and named argument', 'class F(\n  private val g: G,\n) : AbstractAuthorizationInterceptor(allowGlobalRoutes = false) {', 'F', 'AbstractAuthorizationInterceptor'],
    ['Kotlin, qualified base, no constructor', 'class F : com.x.BaseInterceptor() {', 'F', 'BaseInterceptor'],
    ['Kotlin, an interface only (no call): no superclass', 'class F(private val g: G) : HandlerInterceptor {', 'F', undefined],
    ['Kotlin, @Inject constructor', 'class F @Inject constructor(g: G) : Base(g), Ordered {', 'F', 'Base'],
    ['Java extends', 'public class F extends BaseSessionInterceptor implements Ordered {', 'F', 'BaseSessionInterceptor'],
    ['Java generic', 'public class F<T> extends Base<T> {', 'F', 'Base'],
  ];
  for (const [what, text, cls, want] of superTable) {
    it(`superclassOf: ${what}`, () => assert.equal(superclassOf(text, cls), want));
  }

  const kt = (body: string) => `preHandleInternal(request: HttpServletRequest, handler: HandlerMethod): Boolean {\n${body}\n    return true\n  }`;
  const java = (body: string) => `preHandle(HttpServletRequest req, HttpServletResponse res, Object h) {\n${body}\n    return true;\n  }`;
  const gateTable: [string, string, string[] | undefined, boolean?][] = [
    ['Kotlin: two reads joined by &&, a comment in the block', kt('    val a = AnnotationUtils.getAnnotation(handler.method, A::class.java)\n    val b = AnnotationUtils.getAnnotation(handler.method, B::class.java)\n    if (a == null && b == null) {\n      // none\n      return true\n    }\n    throw X()'), ['A', 'B']],
    ['Kotlin: joined by || — only handlers with both', kt('    val a = AnnotationUtils.getAnnotation(handler.method, A::class.java)\n    val b = AnnotationUtils.findAnnotation(handler.method, B::class.java)\n    if (a == null || b == null) return true\n    throw X()'), ['A', 'B'], true],
    ['Kotlin: `?: return true`', kt('    val a = AnnotationUtils.getAnnotation(handler.method, A::class.java) ?: return true\n    throw X()'), ['A']],
    ['Java: getMethodAnnotation, then == null', java('    A a = ((HandlerMethod) h).getMethodAnnotation(A.class);\n    if (a == null) { return true; }\n    return false;'), ['A']],
    ['Java: !hasMethodAnnotation', java('    if (!hm.hasMethodAnnotation(A.class)) return true;\n    res.sendError(403);'), ['A']],
    // Not gates: the interceptor keeps its reading.
    ['a refusal before the gate', java('    if (req.getHeader("k") == null) return false;\n    A a = hm.getMethodAnnotation(A.class);\n    if (a == null) return true;'), undefined],
    ['a gate inside a block', java('    if (x) {\n      A a = hm.getMethodAnnotation(A.class);\n      if (a == null) return true;\n    }\n    return false;'), undefined],
    ['an opt-out (`!= null` lets the handler through)', java('    A a = hm.getMethodAnnotation(A.class);\n    if (a != null) return true;\n    return false;'), undefined],
    ['a gate mixed with another test', kt('    val a = AnnotationUtils.getAnnotation(handler.method, A::class.java)\n    if (a == null && token == null) return true\n    throw X()'), undefined],
  ];
  for (const [what, body, want, all] of gateTable) {
    it(`annotationGate: ${what}`, () => {
      const g = annotationGate(body, REFUSAL);
      assert.deepEqual(g?.annotations, want);
      if (want) assert.equal(g!.all, !!all);
    });
  }

  it('composedPreHandle: the override\'s body replaces `return hook(…)`; a hook whose result is tested is unread', async () => {
    const base = { file: 'B.kt', text: 'abstract class B : HandlerInterceptor {\n  override fun preHandle(r: R, s: S, h: Any): Boolean {\n    if (r.method == "OPTIONS") return true\n    return hook(r, h)\n  }\n  abstract fun hook(r: R, h: Any): Boolean\n}' };
    const sub = { file: 'S.kt', text: 'class S : B() {\n  override fun hook(r: R, h: Any): Boolean {\n    throw X()\n  }\n}' };
    const find = async (n: string) => (n === 'B' ? base : undefined);
    const isI = () => true;
    const c = await composedPreHandle('S', sub, find, isI);
    assert.ok(c && !('unread' in c));
    assert.match(c.body, /OPTIONS[\s\S]*throw X\(\)[\s\S]*\}$/);
    assert.doesNotMatch(c.body, /return hook/);
    assert.deepEqual(c.at(c.body.indexOf('throw')), { file: 'S.kt', line: 3 });
    const tested = { ...base, text: base.text.replace('return hook(r, h)', 'if (!hook(r, h)) return false\n    return true') };
    const u = await composedPreHandle('S', sub, async () => tested, isI);
    assert.ok(u && 'unread' in u);
    assert.equal(await composedPreHandle('S', sub, async () => undefined, isI), undefined);
  });
});
