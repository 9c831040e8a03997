// A base path start-up code copies from a command-line flag into a field of a local before
// handing it to the function that builds the router (`s.Prefix = prefix.String(); web.New(s.Prefix)`):
// the route carries the path at the flag's default and says which flag. A flag library that takes
// the default first (zgo.at/zli `f.String(def, name)`) is read in its own order, never the
// standard library's; a pointer to the flag's value handed to a function of ours (`tidy(p.Pointer())`)
// is followed into it, and one handed to code whose result is not known leaves the path dynamic.
import * as assert from 'node:assert/strict';
import { httpRoutesOf } from './httpRoutes';

describe('Go flag values copied into locals at start-up: test/fixtures/routes/go-flag-locals', () => {
  const { all, byId: route } = httpRoutesOf('go-flag-locals');
  it('a zli flag\'s default (given first) reaches the prefix through a field of a local', () => {
    const e = route('GET /health');
    assert.equal(e.dynamic, undefined);
    assert.match(e.pathDependsOn ?? '', /^s\.Prefix \(flag "prefix" at its default ""\)$/);
    assert.equal(route('GET /pixel.gif').dynamic, undefined);
  });
  it('a function of ours handed the flag\'s pointer is run on it: "/admin/" trimmed and given one slash', () => {
    const e = route('GET /admin/stats');
    assert.match(e.pathDependsOn ?? '', /s\.Admin \(flag "admin-path" at its default "\/admin\/"\)/);
  });
  it('the standard library\'s flag.String, dereferenced into a field', () => {
    assert.match(route('GET /docs/index').pathDependsOn ?? '', /^opts\.Prefix \(flag "docs-path" at its default "\/docs"\)$/);
  });
  it('never guessed: a pointer handed to a function whose result is not known stays dynamic', () => {
    const dyn = all().filter((e) => e.dynamic).map((e) => e.dynamic!.expression);
    assert.deepEqual(dyn, ['s.Reports']);
    assert.equal(all().length, 5);
  });
});
