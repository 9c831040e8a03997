// Kotlin Spring, as a Tolgee-like service writes it (test/fixtures/routes/spring-kotlin-constants):
//  * Security rules from a companion object's `private val PUBLIC_ENDPOINTS = arrayOf(…)` spread into
//    `requestMatchers(*PUBLIC_ENDPOINTS)` (before: unread, every later rule's route `unknown`);
//  * `@RequestMapping("/a", "/b")`: Kotlin passes the value array as varargs, both paths mapped
//    (before: only the first);
//  * `"/${StoragePath.FILES}/**"`: a template of another object's `const val`, read from its file
//    (before: a dynamic path);
//  * `@AuthenticationTag`, an OpenAPI tag meta-annotation, is no guard (before: "guarded");
//  * a Kotlin interceptor (`class X(…) : HandlerInterceptor`) is the service's own code, and one that
//    decides by `AnnotationUtils.getAnnotation(handler.method, A::class.java)` is `unknown` for the
//    paths it takes, saying so (before: "not the service's own code").
import * as assert from 'node:assert/strict';
import { httpRoutesOf, itHasStates, reasonsOf } from './httpRoutes';

describe('Spring Kotlin: array constants, vararg mappings, foreign templates (test/fixtures/routes/spring-kotlin-constants)', () => {
  const routes = httpRoutesOf('spring-kotlin-constants');
  itHasStates(routes, [
    ['POST /api/public/login', 'unguarded'],
    ['GET /files/*', 'unguarded'],
    ['GET /api/project/:projectId/export/zip', 'guarded'],
    ['GET /api/project/export/zip', 'guarded'],
    ['GET /reports', 'unknown'],
  ]);
  it('the interceptor reading the handler’s annotation is named as the service’s own', () => {
    assert.match(reasonsOf(routes.byId('GET /reports')), /ApiAccessInterceptor \(src\/main\/kotlin\/com\/acme\/security\/ApiAccessInterceptor\.kt\) decides by the handler's @AllowApiAccess/);
  });
});
