// A servlet filter of the service's own registered for every request (`@Component` on a
// OncePerRequestFilter) that refuses: every Spring route nothing else guards is `unknown`, never
// "none refuses" (it was unguarded). Fixture: test/fixtures/routes/spring-servlet-filter; the
// reading of a filter's text is table-driven below.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { EntryPoint } from '../../../src/core/entry/types';
import { servletFilterOf } from '../../../src/core/entry/springServletFilters';
import { entriesOf } from './sampleServices.test';

const ROOT = path.resolve(__dirname, '../../../../test/fixtures/routes/spring-servlet-filter');

const filter = (annotation: string, body: string): string =>
  `package x;\n${annotation}\npublic class AuthFilter extends OncePerRequestFilter {\n  protected void doFilterInternal(HttpServletRequest req, HttpServletResponse res, FilterChain chain) {\n${body}\n  }\n}\n`;

describe('spring routes: a servlet filter of our own in front of every request', () => {
  let got: EntryPoint[] = [];
  before(async () => {
    got = (await entriesOf(ROOT)).filter((e) => e.kind === 'http');
  });

  it('leaves every route behind a refusing filter unknown, naming the filter', () => {
    assert.deepEqual(got.map((e) => `${e.method} ${e.path} ${e.guardState}`).sort(), ['GET /api/items unknown', 'POST /api/items unknown']);
    assert.match(got[0]!.guardReason ?? '', /ApiKeyFilter.*ApiKeyFilter\.java:\d+/);
  });

  const cases: [string, string, string, boolean][] = [
    ['sendError', '@Component', '    if (!ok(req)) { res.sendError(401); return; }\n    chain.doFilter(req, res);', true],
    ['setStatus(SC_FORBIDDEN)', '@WebFilter("/*")', '    if (!ok(req)) { res.setStatus(HttpServletResponse.SC_FORBIDDEN); return; }\n    chain.doFilter(req, res);', true],
    ['a decoder passing requests without a token on first', '@Component', '    String h = req.getHeader("Authorization");\n    if (h == null) { chain.doFilter(req, res); return; }\n    if (!ok(h)) { res.sendError(401); return; }\n    chain.doFilter(req, res);', false],
    ['a filter that refuses nothing', '@Component', '    req.setAttribute("t", 1);\n    chain.doFilter(req, res);', false],
    ['a filter not registered for every request', '', '    if (!ok(req)) { res.sendError(401); return; }\n    chain.doFilter(req, res);', false],
  ];
  for (const [what, ann, body, refuses] of cases) {
    it(`${refuses ? 'reads' : 'does not read'} as a refusing filter: ${what}`, () => {
      assert.equal(!!servletFilterOf('AuthFilter.java', filter(ann, body)), refuses);
    });
  }
});
