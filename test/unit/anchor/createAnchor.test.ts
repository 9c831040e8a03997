import * as assert from 'node:assert/strict';
import { createAnchor, enclosingSymbol } from '../../../src/core/anchor';
import { DeepDiveError } from '../../../src/core/errors';
import * as F from './fixtures';

describe('createAnchor', () => {
  it('captures the exact text, three lines of context each side, symbol and commit', () => {
    const a = createAnchor('src/auth.ts', F.AUTH, { start: 10, end: 11 }, F.AUTH_SYMBOLS, 'c0ffee');
    assert.equal(a.text, "    if (!ok) throw new HttpError(401, 'bad password');\n    return this.sessions.create(user.id);");
    assert.equal(a.before, ["    const user = await this.repo.findByEmail(email);", "    if (!user) throw new HttpError(401, 'unknown user');", '    const ok = await verify(password, user.passwordHash);'].join('\n'));
    assert.equal(a.after, ['  }', '', '  async logout(sessionId: string): Promise<void> {'].join('\n'));
    assert.equal(a.symbol, 'AuthService.login');
    assert.deepEqual(a.symbolRange, { start: 6, end: 12 });
    assert.equal(a.commit, 'c0ffee');
  });

  it('keeps context short at the edges of the file and stores LF line ends', () => {
    const a = createAnchor('x.ts', 'one\r\ntwo\r\nthree\r\n', { start: 1, end: 2 });
    assert.equal(a.text, 'one\ntwo');
    assert.equal(a.before, undefined);
    assert.equal(a.after, 'three');
    assert.equal(a.symbol, undefined);
  });

  it('picks the innermost enclosing symbol, none when the range spans several', () => {
    assert.equal(enclosingSymbol(F.AUTH_SYMBOLS, { start: 15, end: 15 })?.path, 'AuthService.logout');
    assert.equal(enclosingSymbol(F.AUTH_SYMBOLS, { start: 10, end: 15 })?.path, 'AuthService');
    assert.equal(enclosingSymbol(F.AUTH_SYMBOLS, { start: 1, end: 3 }), undefined);
  });

  it('refuses a range outside the file with a one-line reason naming it', () => {
    assert.throws(() => createAnchor('src/auth.ts', F.AUTH, { start: 17, end: 40 }), (e: unknown) => e instanceof DeepDiveError && e.message === 'src/auth.ts: line 40 is out of range (the file has 18 lines)');
    assert.throws(() => createAnchor('src/auth.ts', F.AUTH, { start: 5, end: 4 }), DeepDiveError);
    assert.throws(() => createAnchor('src/auth.ts', F.AUTH, { start: 0, end: 1 }), DeepDiveError);
  });
});
