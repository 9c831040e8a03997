// An access check that first asks a closure of its own whether to let the request in
// (test/fixtures/routes/express-anonymous-grant, the shape of Etherpad's webaccess.checkAccess):
// `if (await authorize()) return next()` before the 401, the closure granting a caller with no
// session user when neither the path (`/admin-auth`) nor the setting (`requireAuthentication`, false
// as shipped) asks for sign-in, and a plugin hook no part of the manifest answers refusing nobody.
// The same check with sign-in required, on an admin path, or behind a hook a part answers, still guards.
import * as assert from 'node:assert/strict';
import { httpRoutesOf, itHasStates, reasonsOf } from './httpRoutes';
import { switchArms } from '../../../src/core/entry/facts/switchCases';
import { createParser } from '../../../src/core/parse/languages';
import { liteTree } from '../../../src/core/parse/liteTree';
import type { Expr } from '../../../src/core/entry/facts/types';

describe('routes: an access check whose own closure grants anonymous callers at the shipped settings', () => {
  const routes = httpRoutesOf('express-anonymous-grant');
  itHasStates(routes, [
    ['GET /p/:pad', 'unguarded'],
    ['GET /admin-auth/check', 'guarded'],
    ['GET /closed/p/:pad', 'guarded'],
    ['GET /plugged/p/:pad', 'guarded'],
  ]);

  it('says which check guards where it still does', () => {
    assert.match(reasonsOf(routes.byId('GET /closed/p/:pad')), /makeCheckAccess|checkAccess|Authentication Required/);
  });
});

describe('facts: the arms of a switch with their tests', () => {
  const armsOf = async (src: string) => {
    const parser = await createParser('javascript');
    const tree = parser.parse(src)!;
    const root = liteTree(tree, src);
    const sw = root.descendantsOfType('switch_statement')[0]!;
    const text = (e: Expr): string => JSON.stringify(e);
    const out = switchArms(sw, (n) => ['id', n.text] as Expr);
    tree.delete();
    return out?.map((a) => text(a.cond as unknown as Expr));
  };

  it('joins labels with no statements to the next and gives default the else of them all', async () => {
    const arms = await armsOf("switch (level) { case true: return 'c'; case 'r': case 'm': return level; default: warn(); }");
    assert.equal(arms?.length, 3);
    assert.match(arms![1]!, /"or".*'r'.*'m'/);
    assert.match(arms![2]!, /^\["sw",\["not"/);
  });

  it('keeps no tests where an arm falls through, a label is not a literal, or default is not last', async () => {
    assert.equal(await armsOf("switch (a) { case 1: x(); case 2: return 2; }"), undefined);
    assert.equal(await armsOf('switch (a) { case B: return 1; }'), undefined);
    assert.equal(await armsOf('switch (a) { default: return 0; case 1: return 1; }'), undefined);
  });
});
