// Refusals by an error known by its message, a few calls below the controller
// (test/fixtures/routes/express-keyed-errors, the shape of NodeBB's write API): the route helper hands
// what it catches to a formatter that sends `[[err:forbidden]]` as a 403, the API layer throws it when
// a predicate of ours answers no for the id a visitor's request carries (0, set when there is no
// session user), or throws an error of a class the formatter sends as a 403 (`err instanceof Refused`). Only that way guards; a check over privilege rows, a message sent as 400, a predicate
// that says no only for a crawler's id, and a controller whose errors no formatter of ours answers do not.
import * as assert from 'node:assert/strict';
import type { EntryPoint } from '../../../src/core/entry/types';
import { httpRoutesOf, itHasStates } from './httpRoutes';
import { guestFalse, statusByMessage, testsAbove, thrownKeys } from '../../../src/core/entry/facts/keyedErrors';
import { extractJsFacts } from '../../../src/core/entry/facts/jsFacts';
import { named } from '../../../src/core/entry/facts/jsNodes';
import { createParser } from '../../../src/core/parse/languages';
import { liteTree, type SyntaxNode } from '../../../src/core/parse/liteTree';

describe('routes: errors known by their message, thrown below the controller when a predicate says no to a visitor', () => {
  const routes = httpRoutesOf('express-keyed-errors');
  const expected: [string, EntryPoint['guardState'], number?][] = [
    // `const [mayEdit, page] = await Promise.all([acl.mayEdit(userId, id), …])`, false at once for !(userId > 0).
    ['POST /api/pages/:id/publish', 'guarded', 20],
    // `!seen || !await acl.isModerator({ page, userId: caller.userId })`: isOwner || isAdmin, each false for 0.
    ['DELETE /api/pages/:id/notes/:nid', 'guarded', 27],
    // A privilege table's rows decide: nothing here says how a visitor fares.
    ['PUT /api/pages/:id/title', 'optional'],
    ['GET /api/pages/:id', 'unguarded'],
    // `[[err:bad-input]]` is sent as a 400.
    ['POST /api/pages/:id/flag', 'optional'],
    // `if (userId < 0) return false`: a visitor's 0 gets true.
    ['POST /api/pages/:id/star', 'optional'],
    // No catch hands the error to the formatter: Express answers it with a 500.
    ['POST /api/pages/:id/archive', 'optional'],
    // `throw new Refused()` when `!await acl.isAdmin(caller.userId)`, and the formatter sends `err instanceof Refused` as 403.
    ['PUT /api/pages/:id/lock', 'guarded', 67],
    // The same class thrown under a privilege table's answer.
    ['DELETE /api/pages/:id/lock', 'optional'],
  ];
  itHasStates(routes, expected, (e, [, state, line]) => {
    if (state !== 'guarded') return;
    const g = e.guards.find((g) => !g.optional && g.kind === 'authorization');
    assert.ok(g, JSON.stringify(e.guards));
    assert.equal(`${g.file}:${g.line}`, `api/pages.js:${line}`);
    assert.deepEqual(g.evidence && { how: g.evidence.how, file: g.evidence.file }, { how: '403', file: 'api/pages.js' });
    // The reason names the formatter's mapping and what said no for the visitor's id.
    assert.match(g.reason, /lib\/respond\.js:\d+ sends (that message|errors of that class) as 403/);
    assert.match(g.reason, /answers false for userId 0/);
  });
});

describe('facts: keyed errors, message mappings and predicates that say no to an id at or below zero', () => {
  let parse: (text: string) => { root: SyntaxNode; done: () => void };
  before(async () => {
    const parser = await createParser('javascript');
    parse = (text) => {
      const tree = parser.parse(text)!;
      return { root: liteTree(tree, text), done: () => tree.delete() };
    };
  });

  it('reads the literal message of a thrown error and the class of one made with new', () => {
    const key = (src: string): string | undefined => {
      const { root, done } = parse(`throw ${src};`);
      const out = thrownKeys(root.descendantsOfType('throw_statement')[0]!.namedChildren[0]!);
      done();
      return [out.message, out.cls].filter((k) => k !== undefined).join(' ') || undefined;
    };
    assert.equal(key(`new Error('[[error:no-privileges]]')`), '[[error:no-privileges]] class:Error');
    assert.equal(key('new ApiError(`not-logged-in`)'), 'not-logged-in class:ApiError');
    assert.equal(key(`Error('x')`), 'x');
    assert.equal(key(`new Error(\`[[error:\${code}]]\`)`), 'class:Error');
    assert.equal(key('new errors.Refused(message)'), 'class:Refused');
    // A message only of an error: `new Thing('x')` is known by its class alone.
    assert.equal(key(`new Thing('x')`), 'class:Thing');
    assert.equal(key('err'), undefined);
  });

  it('maps messages (and classes) to 401/403 where a switch or an if on an error’s message (or its class) sets a status the body sends', () => {
    const mapped = (src: string) => {
      const { root, done } = parse(`function f(res, err) {${src}}`);
      const out = statusByMessage(root.namedChildren[0]!.childForFieldName('body')!);
      done();
      return out?.map(([k, s]) => `${k}=${s}`);
    };
    // Falling through to the 403, a 400 left out; the name declared in another branch is another.
    assert.deepEqual(
      mapped(`let code = 500; if (err.ok) { const message = 'fine'; } else { const message = err.message; switch (message) { case 'a': log(); case 'b': code = 403; break; case 'c': code = 400; break; case 'd': code = 401; } } res.status(code).end();`),
      ['a=403', 'b=403', 'd=401'],
    );
    assert.deepEqual(mapped(`if (err.message === 'gone') return res.status(403).end(); res.status(500).end();`), ['gone=403']);
    assert.deepEqual(mapped(`if (err instanceof errors.Refused) { return res.status(403).end(); } res.status(500).end();`), ['class:Refused=403']);
    // A status set but never sent, and a switch on something else: no mapping.
    assert.equal(mapped(`let code; switch (err.message) { case 'a': code = 403; } res.status(500).end();`), undefined);
    assert.equal(mapped(`let code = 200; switch (err.kind) { case 'a': code = 403; } res.status(code).end(err.message);`), undefined);
  });

  it('finds a predicate whose first statement answers false for the ids a visitor or a crawler gets', () => {
    const no = (src: string) => {
      const { root, done } = parse(`async function p(tid, uid) {${src}}`);
      const out = guestFalse(['tid', 'uid'], named(root.namedChildren[0]!.childForFieldName('body')!));
      done();
      return out && `${out.param}:${out.ids.join(',')}`;
    };
    assert.equal(no(`if (!utils.isNumber(uid) || !(parseInt(uid, 10) > 0)) { return false; } return load(uid);`), '1:0,-1');
    assert.equal(no(`if (parseInt(uid, 10) <= 0) return false; return true;`), '1:0,-1');
    assert.equal(no(`if (!uid) return null; return 1;`), '1:0');
    assert.equal(no(`if (uid < 0) return false; return true;`), '1:-1');
    // Undecided (`isNumber` may say no), a truthy answer, a test after another statement: none.
    assert.equal(no(`if (utils.isNumber(uid) && parseInt(uid, 10) <= 0) return false; return true;`), undefined);
    assert.equal(no(`if (uid <= 0) return true; return false;`), undefined);
    assert.equal(no(`log(uid); if (uid <= 0) return false; return true;`), undefined);
  });

  it('keeps the tests above a keyed throw, a call tested as its value; none inside a try or a loop', () => {
    const src = `async function f(uid, id) {
      const item = await load(id);
      if (!item) throw new Error('missing');
      if (!ok || !await can(id, uid)) { throw new Error('denied'); }
      try { throw new Error('caught'); } catch (e) { return null; }
    }`;
    const { root, done } = parse(src);
    const throws = root.descendantsOfType('throw_statement').map((t) => testsAbove(t!));
    const facts = extractJsFacts(root);
    done();
    assert.deepEqual(throws[0], [{ offset: src.indexOf('(!item)'), holds: true, cond: ['not', ['t', ['id', 'item']]] }]);
    assert.deepEqual(throws[1]?.map((w) => [w.holds, w.cond[0]]), [[false, 'not'], [true, 'or']]);
    assert.deepEqual(throws[1]?.[1]?.cond, ['or', ['not', ['t', ['id', 'ok']]], ['not', ['t', ['c', ['id', 'can'], [['id', 'id'], ['id', 'uid']], [4, src.indexOf('can(id')]]]]]);
    assert.equal(throws[2], undefined);
    // Recorded once each on the function, the refusals of the calls in the tests not doubled.
    assert.deepEqual(facts.fns[0]?.keyedThrows?.map((t) => [t.key, t.cls, !!t.tests]), [['missing', 'class:Error', true], ['denied', 'class:Error', true], ['caught', 'class:Error', false]]);
  });
});
