// Base paths a fresh install runs with, where the code shows them (test/fixtures/routes/express-setting-defaults):
// an unset environment variable through a small formatter (`if (!value) return ''`), a defaults
// object merged under options (`deepmerge.all`), the path of a known URL (`new URL(u).pathname`,
// `url.parse(u).pathname`) with its trailing slash trimmed. The route carries the path and names
// the settings; a prefix only a database or the operator can give stays dynamic.
import * as assert from 'node:assert/strict';
import { httpRoutesOf } from './httpRoutes';

describe('routes: base paths at a fresh install’s settings (environment, merged defaults, URL parts)', () => {
  const { all, byId } = httpRoutesOf('express-setting-defaults');

  it('follows an unset environment variable through the formatter that gives its default', () => {
    const r = byId('GET /health');
    assert.equal(r.dynamic, undefined);
    assert.match(r.pathDependsOn ?? '', /APP_PREFIX: environment variable, unset by default/);
  });

  it('takes the path of the default site URL, merged under options, trailing slash trimmed', () => {
    assert.match(byId('GET /feed').pathDependsOn ?? '', /SITE_URL: environment variable, unset by default/);
    assert.match(byId('GET /legacy').pathDependsOn ?? '', /SITE_URL/);
  });

  it('leaves a base path from the database, a variable with no fallback, or options merged over the defaults, dynamic', () => {
    const dyn = all().filter((e) => e.dynamic);
    assert.deepEqual(dyn.map((e) => e.line).sort((a, b) => a - b), [19, 22, 26, 29, 32]);
    assert.ok(dyn.every((e) => !e.pathDependsOn));
  });

  it('picks no answer of a helper whose first return hangs on what the request holds', () => {
    assert.match(all().find((e) => e.line === 29)?.dynamic?.expression ?? '', /sectionPath/);
  });

  it('keeps the runtime mode (NODE_ENV) unknown: a path it chooses is dynamic, neither arm taken as the default', () => {
    const r = all().find((e) => e.line === 32);
    assert.match(r?.dynamic?.expression ?? '', /NODE_ENV/);
    assert.equal(r?.pathDependsOn, undefined);
  });

  it('finds every route', () => {
    assert.equal(all().length, 8);
  });
});
