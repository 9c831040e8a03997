// Paths from settings at the defaults a validation schema gives them (test/fixtures/routes/
// fastify-config-defaults, the shape of zipline's server): the configuration is parsed with a zod
// schema from what we cannot read (a database row), stored on Node's `global` and read back in
// the server; `z.string().default('/u')` is what a fresh install runs with. A ternary over such a
// setting takes the default's arm and the path says which setting it depends on; the `if` around
// the registrations decides nothing (each registration is still a route of the code); the parse
// function's early `return {}` (a build-time branch) is not its answer; a setting with no default
// leaves its path dynamic.
import * as assert from 'node:assert/strict';
import { httpRoutesOf } from './httpRoutes';

describe('routes: paths from a validation schema\'s defaults (zod), through Node\'s global', () => {
  const { all, byId } = httpRoutesOf('fastify-config-defaults');

  it('evaluates a ternary and template over a setting under its default, naming the setting', () => {
    const u = byId('GET /u/:id');
    assert.equal(u.line, 11);
    assert.equal(u.dynamic, undefined);
    assert.equal(u.pathDependsOn, 'files.route: the default "/u" (src/lib/config/validate.ts:9)');
    assert.equal(byId('GET /go/:id').pathDependsOn, 'urls.route: the default "/go" (src/lib/config/validate.ts:13)');
  });

  it('keeps the route registered under a test of those settings', () => {
    assert.equal(byId('GET /:id').line, 9);
    assert.equal(byId('GET /:id').pathDependsOn, undefined);
  });

  it('leaves a setting without a default dynamic, and plain paths as they are', () => {
    const dyn = all().filter((e) => e.dynamic);
    assert.equal(dyn.length, 1, all().map((e) => e.id).join(', '));
    assert.match(dyn[0]!.dynamic!.expression, /config\.core\.prefix \?/);
    assert.equal(byId('GET /').pathDependsOn, undefined);
  });
});
