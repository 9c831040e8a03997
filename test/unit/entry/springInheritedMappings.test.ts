// A controller serves the mapped methods it inherits from a plain base class (`abstract class
// CrudController<T> { @GetMapping("/{id}") … }` under `TeamController extends CrudController<Team>`'s
// own path), and a Security rule's matchers may be another class's String array constant
// (`requestMatchers(Paths.PUBLIC)` with `String[] PUBLIC = { API + "/auth/**", API + "/health" }`):
// each element is a pattern (test/fixtures/routes/spring-inherited-mappings). Before, the inherited
// routes were missing and every route was `unknown` (a matcher not read may decide first).
import * as assert from 'node:assert/strict';
import { httpRoutesOf, itHasStates, reasonsOf } from './httpRoutes';
import { joinedConstants } from '../../../src/core/entry/javaConstantExprs';

describe('Spring: inherited mappings and array constants in rules (test/fixtures/routes/spring-inherited-mappings)', () => {
  const routes = httpRoutesOf('spring-inherited-mappings');
  itHasStates(routes, [
    ['POST /api/v2/auth/login', 'unguarded'],
    ['GET /api/v2/health', 'unguarded'],
    ['GET /api/v2/healthz', 'guarded'],
    ['GET /legacy-reports', 'guarded'],
    ['GET /legacy-reports/summary', 'guarded'],
    ['GET /reports', 'guarded'],
    ['GET /reports/summary', 'guarded'],
    ['POST /teams', 'guarded'],
    ['GET /teams/:id', 'guarded'],
    ['GET /teams/mine', 'guarded'],
    ['GET /users', 'guarded'],
    ['DELETE /users/:id', 'guarded'],
  ]);
  it('an inherited route runs the base class’s method, for the controller that extends it', () => {
    const e = routes.byId('GET /teams/:id');
    assert.equal(e.handler, 'TeamController.get');
    assert.equal(e.file, 'src/main/java/com/acme/web/CrudController.java');
  });
  it('the array’s elements are the rule’s patterns', () => {
    assert.match(reasonsOf(routes.byId('GET /api/v2/health')), /\/api\/v2\/auth\/\*\*, \/api\/v2\/health → permitAll/);
  });
});

describe('String array constants (javaConstantExprs.ts)', () => {
  const table: [text: string, value: string | undefined][] = [
    ['static final String API = "/a"; static final String[] P = { API + "/x", "/y" };', '/a/x\u0002/y'],
    ['public static final String[] P = new String[] { "/x", "/y", };', '/x\u0002/y'],
    ['static final String[] P = { "/x", helper() };', undefined],
    ['static final String[] P = { "/x", Other.MISSING };', undefined],
  ];
  for (const [text, value] of table) {
    it(`${text} → ${JSON.stringify(value)}`, () => {
      assert.equal(joinedConstants(text, new Map()).get('P'), value);
    });
  }
});
