import * as assert from 'node:assert/strict';
import { createAnchor, reanchor, refreshAnchor } from '../../../src/core/anchor';
import type { AnchorFile, ReanchorOptions } from '../../../src/core/anchor';
import type { LineRange } from '../../../src/core/model/types';
import * as F from './fixtures';

interface Case {
  name: string;
  before: AnchorFile;
  range: LineRange;
  after: AnchorFile[];
  options?: ReanchorOptions;
  expect: { status: 'anchored' | 'moved' | 'orphaned'; path: string; range: LineRange; method?: string };
}

const A = 'src/auth.ts';
const auth = { path: A, text: F.AUTH, symbols: F.AUTH_SYMBOLS };
const LOGIN: LineRange = { start: 6, end: 12 };
const LOGOUT: LineRange = { start: 14, end: 17 };
const BAD_PASSWORD_LINE: LineRange = { start: 10, end: 10 };

const cases: Case[] = [
  {
    name: 'unchanged file: anchored exactly',
    before: auth,
    range: LOGIN,
    after: [auth],
    expect: { status: 'anchored', path: A, range: LOGIN, method: 'exact' },
  },
  {
    name: 'lines inserted above: the whole method follows its symbol',
    before: auth,
    range: LOGIN,
    after: [{ path: A, text: F.AUTH_INSERTED, symbols: F.AUTH_INSERTED_SYMBOLS }],
    expect: { status: 'moved', path: A, range: { start: 9, end: 15 }, method: 'symbol' },
  },
  {
    name: 'lines inserted above, no symbols known: found by exact text',
    before: auth,
    range: LOGIN,
    after: [{ path: A, text: F.AUTH_INSERTED }],
    expect: { status: 'moved', path: A, range: { start: 9, end: 15 }, method: 'exact' },
  },
  {
    name: 'lines inserted above: a one-line note inside the method follows its line',
    before: auth,
    range: BAD_PASSWORD_LINE,
    after: [{ path: A, text: F.AUTH_INSERTED, symbols: F.AUTH_INSERTED_SYMBOLS }],
    expect: { status: 'moved', path: A, range: { start: 13, end: 13 }, method: 'symbol' },
  },
  {
    name: 'body edited: the whole method, one line longer',
    before: auth,
    range: LOGIN,
    after: [{ path: A, text: F.AUTH_BODY_EDITED, symbols: F.AUTH_BODY_EDITED_SYMBOLS }],
    expect: { status: 'moved', path: A, range: { start: 6, end: 13 }, method: 'symbol' },
  },
  {
    name: 'body edited, no symbols known: fuzzy match stretches the range',
    before: auth,
    range: LOGIN,
    after: [{ path: A, text: F.AUTH_BODY_EDITED }],
    expect: { status: 'moved', path: A, range: { start: 6, end: 13 }, method: 'fuzzy' },
  },
  {
    name: 'body edited: a note on the edited line itself stays on it',
    before: auth,
    range: { start: 8, end: 8 },
    after: [{ path: A, text: F.AUTH_BODY_EDITED, symbols: F.AUTH_BODY_EDITED_SYMBOLS }],
    expect: { status: 'moved', path: A, range: { start: 9, end: 9 }, method: 'symbol' },
  },
  {
    name: 'function renamed (and a method added above): found by fuzzy text',
    before: auth,
    range: LOGIN,
    after: [{ path: A, text: F.AUTH_RENAMED_FN, symbols: F.AUTH_RENAMED_FN_SYMBOLS }],
    expect: { status: 'moved', path: A, range: { start: 10, end: 16 }, method: 'fuzzy' },
  },
  {
    name: 'file renamed, with git rename info: symbol in the new file',
    before: auth,
    range: LOGIN,
    after: [{ path: 'src/authService.ts', text: F.AUTH_INSERTED, symbols: F.AUTH_INSERTED_SYMBOLS }],
    options: { renames: { [A]: 'src/authService.ts' } },
    expect: { status: 'moved', path: 'src/authService.ts', range: { start: 9, end: 15 }, method: 'symbol' },
  },
  {
    name: 'file renamed, no rename info, no symbols: exact text in another file',
    before: auth,
    range: BAD_PASSWORD_LINE,
    after: [{ path: 'src/other.ts', text: F.UNRELATED }, { path: 'src/authService.ts', text: F.AUTH_INSERTED }],
    expect: { status: 'moved', path: 'src/authService.ts', range: { start: 13, end: 13 }, method: 'exact' },
  },
  {
    name: 'code moved to another file: the same symbol name there',
    before: auth,
    range: LOGOUT,
    after: [
      { path: A, text: F.AUTH_WITHOUT_LOGOUT, symbols: F.AUTH_WITHOUT_LOGOUT_SYMBOLS },
      { path: 'src/sessions.ts', text: F.SESSIONS_WITH_LOGOUT, symbols: F.SESSIONS_WITH_LOGOUT_SYMBOLS },
    ],
    expect: { status: 'moved', path: 'src/sessions.ts', range: { start: 6, end: 9 }, method: 'symbol' },
  },
  {
    name: 'code moved to another file, no symbols: exact text there',
    before: auth,
    range: LOGOUT,
    after: [
      { path: A, text: F.AUTH_WITHOUT_LOGOUT },
      { path: 'src/sessions.ts', text: F.SESSIONS_WITH_LOGOUT },
    ],
    expect: { status: 'moved', path: 'src/sessions.ts', range: { start: 6, end: 9 }, method: 'exact' },
  },
  {
    name: 'code deleted: orphaned at its last known place, never dropped',
    before: auth,
    range: LOGIN,
    after: [{ path: A, text: F.AUTH_LOGIN_DELETED, symbols: F.AUTH_LOGIN_DELETED_SYMBOLS }],
    expect: { status: 'orphaned', path: A, range: LOGIN },
  },
  {
    name: 'code deleted, no symbols: orphaned (the lines now hold other code)',
    before: auth,
    range: LOGIN,
    after: [{ path: A, text: F.AUTH_LOGIN_DELETED }],
    expect: { status: 'orphaned', path: A, range: LOGIN },
  },
  {
    name: 'file rewritten as unrelated code: orphaned, not kept on the old lines',
    before: auth,
    range: BAD_PASSWORD_LINE,
    after: [{ path: A, text: F.UNRELATED }],
    expect: { status: 'orphaned', path: A, range: BAD_PASSWORD_LINE },
  },
  {
    name: 'file deleted: orphaned',
    before: auth,
    range: LOGIN,
    after: [{ path: 'src/other.ts', text: F.UNRELATED }],
    expect: { status: 'orphaned', path: A, range: LOGIN },
  },
  {
    name: 'whitespace-only changes: anchored exactly',
    before: auth,
    range: LOGIN,
    after: [{ path: A, text: F.AUTH_WHITESPACE }],
    expect: { status: 'anchored', path: A, range: LOGIN, method: 'exact' },
  },
  {
    name: 'duplicated code: the second guard stays the second guard',
    before: { path: 'src/guards.js', text: F.GUARDS },
    range: { start: 9, end: 11 },
    after: [{ path: 'src/guards.js', text: F.GUARDS_INSERTED }],
    expect: { status: 'moved', path: 'src/guards.js', range: { start: 12, end: 14 }, method: 'exact' },
  },
  {
    name: 'duplicated code: the first guard stays the first guard',
    before: { path: 'src/guards.js', text: F.GUARDS },
    range: { start: 2, end: 4 },
    after: [{ path: 'src/guards.js', text: F.GUARDS_INSERTED }],
    expect: { status: 'moved', path: 'src/guards.js', range: { start: 5, end: 7 }, method: 'exact' },
  },
  {
    name: 'CRLF line ends: anchored exactly',
    before: auth,
    range: LOGIN,
    after: [{ path: A, text: F.AUTH.replace(/\n/g, '\r\n'), symbols: F.AUTH_SYMBOLS }],
    expect: { status: 'anchored', path: A, range: LOGIN, method: 'exact' },
  },
  {
    name: 'anchored on CRLF, re-found on LF with lines inserted above',
    before: { path: A, text: F.AUTH.replace(/\n/g, '\r\n'), symbols: F.AUTH_SYMBOLS },
    range: BAD_PASSWORD_LINE,
    after: [{ path: A, text: F.AUTH_INSERTED }],
    expect: { status: 'moved', path: A, range: { start: 13, end: 13 }, method: 'exact' },
  },
];

describe('reanchor: literal before/after fixtures', () => {
  for (const c of cases) {
    it(c.name, () => {
      const anchor = createAnchor(c.before.path, c.before.text, c.range, c.before.symbols, 'abc123');
      const got = reanchor(anchor, c.after, c.options);
      assert.equal(got.status, c.expect.status, JSON.stringify(got));
      assert.equal(got.path, c.expect.path);
      assert.deepEqual(got.range, c.expect.range);
      if (c.expect.method) assert.equal(got.method, c.expect.method);
      if (got.status === 'orphaned') {
        assert.equal(got.confidence, 0);
        assert.equal(got.method, undefined);
      } else {
        assert.ok(got.confidence > 0 && got.confidence <= 1, `confidence ${got.confidence}`);
      }
      // Pure and deterministic: the same answer twice, inputs untouched.
      assert.deepEqual(reanchor(anchor, c.after, c.options), got);
      assert.deepEqual(anchor, createAnchor(c.before.path, c.before.text, c.range, c.before.symbols, 'abc123'));
    });
  }

  it('an orphaned anchor keeps its last known text', () => {
    const anchor = createAnchor(A, F.AUTH, LOGIN, F.AUTH_SYMBOLS);
    const files = [{ path: A, text: F.AUTH_LOGIN_DELETED }];
    const got = reanchor(anchor, files);
    assert.equal(got.status, 'orphaned');
    const kept = refreshAnchor(anchor, got, files);
    assert.equal(kept, anchor);
    assert.match(kept.text, /async login\(email/);
  });

  it('refreshAnchor re-captures text, context and symbol at the new place', () => {
    const anchor = createAnchor(A, F.AUTH, LOGIN, F.AUTH_SYMBOLS, 'old');
    const files = [{ path: A, text: F.AUTH_BODY_EDITED, symbols: F.AUTH_BODY_EDITED_SYMBOLS }];
    const fresh = refreshAnchor(anchor, reanchor(anchor, files), files, 'new');
    assert.deepEqual(fresh.range, { start: 6, end: 13 });
    assert.match(fresh.text, /limiter\.check/);
    assert.equal(fresh.symbol, 'AuthService.login');
    assert.deepEqual(fresh.symbolRange, { start: 6, end: 13 });
    assert.equal(fresh.commit, 'new');
    // Once refreshed, the next re-anchor against the same text is exact and in place.
    assert.deepEqual(reanchor(fresh, files), { status: 'anchored', path: A, range: { start: 6, end: 13 }, confidence: 1, method: 'exact' });
  });

  it('without symbols (useSymbols false) a renamed method is still found by its text', () => {
    const anchor = createAnchor(A, F.AUTH, LOGIN, F.AUTH_SYMBOLS);
    const got = reanchor(anchor, [{ path: A, text: F.AUTH_RENAMED_FN, symbols: F.AUTH_RENAMED_FN_SYMBOLS }], { useSymbols: false });
    assert.deepEqual([got.status, got.range, got.method], ['moved', { start: 10, end: 16 }, 'fuzzy']);
  });
});
