// Names are data (issue 14): a decorator, a callee, an annotation key, a file or an author called
// "constructor", "toString" or "__proto__" is a name like any other. Before the lint rule that
// keeps plain-object dictionaries out of core, `routes` crashed on the Nest controller below
// (a method "constructor" looked up in a plain table found Object.prototype's function) and
// `history` crashed on a repository with a file called "constructor" at its root.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { analyzeHistory } from '../../../src/core/history/index';
import { dict, dictOf, getOwn, table } from '../../../src/core/ownKeys';
import { entriesOf } from '../entry/sampleServices.test';
import { ALICE, NOW, TestRepo } from '../history/gitFixture';

const FIXTURE = path.resolve(__dirname, '../../../../test/fixtures/routes/hostile-names');

describe('names are data', () => {
  it('dictionaries and tables find nothing that Object.prototype holds', () => {
    const t = table({ get: 'GET' });
    for (const name of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      assert.equal(t[name], undefined, name);
      assert.equal(dict<number>()[name], undefined, name);
    }
    const d = dict<number>();
    d.__proto__ = 1;
    assert.deepEqual(Object.keys(d), ['__proto__']);
    const back = dictOf(JSON.parse('{"__proto__": 2, "a": 3}') as Record<string, number>);
    assert.equal(getOwn(back, '__proto__'), 2);
    assert.equal(back.constructor, undefined);
  });

  it('routes: decorators, callees and annotation keys named like Object.prototype members', async () => {
    const got = (await entriesOf(FIXTURE)).filter((e) => e.kind === 'http').map((e) => `${e.method} ${e.path}`).sort();
    // Before: two routes whose method was "function Object() { [native code] }", and no /proto.
    assert.deepEqual(got, ['GET /api', 'GET /items/:id', 'GET /java/ok', 'GET /ok', 'GET /proto']);
  });

  it('history: files and authors named like Object.prototype members, cold and from its cache', async () => {
    const repo = new TestRepo();
    const names = { constructor: 'a\n', toString: 'b\n', ['__proto__']: 'c\n', 'src/constructor': 'd\n' };
    repo.commit(ALICE, 10, names);
    repo.commit({ name: 'Constructor', email: 'constructor' }, 5, { constructor: 'a\nb\n' });
    for (const run of ['cold', 'cached']) {
      const report = await analyzeHistory(repo.dir, { trusted: true, now: NOW });
      assert.equal(report.available, true, run);
      const files = report.files.map((f) => f.path).sort();
      assert.deepEqual(files, Object.keys(names).sort(), run);
      assert.ok(report.people.some((p) => p.email === 'constructor'), `${run}: ${report.people.map((p) => p.email).join(', ')}`);
    }
  });
});
